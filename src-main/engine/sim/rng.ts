// Seeded random numbers: xoshiro128** streams seeded by SplitMix64, integer-only state, so draws are bit-identical everywhere.
import { detLog } from './det-math';

/** Independent streams of one run: changing the input never changes the connectivity, and so on. */
export const RngStream = {
  connectivity: 1,
  initialState: 2,
  input: 3,
  recording: 4,
} as const;
export type RngStreamName = keyof typeof RngStream;

const MASK64 = (1n << 64n) - 1n;

/** SplitMix64 (Steele et al. 2014), used only to expand (seed, stream) into well-mixed generator state. */
function splitMix64(state: bigint): [bigint, bigint] {
  const next = (state + 0x9e3779b97f4a7c15n) & MASK64;
  let z = next;
  z = ((z ^ (z >> 30n)) * 0xbf58476d1ce4e5b9n) & MASK64;
  z = ((z ^ (z >> 27n)) * 0x94d049bb133111ebn) & MASK64;
  return [next, z ^ (z >> 31n)];
}

/** xoshiro128** 1.1 (Blackman & Vigna 2018): 32-bit outputs, period 2^128 − 1. */
export class Rng {
  private s0: number;
  private s1: number;
  private s2: number;
  private s3: number;
  private spare = 0;
  private hasSpare = false;

  /** `seed`: a non-negative integer below 2^53; `stream`: which independent stream of that seed. */
  constructor(seed: number, stream: number) {
    if (!Number.isSafeInteger(seed) || seed < 0)
      throw new RangeError(`seed must be an integer in [0, 2^53), got ${seed}`);
    let state = (BigInt(seed) * 0x100000001b3n + BigInt(stream) * 0x9e3779b97f4a7c15n) & MASK64;
    const words: number[] = [];
    for (let i = 0; i < 2; i++) {
      const [next, out] = splitMix64(state);
      state = next;
      words.push(Number(out & 0xffffffffn), Number(out >> 32n));
    }
    [this.s0, this.s1, this.s2, this.s3] = words;
    if ((this.s0 | this.s1 | this.s2 | this.s3) === 0) this.s0 = 1; // the all-zero state is a fixed point
  }

  static of(seed: number, stream: RngStreamName): Rng {
    return new Rng(seed, RngStream[stream]);
  }

  /** The four state words, into `out[0..4)` (an Int32Array keeps their bits): hands the stream to the wasm input. */
  saveState(out: Int32Array): void {
    out[0] = this.s0;
    out[1] = this.s1;
    out[2] = this.s2;
    out[3] = this.s3;
  }

  /** Takes the stream back from `saveState`'s words (after a wasm loop advanced them). */
  loadState(words: Int32Array): void {
    [this.s0, this.s1, this.s2, this.s3] = [words[0], words[1], words[2], words[3]];
  }

  /** Next 32-bit unsigned integer. */
  nextU32(): number {
    const s1 = this.s1;
    const result = Math.imul(rotl(Math.imul(s1, 5), 7), 9) >>> 0;
    const t = s1 << 9;
    this.s2 ^= this.s0;
    this.s3 ^= s1;
    this.s1 ^= this.s2;
    this.s0 ^= this.s3;
    this.s2 ^= t;
    this.s3 = rotl(this.s3, 11);
    return result;
  }

  /** Uniform in [0, 1) with 32 bits of resolution (fast path for Bernoulli/Poisson draws). */
  uniform32(): number {
    return this.nextU32() * 2.3283064365386963e-10;
  }

  /** `uniform32()` draws `count` times into `out[0..count)`, in order: the same values, with the state kept in locals. */
  fillUniform32(out: Float64Array, count: number): void {
    let s0 = this.s0;
    let s1 = this.s1;
    let s2 = this.s2;
    let s3 = this.s3;
    for (let i = 0; i < count; i++) {
      out[i] = (Math.imul(rotl(Math.imul(s1, 5), 7), 9) >>> 0) * 2.3283064365386963e-10;
      const t = s1 << 9;
      s2 ^= s0;
      s3 ^= s1;
      s1 ^= s2;
      s0 ^= s3;
      s2 ^= t;
      s3 = rotl(s3, 11);
    }
    this.s0 = s0;
    this.s1 = s1;
    this.s2 = s2;
    this.s3 = s3;
  }

