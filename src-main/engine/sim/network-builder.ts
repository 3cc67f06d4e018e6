// Builds the synapses of a spec as a source-major CSR (compressed rows per presynaptic neuron) for event-driven propagation.
import { validationError } from '../../../src-shared/contract/envelope';
import {
  pathwayKeys,
  type NetworkSpec,
  type PathwayKey,
  type PathwaySpec,
} from '../../../src-shared/model/network-spec';
import { BuildScratch } from './build-scratch';
import { detExp, detLog } from './det-math';
import { Rng } from './rng';

/** Populations in the simulated index space: E is [0, nE), I is [nE, n). */
export interface PopulationLayout {
  n: number;
  nE: number;
  nI: number;
}

export interface Network extends PopulationLayout {
  /** Row offsets per source neuron. Shape [n + 1]. */
  rowPtr: Uint32Array;
  /** Target neuron per synapse, rows in source order. Shape [nSynapses]. */
  target: Uint32Array;
  /** Effective weight per synapse (after scaling and heterogeneity), in the family's weight unit. Shape [nSynapses]. */
  weight: Float64Array;
  /** Delay in steps per synapse, or null when every delay is 0. Shape [nSynapses]. */
  delay: Uint16Array | null;
  maxDelaySteps: number;
  nSynapses: number;
  /** Per pathway: synapse count, mean in-degree K used for scaling, and the scaled weight J_eff. */
  pathways: Record<PathwayKey, { nSynapses: number; meanInDegree: number; effectiveWeight: number }>;
}

export function layoutOf(spec: NetworkSpec): PopulationLayout {
  const n = spec.network.nNeurons;
  const nE = Math.round(n * spec.network.fractionE);
  return { n, nE, nI: n - nE };
}

/** Connectivity sub-streams: topology, weights and delays of each pathway draw from their own stream. */
function stream(kind: 0 | 1 | 2, pathwayIndex: number): number {
  return 100 + kind * 10 + pathwayIndex;
}

/** Mean in-degree K of a pathway (what the J/√K, J/K and J/ln K scalings divide by). */
export function meanInDegree(p: PathwaySpec, nSource: number, samepopulation: boolean): number {
  if (p.rule === 'fixed-indegree') return p.k;
  const candidates = samepopulation && !p.autapses ? nSource - 1 : nSource;
  return p.p * candidates;
}

export function scaledWeight(spec: NetworkSpec, key: PathwayKey, k: number): number {
  const j = spec.connectivity[key].weight;
  const field = `connectivity.${key}`;
  switch (spec.connectivity.weightScaling) {
    case 'absolute':
      return j;
    case 'sqrt-k':
      if (k <= 0) throw validationError(field, 'J/√K scaling needs a mean in-degree K > 0', { meanInDegree: k });
      return j / Math.sqrt(k);
    case 'k':
      if (k <= 0) throw validationError(field, 'J/K scaling needs a mean in-degree K > 0', { meanInDegree: k });
      return j / k;
    case 'log-k':
      if (k <= 1) throw validationError(field, 'J/ln K scaling needs a mean in-degree K > 1', { meanInDegree: k });
      return j / detLog(k);
  }
}

interface PathwayEdges {
  src: Uint32Array;
  tgt: Uint32Array;
  count: number;
}

/** One pathway's synapses before the sort by source: edges, and weights and delays per edge or one for all. */
interface PathwayDraws {
  edges: PathwayEdges;
  weight: Float64Array | number;
  delay: Uint16Array | number;
}

/** The sizes of a network's CSR, known once its pathways are drawn. */
export interface CsrShape {
  n: number;
  nSynapses: number;
  maxDelaySteps: number;
}

/** Allocates the CSR's arrays, zero-filled (the wasm arena, or fresh typed arrays). */
export interface CsrAllocator {
  u32(count: number): Uint32Array;
  f64(count: number): Float64Array;
  u16(count: number): Uint16Array;
}

export const freshArrays: CsrAllocator = {
  u32: (count) => new Uint32Array(count),
  f64: (count) => new Float64Array(count),
  u16: (count) => new Uint16Array(count),
};

/** This thread's scratch for the temporaries of a build. */
const scratch = new BuildScratch();

/**
 * Builds the network of `spec` with the connectivity streams of `seed`. `allocate` is asked, once the sizes are
 * known, where the CSR's arrays go (a run's wasm arena takes them directly).
 */
