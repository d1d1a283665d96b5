/**
 * Browser-test helpers for the audio layer: tones, spectrum probes and a record of helper
 * media elements, each released by one `cleanup()` after the test.
 */
import { createSyntheticStream } from '../media/createSyntheticStream.ts';
import { recordAudioElements, spectrumProbe, type MediaElementRecord, type SpectrumProbe } from './spectrumProbe.ts';

export interface AudioTestKit {
  /** A small synthetic stream whose tone is `frequency` Hz. */
  tone(frequency: number): MediaStream;
  /** Records every `new Audio()` from now on (see `recordAudioElements`). */
  elements(): MediaElementRecord;
  /** A plain Web Audio probe of `stream`'s spectrum. */
  probe(stream: MediaStream): Promise<SpectrumProbe>;
  /** Releases `release` with the rest, in reverse order. */
  later(release: () => unknown): void;
  /** Releases everything made since the last cleanup; for `afterEach`. */
  cleanup(): Promise<void>;
}

export function audioTestKit(): AudioTestKit {
  const releases: (() => unknown)[] = [];
  const later = (release: () => unknown) => void releases.push(release);
  return {
    tone(frequency) {
      const stream = createSyntheticStream({ label: `${frequency} Hz`, frequency, width: 32, height: 24, fps: 5 });
      later(() => {
        for (const track of stream.getTracks()) track.stop();
      });
      return stream;
    },
    elements() {
      const record = recordAudioElements();
      later(() => record.restore());
      return record;
    },
    async probe(stream) {
      const opened = await spectrumProbe(stream);
      later(() => opened.close());
      return opened;
    },
    later,
    async cleanup() {
      for (const release of releases.splice(0).reverse()) await release();
    },
  };
}