  /** Uniform in [0, 1) with 53 bits of resolution. */
  uniform(): number {
    const hi = this.nextU32() >>> 5;
    const lo = this.nextU32() >>> 6;
    return (hi * 67108864 + lo) * 1.1102230246251565e-16;
  }

  /** Integer uniform in [0, n), unbiased (rejection of the incomplete top range). */
  below(n: number): number {
    if (n <= 0) return 0;
    const limit = 4294967296 - mod(4294967296, n);
    for (;;) {
      const x = this.nextU32();
      if (x < limit) return mod(x, n);
    }
  }

  /** Standard normal by Marsaglia's polar method (only +, *, / , sqrt and detLog: deterministic). */
  normal(): number {
    if (this.hasSpare) {
      this.hasSpare = false;
      return this.spare;
    }
    let u: number, v: number, s: number;
    do {
      u = 2 * this.uniform() - 1;
      v = 2 * this.uniform() - 1;
      s = u * u + v * v;
    } while (s >= 1 || s === 0);
    const f = Math.sqrt((-2 * detLog(s)) / s);
    this.spare = v * f;
    this.hasSpare = true;
    return u * f;
  }
}

/**
 * x mod n for integers 0 ≤ x ≤ 2^32 and 1 ≤ n < 2^32, equal to `x % n` but without its fmod call (V8 takes that
 * path for uint32 values ≥ 2^31). floor(x / n) is exact: the quotient's rounding error is below x/n · 2^−53, less
 * than its distance 1/n to the next integer since x < 2^53; the product and difference are exact integers.
 */
function mod(x: number, n: number): number {
  return x - Math.floor(x / n) * n;
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}

/**
 * Cumulative Poisson(lambda) table for inversion sampling: `cdf[k] = P(X ≤ k)`, built around the mode so large
 * lambda does not underflow. Deterministic (no Math.exp). Shape [kMax + 1].
 */
export function poissonCdf(lambda: number): Float64Array {
  if (!(lambda >= 0) || lambda > 1e5) throw new RangeError(`Poisson mean per step must be in [0, 1e5], got ${lambda}`);
  if (lambda === 0) return Float64Array.of(1);
  const mode = Math.floor(lambda);
  // Unnormalised probabilities relative to the mode, until they drop below 1e-18 of it.
  const up: number[] = [1];
  for (let k = mode + 1; ; k++) {
    const next = (up[up.length - 1] * lambda) / k;
    if (next < 1e-18) break;
    up.push(next);
  }
  const down: number[] = [];
  let p = 1;
  for (let k = mode; k > 0; k--) {
    p = (p * k) / lambda;
    if (p < 1e-18) break;
    down.push(p);
  }
  const start = mode - down.length;
  const weights = [...down.reverse(), ...up];
  let total = 0;
  for (const w of weights) total += w;
  const cdf = new Float64Array(start + weights.length);
  let acc = 0;
  for (let i = 0; i < weights.length; i++) {
    acc += weights[i];
    cdf[start + i] = acc / total;
  }
  cdf[cdf.length - 1] = 1;
  return cdf;
}

/** Draws from a `poissonCdf` table with one 32-bit uniform: the smallest k with u < cdf[k]. */
export function samplePoisson(cdf: Float64Array, rng: Rng): number {
  return poissonQuantile(cdf, rng.uniform32());
}

/** The smallest k with u < cdf[k], for u in [0, 1). */
export function poissonQuantile(cdf: Float64Array, u: number): number {
  if (u < cdf[0]) return 0;
  let lo = 1;
  let hi = cdf.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (u < cdf[mid]) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}
