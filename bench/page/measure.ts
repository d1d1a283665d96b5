/** Small measuring helpers for bench cases. */

/** Runs `once` `warmup` times unmeasured, then `count` times, returning each duration in ms. */
export async function timeEach(count: number, once: () => Promise<void>, warmup = 0): Promise<number[]> {
  for (let i = 0; i < warmup; i += 1) await once();
  const samples: number[] = [];
  for (let i = 0; i < count; i += 1) {
    const startedAt = performance.now();
    await once();
    samples.push(performance.now() - startedAt);
  }
  return samples;
}

/** Megabytes (10^6 bytes) per second for `bytes` moved in `ms`. */
export const megabytesPerSecond = (bytes: number, ms: number): number => bytes / 1e6 / (ms / 1000);

/** The payload of the throughput cases: 16 MiB in 64 KiB messages. */
export const THROUGHPUT_BYTES = 16 * 1024 * 1024;
export const THROUGHPUT_MESSAGE_BYTES = 64 * 1024;