export function buildNetwork(
  spec: NetworkSpec,
  seed: number,
  allocate: (shape: CsrShape) => CsrAllocator = () => freshArrays,
): Network {
  const layout = layoutOf(spec);
  const { n, nE, nI } = layout;
  const popStart = { E: 0, I: nE };
  const popSize = { E: nE, I: nI };
  const draws: PathwayDraws[] = [];
  const pathways = {} as Network['pathways'];
  let maxDelaySteps = 0;
  scratch.reset();

  pathwayKeys.forEach((key, index) => {
    const p = spec.connectivity[key];
    const srcPop = key[0] as 'E' | 'I';
    const tgtPop = key[1] as 'E' | 'I';
    const same = srcPop === tgtPop;
    const nSrc = popSize[srcPop];
    const nTgt = popSize[tgtPop];
    const field = `connectivity.${key}`;
    if (p.delayMaxSteps < p.delayMinSteps) {
      throw validationError(`${field}.delayMaxSteps`, `must be ≥ delayMinSteps (${p.delayMinSteps})`);
    }
    const topo = new Rng(seed, stream(0, index));
    const e =
      p.rule === 'fixed-probability'
        ? fixedProbability(topo, nSrc, nTgt, p.p, same && !p.autapses)
        : fixedInDegree(topo, nSrc, nTgt, p.k, same && !p.autapses, `${field}.k`);
    // Local to global indices.
    const srcOffset = popStart[srcPop];
    const tgtOffset = popStart[tgtPop];
    const { src, tgt, count } = e;
    for (let s = 0; s < count; s++) {
      src[s] += srcOffset;
      tgt[s] += tgtOffset;
    }
    const k = meanInDegree(p, nSrc, same);
    const jEff = scaledWeight(spec, key, k);
    let w: Float64Array | number = jEff;
    if (p.weightCv > 0 && jEff !== 0) {
      // Lognormal with mean |J_eff| and CV c: σ² = ln(1 + c²), μ = ln|J_eff| − σ²/2; the sign of J is kept.
      const wr = new Rng(seed, stream(1, index));
      const sigma2 = detLog(1 + p.weightCv * p.weightCv);
      const sigma = Math.sqrt(sigma2);
      const sign = jEff < 0 ? -1 : 1;
      const mu = detLog(Math.abs(jEff)) - sigma2 / 2;
      w = scratch.f64(count);
      for (let s = 0; s < count; s++) w[s] = sign * detExp(mu + sigma * wr.normal());
    }
    let d: Uint16Array | number = 0;
    if (p.delayMaxSteps > 0) {
      const span = p.delayMaxSteps - p.delayMinSteps + 1;
      if (span === 1) d = p.delayMinSteps;
      else {
        const dr = new Rng(seed, stream(2, index));
        d = scratch.u16(count);
        for (let s = 0; s < count; s++) d[s] = p.delayMinSteps + dr.below(span);
      }
      maxDelaySteps = Math.max(maxDelaySteps, p.delayMaxSteps);
    }
    draws.push({ edges: e, weight: w, delay: d });
    pathways[key] = { nSynapses: count, meanInDegree: k, effectiveWeight: jEff };
  });

  // Stable counting sort by source: rows hold EE then EI targets (E sources), IE then II (I sources).
  const nSynapses = draws.reduce((a, d) => a + d.edges.count, 0);
  if (nSynapses > 2 ** 32 - 1) throw validationError('network.nNeurons', 'more than 2^32 − 1 synapses');
  const out = allocate({ n, nSynapses, maxDelaySteps });
  const rowPtr = out.u32(n + 1);
  for (const { edges } of draws) for (let s = 0; s < edges.count; s++) rowPtr[edges.src[s] + 1]++;
  for (let i = 0; i < n; i++) rowPtr[i + 1] += rowPtr[i];
  const fill = scratch.u32(n);
  fill.set(rowPtr.subarray(0, n));
  const target = out.u32(nSynapses);
  const weight = out.f64(nSynapses);
  const delay = maxDelaySteps > 0 ? out.u16(nSynapses) : null;
  for (const d of draws) scatterBySource(d, fill, target, weight, delay);
  return { ...layout, rowPtr, target, weight, delay, maxDelaySteps, nSynapses, pathways };
}

