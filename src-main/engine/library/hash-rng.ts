// Counter-based random numbers: every draw is a hash of (seed, stream, index), so run i never depends on run i-1.

/** 32-bit finaliser of MurmurHash3: a bijection with full avalanche. */
export function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Hashes a list of 32-bit words (seed, stream tag, indices) to one 32-bit word. */
export function hash32(...words: number[]): number {
  // Golden-ratio increment between words so that (a, b) and (b, a) differ.
  let h = 0x9e3779b9;
  for (const w of words) h = fmix32((h ^ (w >>> 0)) + 0x9e3779b9);
  return h;
}

/** A uniform double in [0, 1) with 53 random bits, from two hashes of the same key. */
export function hashUniform(...words: number[]): number {
  const hi = hash32(...words, 0x5bd1e995) >>> 5; // 27 bits
  const lo = hash32(...words, 0x1b873593) >>> 6; // 26 bits
  return (hi * 67108864 + lo) / 9007199254740992;
}

/** Stream tags keep draws for different purposes independent. */
export const STREAM = { runSeed: 1, lhsPerm: 2, lhsJitter: 3, random: 4, sobolScramble: 5, recording: 6 } as const;

/** A small sequential generator (mulberry32) for shuffles seeded from a hash: the same one metrics use. */
export { mulberry32 } from '../metrics/rng';
