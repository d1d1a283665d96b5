/**
 * Small, reproducible pseudo-random numbers for placing things: the same seed gives the same
 * numbers on every machine and every run, which `Math.random` cannot promise.
 */

/** A source of numbers in [0, 1), like `Math.random`. */
export type RandomSource = () => number;

/**
 * mulberry32 (Tommy Ettinger, public domain): a 32-bit state generator, fast, with a full
 * 2^32 period. Good enough for scattering cubes; it is not cryptographic. Only the low 32 bits
 * of `seed` count, so use {@link mixSeed} to derive seeds from larger or several numbers.
 *
 * @example
 * ```ts
 * const random = mulberry32(42);
 * const a = random(); // a number in [0, 1)
 * mulberry32(42)() === a; // true: same seed, same sequence
 * ```
 */
export function mulberry32(seed: number): RandomSource {
  let state = seed | 0;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/**
 * A 32-bit seed from several integers, each part changing the result throughout (MurmurHash3's
 * finaliser per part). Lets every member of a layout have a stream of its own, keyed by the
 * layout's seed and its index, so that member 5's numbers do not depend on how many numbers
 * members 0 to 4 used.
 *
 * @example
 * ```ts
 * mulberry32(mixSeed(7, 0)); // member 0's stream for seed 7
 * mixSeed(7, 0) !== mixSeed(7, 1); // true
 * ```
 */
export function mixSeed(...parts: readonly number[]): number {
  let hash = 0x9e3779b9; // the golden ratio's bits: a start that is not zero
  for (const part of parts) {
    // Both halves of a safe integer, so seeds 1 and 2^32 + 1 differ.
    hash = fmix32(hash ^ fmix32(part >>> 0));
    hash = fmix32(hash ^ fmix32(Math.floor(part / 4_294_967_296) >>> 0));
  }
  return hash;
}

/** MurmurHash3's 32-bit finaliser: every input bit flips about half of the output bits. */
function fmix32(value: number): number {
  let h = value;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}