/** Writes one pathway's synapses into their source rows at `fill` (advanced as rows fill): a stable counting sort. */
function scatterBySource(
  draws: PathwayDraws,
  fill: Uint32Array,
  target: Uint32Array,
  weight: Float64Array,
  delay: Uint16Array | null,
): void {
  const { src, tgt, count } = draws.edges;
  const w = draws.weight;
  const d = draws.delay;
  if (delay && d !== 0) {
    for (let s = 0; s < count; s++) {
      const at = fill[src[s]]++;
      target[at] = tgt[s];
      weight[at] = typeof w === 'number' ? w : w[s];
      delay[at] = typeof d === 'number' ? d : d[s];
    }
    return;
  }
  // Without delays (the common case), one loop per weight kind keeps the branch out of the hot loop; a pathway
  // without delays in a network with some leaves its zeros.
  if (typeof w === 'number') {
    for (let s = 0; s < count; s++) {
      const at = fill[src[s]]++;
      target[at] = tgt[s];
      weight[at] = w;
    }
  } else {
    for (let s = 0; s < count; s++) {
      const at = fill[src[s]]++;
      target[at] = tgt[s];
      weight[at] = w[s];
    }
  }
}

class EdgeList {
  src: Uint32Array;
  tgt: Uint32Array;
  count = 0;
  constructor(capacity: number) {
    this.src = scratch.u32(Math.max(16, capacity));
    this.tgt = scratch.u32(Math.max(16, capacity));
  }
  push(s: number, t: number): void {
    if (this.count === this.src.length) {
      const grow = (a: Uint32Array) => {
        const b = scratch.u32(a.length * 2);
        b.set(a);
        return b;
      };
      this.src = grow(this.src);
      this.tgt = grow(this.tgt);
    }
    this.src[this.count] = s;
    this.tgt[this.count] = t;
    this.count++;
  }
}

/** Each (source, target) pair independently with probability p, by geometric skipping along each source's targets. */
function fixedProbability(rng: Rng, nSrc: number, nTgt: number, p: number, noSelf: boolean): PathwayEdges {
  const edges = new EdgeList(Math.ceil(nSrc * nTgt * p * 1.05) + 64);
  if (p <= 0 || nSrc === 0 || nTgt === 0) return edges;
  if (p >= 1) {
    for (let i = 0; i < nSrc; i++) for (let j = 0; j < nTgt; j++) if (!(noSelf && i === j)) edges.push(i, j);
    return edges;
  }
  const logQ = detLog(1 - p);
  for (let i = 0; i < nSrc; i++) {
    let j = -1;
    for (;;) {
      // Gap to the next connected target ~ Geometric(p): floor(ln U / ln(1 − p)), U in (0, 1].
      const u = 1 - rng.uniform();
      j += 1 + Math.floor(detLog(u) / logQ);
      if (j >= nTgt) break;
      if (noSelf && j === i) continue;
      edges.push(i, j);
    }
  }
  return edges;
}

/**
 * Exactly k distinct sources per target (Floyd's sampling without replacement), each target's sources in ascending
 * order (the order later per-synapse draws follow).
 */
function fixedInDegree(rng: Rng, nSrc: number, nTgt: number, k: number, noSelf: boolean, field: string): PathwayEdges {
  const pool = noSelf ? nSrc - 1 : nSrc;
  if (k > pool && nTgt > 0)
    throw validationError(field, `in-degree ${k} exceeds the ${pool} available sources`, { max: pool });
  const count = k * nTgt;
  const src = scratch.u32(count);
  const tgt = scratch.u32(count);
  const mark = scratch.i32(Math.max(pool, 1)).fill(-1);
  // Sorting a target's picks: through a bitset over the pool when it is small next to k (a scan of pool/32 words),
  // else by sorting the picks.
  const words = pool <= 64 * k ? scratch.u32(Math.ceil(pool / 32)).fill(0) : null;
  const chosen = scratch.u32(k);
  for (let t = 0, at = 0; t < nTgt; t++) {
    for (let m = 0, jj = pool - k; jj < pool; jj++, m++) {
      const r = rng.below(jj + 1);
      const pick = mark[r] === t ? jj : r;
      mark[pick] = t;
      chosen[m] = pick;
    }
    if (words) {
      for (let m = 0; m < k; m++) words[chosen[m] >>> 5] |= 1 << (chosen[m] & 31);
      for (let w = 0, m = 0; m < k; w++) {
        let bitsLeft = words[w];
        words[w] = 0;
        while (bitsLeft !== 0) {
          const low = bitsLeft & -bitsLeft;
          chosen[m++] = w * 32 + 31 - Math.clz32(low);
          bitsLeft ^= low;
        }
      }
    } else {
      chosen.sort();
    }
    for (let m = 0; m < k; m++, at++) {
      src[at] = noSelf && chosen[m] >= t ? chosen[m] + 1 : chosen[m];
      tgt[at] = t;
    }
  }
  return { src, tgt, count };
}
