// Experimental designs over the unit cube: scrambled Sobol, Latin hypercube, random, grid. Point j is a pure function.
import type { Design } from '../../../src-shared/space/library-spec';
import { hash32, hashUniform, mulberry32, STREAM } from './hash-rng';
import { SOBOL_DIRECTIONS } from './sobol-directions';

export const SOBOL_MAX_DIM = SOBOL_DIRECTIONS.length + 1;
const BITS = 32;

/** Direction numbers v[d][k] (32-bit, k = 0..31) for dimensions 0..dim-1 (Bratley & Fox construction). */
function sobolDirections(dim: number): Uint32Array[] {
  if (dim > SOBOL_MAX_DIM) throw new Error(`Sobol design supports at most ${SOBOL_MAX_DIM} dimensions, got ${dim}`);
  const out: Uint32Array[] = [];
  for (let d = 0; d < dim; d++) {
    const v = new Uint32Array(BITS);
    if (d === 0) {
      for (let k = 0; k < BITS; k++) v[k] = 2 ** (BITS - 1 - k);
    } else {
      const [poly, ...m] = SOBOL_DIRECTIONS[d - 1];
      const s = m.length;
      for (let k = 0; k < Math.min(s, BITS); k++) v[k] = (m[k] * 2 ** (BITS - 1 - k)) >>> 0;
      for (let k = s; k < BITS; k++) {
        let x = v[k - s] ^ (v[k - s] >>> s);
        for (let j = 1; j < s; j++) {
          // Coefficient a_j of the polynomial: bit (s - 1 - j) of its middle bits.
          if ((poly >>> (s - j)) & 1) x ^= v[k - j];
        }
        v[k] = x >>> 0;
      }
    }
    out.push(v);
  }
  return out;
}

function reverseBits(x: number): number {
  x = ((x >>> 1) & 0x55555555) | ((x & 0x55555555) << 1);
  x = ((x >>> 2) & 0x33333333) | ((x & 0x33333333) << 2);
  x = ((x >>> 4) & 0x0f0f0f0f) | ((x & 0x0f0f0f0f) << 4);
  x = ((x >>> 8) & 0x00ff00ff) | ((x & 0x00ff00ff) << 8);
  return ((x >>> 16) | (x << 16)) >>> 0;
}

/**
 * Owen-style nested scrambling by hashing, after Burley, "Practical Hash-based Owen Scrambling" (JCGT 2020): a cheap
 * approximation of Owen's nested uniform scrambling. On bit-reversed input each step only carries information
 * towards higher bits, so output digit k depends on input digits 1..k only, which keeps the (t, m, s)-net property
 * (tested), while flips of lower digits depend on the higher ones as in Owen's tree.
 */
export function owenScramble(x: number, seed: number): number {
  let r = reverseBits(x);
  r ^= Math.imul(r, 0x3d20adea);
  r = (r + seed) >>> 0;
  r = Math.imul(r, (seed >>> 16) | 1);
  r ^= Math.imul(r, 0x05526c56);
  r ^= Math.imul(r, 0x53a22864);
  return reverseBits(r >>> 0);
}

/** A design bound to (design, dim, nSets, seed): `point(j, out)` fills out[0..dim) with coordinates in [0, 1). */
export interface DesignSampler {
  readonly dim: number;
  point(j: number, out?: Float64Array): Float64Array;
}

export function createDesign(design: Design, dim: number, nSets: number, seed: number): DesignSampler {
  switch (design.kind) {
    case 'sobol':
      return sobolDesign(dim, seed, design.scramble);
    case 'lhs':
      return lhsDesign(dim, nSets, seed);
    case 'random':
      return {
        dim,
        point(j, out = new Float64Array(dim)) {
          for (let d = 0; d < dim; d++) out[d] = hashUniform(seed, STREAM.random, j, d);
          return out;
        },
      };
    case 'grid':
      return gridDesign(design.levels, dim);
  }
}

/** Sobol points in Gray-code order (as SciPy's qmc.Sobol), optionally scrambled. */
export function sobolDesign(dim: number, seed: number, scramble: 'owen' | 'shift' | 'none'): DesignSampler {
  const v = sobolDirections(dim);
  const keys = Array.from({ length: dim }, (_, d) => hash32(seed, STREAM.sobolScramble, d));
  return {
    dim,
    point(j, out = new Float64Array(dim)) {
      if (j < 0 || j >= 2 ** BITS || !Number.isInteger(j)) throw new Error(`Sobol index ${j} out of range`);
      const gray = (j ^ Math.floor(j / 2)) >>> 0;
      for (let d = 0; d < dim; d++) {
        let x = 0;
        for (let k = 0, g = gray; g; k++, g >>>= 1) if (g & 1) x ^= v[d][k];
        x >>>= 0;
        if (scramble === 'owen') x = owenScramble(x, keys[d]);
        else if (scramble === 'shift') x = (x ^ keys[d]) >>> 0;
        // Centre within the 2^-32 cell so that a scrambled 0 never lands exactly on a prior's edge.
        out[d] = scramble === 'none' ? x / 2 ** BITS : (x + 0.5) / 2 ** BITS;
      }
      return out;
    },
  };
}

/** Latin hypercube: one point per 1/nSets stratum in every dimension (seeded permutations, jittered in the stratum). */
export function lhsDesign(dim: number, nSets: number, seed: number): DesignSampler {
  const perms = Array.from({ length: dim }, (_, d) => {
    const rand = mulberry32(hash32(seed, STREAM.lhsPerm, d));
    const p = new Uint32Array(nSets);
    for (let i = 0; i < nSets; i++) p[i] = i;
    for (let i = nSets - 1; i > 0; i--) {
      const k = Math.floor(rand() * (i + 1));
      const t = p[i];
      p[i] = p[k];
      p[k] = t;
    }
    return p;
  });
  return {
    dim,
    point(j, out = new Float64Array(dim)) {
      if (j < 0 || j >= nSets) throw new Error(`LHS index ${j} out of range [0, ${nSets})`);
      for (let d = 0; d < dim; d++) out[d] = (perms[d][j] + hashUniform(seed, STREAM.lhsJitter, j, d)) / nSets;
      return out;
    },
  };
}

/** Full factorial grid; continuous levels include both ends of the prior (u = l / (L - 1)). */
export function gridDesign(levels: number[], dim: number): DesignSampler {
  if (levels.length !== dim) throw new Error(`grid needs ${dim} level counts, got ${levels.length}`);
  const total = levels.reduce((a, b) => a * b, 1);
  return {
    dim,
    point(j, out = new Float64Array(dim)) {
      if (j < 0 || j >= total) throw new Error(`grid index ${j} out of range [0, ${total})`);
      let rest = j;
      // Last parameter varies fastest (row-major), so a 2-D grid reads naturally as rows of the first parameter.
      for (let d = dim - 1; d >= 0; d--) {
        const l = rest % levels[d];
        rest = Math.floor(rest / levels[d]);
        // Just below 1 at the top level keeps u in [0, 1) for choice priors while hitting the upper bound otherwise.
        out[d] = levels[d] === 1 ? 0.5 : Math.min(l / (levels[d] - 1), 1 - 2 ** -53);
      }
      return out;
    },
  };
}
