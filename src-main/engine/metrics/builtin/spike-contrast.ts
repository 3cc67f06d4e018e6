// spike_contrast: Ciba et al. (2018) spike-contrast synchrony, with Elephant's half-overlapping bins, in sub-linear time per bin size.
import type { PopulationTrains } from '../trains';

export interface SpikeContrastOptions {
  /** Smallest bin size, ms. @default 10 */
  minBinMs: number;
  /** Bin shrink factor per step. @default 0.9 */
  shrink: number;
}

/**
 * Same value as Elephant's `spike_contrast`, computed without re-binning every spike at every bin size:
 * spikes per half-bin come from binary searches in the sorted population times (bracketed by a coarse cumulative
 * grid), and active neurons per bin from the consecutive same-neuron spike pairs: the short ones (ISI < bin) remove
 * double counts, the long ones (ISI ≥ bin) mark bins a neuron skips; whichever list is shorter is used. Cost
 * O(nSpikes + Σ_bins (nHalfBins·log(spikes per grid cell) + min(short, long pairs) + nNeurons)) instead of
 * O(nSpikes · nBinSizes).
 */
export function spikeContrast(trains: PopulationTrains, opts: SpikeContrastOptions): number {
  const n = trains.nNeurons;
  const total = trains.nSpikes;
  if (n < 2 || total === 0) return NaN;
  const { offsets, timesMs, durationMs } = trains;
  let nSpiking = 0;
  let isiMin = Infinity;
  for (let k = 0; k < n; k++) {
    const e = offsets[k + 1];
    if (e > offsets[k]) nSpiking++;
    for (let i = offsets[k] + 1; i < e; i++) {
      const isi = timesMs[i] - timesMs[i - 1];
      if (isi < isiMin) isiMin = isi;
    }
  }
  const nPairs = total - nSpiking;
  const pad = Number.isFinite(isiMin) ? isiMin : 0;
  const binMin = Math.max(pad / 2, opts.minBinMs);
  const binList: number[] = [];
  for (let b = durationMs / 2; b >= binMin; b *= opts.shrink) binList.push(b);
  if (binList.length === 0) return NaN;
  const binSizes = Float64Array.from(binList);
  const nLevels = binSizes.length;

  // Pair p is "short" (ISI < bin) at levels [0, L_p); pairs are stored by L_p ascending (counting sort) so each
  // level reads a contiguous run (random access here cost more than the arithmetic).
  const levelOf = new Uint16Array(nPairs);
  const bucket = new Uint32Array(nLevels + 2);
  pairLevels(offsets, timesMs, n, binSizes, levelOf, bucket);
  for (let l = 0; l <= nLevels; l++) bucket[l + 1] += bucket[l];
  const startT = new Float64Array(nPairs);
  const endT = new Float64Array(nPairs);
  const cursor = bucket.slice(0, nLevels + 1);
  let p = 0;
  for (let k = 0; k < n; k++)
    for (let i = offsets[k] + 1; i < offsets[k + 1]; i++) {
      const at = cursor[levelOf[p++]]++;
      const a = timesMs[i - 1];
      startT[at] = a;
      // a + (b − a), not b: the ISI is what the bins are compared with, and this sum is what the old code binned.
      endT[at] = a + (timesMs[i] - a);
    }

  const firstT = new Float64Array(nSpiking);
  const lastT = new Float64Array(nSpiking);
  for (let k = 0, w = 0; k < n; k++)
    if (offsets[k + 1] > offsets[k]) {
      firstT[w] = timesMs[offsets[k]];
      lastT[w++] = timesMs[offsets[k + 1] - 1];
    }
  const nSilent = n - nSpiking;
  const sorted = trains.sortedTimes();

  // Elephant widens the range by the smallest ISI so edge spikes are not lost to half-bins.
  const tStart = -pad;
  const span = durationMs + 2 * pad;
  const grid = cumulativeGrid(sorted, tStart, span);
  const maxHalf = Math.ceil((span + binSizes[nLevels - 1] / 2) / (binSizes[nLevels - 1] / 2) - 1e-9);
  const half = new Float64Array(maxHalf);
  const d = new Float64Array(maxHalf);
  const e = new Float64Array(maxHalf);
  const active = new Float64Array(maxHalf);
  let best = 0;
  for (let level = 0; level < nLevels; level++) {
    const step = binSizes[level] / 2;
    const nEdges = Math.ceil((span + step) / step - 1e-9);
    const nHalf = nEdges - 1;
    const nOver = nHalf - 1;
    if (nOver < 1) continue;
    const inv = 1 / step;
    halfCounts(sorted, grid, tStart, step, inv, nHalf, half);

    const nLong = bucket[level + 1];
    const nShort = nPairs - nLong;
    if (nShort <= nLong) {
      // active_k = D_k + D_{k+1} − E_k: D_j neurons with a spike in half-bin j, E_k those with spikes in both k, k+1.
      d.set(half.subarray(0, nHalf));
      e.fill(0, 0, nHalf);
      shortPairs(startT, endT, nLong, nPairs, tStart, inv, nHalf - 1, d, e);
      for (let k = 0; k < nOver; k++) active[k] = d[k] + d[k + 1] - e[k];
    } else {
      // A neuron skips bin k when a gap between its spikes (or before its first, after its last) covers half-bins
      // k, k+1; `d` holds the difference array of the number of skipping neurons.
      d.fill(0, 0, nHalf);
      edgeGaps(firstT, lastT, tStart, inv, nHalf - 1, nOver, d);
      longPairs(startT, endT, nLong, tStart, inv, nHalf - 1, d);
      let skipping = nSilent;
      for (let k = 0; k < nOver; k++) {
        skipping += d[k];
        active[k] = n - skipping;
      }
    }

    let contrast = 0;
    let sumTheta = 0;
    let sumNTheta = 0;
    let prev = 0;
    for (let b = 0; b < nOver; b++) {
      const theta = half[b] + half[b + 1];
      if (b > 0) contrast += Math.abs(theta - prev);
      prev = theta;
      sumTheta += theta;
      sumNTheta += active[b] * theta;
    }
    if (sumTheta === 0) continue;
    contrast /= 2 * total;
    const activeSt = (sumNTheta / sumTheta - 1) / (n - 1);
    best = Math.max(best, contrast * activeSt);
  }
  return best;
}

// A double's high 32 bits; the word order is the platform's, found once.
const f64 = new Float64Array(1);
const u32 = new Uint32Array(f64.buffer);
f64[0] = 1;
const HI = u32[1] === 0x3ff00000 ? 1 : 0;

/** Sign, exponent and the top 8 mantissa bits of x ≥ 0: monotone in x, 256 cells per octave. */
function logCell(x: number): number {
  f64[0] = x;
  return u32[HI] >>> 12;
}

/** The smallest double in cell c. */
function cellStart(c: number): number {
  u32[HI] = c << 12;
  u32[1 - HI] = 0;
  return f64[0];
}

/**
 * Level L_p of each consecutive pair (the first bin size ≤ its ISI) and the count per level. A table over the
 * ISI's float exponent and top mantissa bits guesses the level (a cell spans a ratio 2^(1/256), less than one
 * shrink step, so it holds at most one level boundary) and exact comparisons correct it; a binary search
 * mispredicted a branch per step and Math.log cost as much.
 */
function pairLevels(
  offsets: Uint32Array,
  timesMs: Float64Array,
  n: number,
  binSizes: Float64Array,
  levelOf: Uint16Array,
  bucket: Uint32Array,
): void {
  const nLevels = binSizes.length;
  const levelAt = (x: number): number => {
    let lo = 0;
    let hi = nLevels;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (binSizes[mid] > x) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  const keyLo = logCell(binSizes[nLevels - 1]);
  const keyHi = logCell(binSizes[0]);
  const table = new Uint16Array(Math.min(keyHi - keyLo + 1, 1 << 16));
  // Bin sizes span few octaves; an absurd span (over 256 octaves) just leaves the upper cells to the corrections.
  for (let c = 0; c < table.length; c++) table[c] = levelAt(cellStart(keyLo + c));
  let p = 0;
  for (let k = 0; k < n; k++)
    for (let i = offsets[k] + 1; i < offsets[k + 1]; i++) {
      const isi = timesMs[i] - timesMs[i - 1];
      const c = logCell(isi) - keyLo;
      // Below the table every bin size exceeds the ISI; above it none does (up to the corrections).
      let l = c < 0 ? nLevels : c < table.length ? table[c] : 0;
      while (l > 0 && binSizes[l - 1] <= isi) l--;
      while (l < nLevels && binSizes[l] > isi) l++;
      levelOf[p++] = l;
      bucket[l + 1]++;
    }
}

/** Cumulative spike counts on a uniform grid over the padded range, to bracket the half-bin binary searches. */
interface Grid {
  /** Cell width, ms. */
  cellMs: number;
  invCell: number;
  /** before[c]: spikes whose cell index is < c. Shape [nCells + 1]. */
  before: Uint32Array;
}

function cumulativeGrid(sorted: Float64Array, tStart: number, span: number): Grid {
  // About 8 spikes per cell keeps each bracketed search to a few steps; the grid stays small for sparse data.
  const nCells = Math.max(1, Math.min(1 << 20, Math.ceil(sorted.length / 8)));
  const cellMs = span / nCells;
  const invCell = 1 / cellMs;
  const before = new Uint32Array(nCells + 1);
  let c = 0;
  for (let i = 0; i < sorted.length; i++) {
    // Any monotone cell assignment works: the brackets below allow a cell of slack either side. t − tStart ≥ 0 and
    // the cell index is below 2^21, so truncation is floor.
    let ci = ((sorted[i] - tStart) * invCell) | 0;
    if (ci > nCells) ci = nCells;
    while (c < ci) before[++c] = i;
  }
  while (c < nCells) before[++c] = sorted.length;
  return { cellMs, invCell, before };
}

/**
 * Spikes per half-bin: pos[j] = first sorted index whose half-bin (((t − tStart)·inv) | 0, clamped to the last) is ≥ j,
 * by binary search inside the grid cells around the edge j·step; the last half-bin takes the rest.
 */
function halfCounts(
  sorted: Float64Array,
  grid: Grid,
  tStart: number,
  step: number,
  inv: number,
  nHalf: number,
  half: Float64Array,
): void {
  const total = sorted.length;
  const { before, invCell } = grid;
  const nCells = before.length - 1;
  let prevPos = 0;
  for (let j = 1; j < nHalf; j++) {
    // Spikes two or more cells below the edge's cell lie before the edge, those two or more above lie after it.
    const c = Math.floor(j * step * invCell);
    let lo = c - 1 <= 0 ? 0 : c - 1 >= nCells ? total : before[c - 1];
    let hi = c + 2 >= nCells ? total : c + 2 <= 0 ? 0 : before[c + 2];
    if (lo < prevPos) lo = prevPos;
    if (hi < lo) hi = lo;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      // For j < nHalf the clamp to the last half-bin cannot change "half-bin < j".
      if ((((sorted[mid] - tStart) * inv) | 0) < j) lo = mid + 1;
      else hi = mid;
    }
    half[j - 1] = lo - prevPos;
    prevPos = lo;
  }
  half[nHalf - 1] = total - prevPos;
}

/**
 * Short pairs [from, to): a pair within one half-bin (w = hb − ha = 0) counts its neuron once too often there; a
 * pair in adjacent ones (w = 1), once in the bin spanning both. Branch-free (the w tests were mispredicted):
 * (w − 1) >>> 31 is 1 only for w = 0, ((w ^ 1) − 1) >>> 31 only for w = 1; w ≥ 0 as endT ≥ startT.
 */
function shortPairs(
  startT: Float64Array,
  endT: Float64Array,
  from: number,
  to: number,
  tStart: number,
  inv: number,
  lastHalf: number,
  d: Float64Array,
  e: Float64Array,
): void {
  for (let i = from; i < to; i++) {
    let ha = ((startT[i] - tStart) * inv) | 0;
    let hb = ((endT[i] - tStart) * inv) | 0;
    if (hb > lastHalf) hb = lastHalf;
    if (ha > lastHalf) ha = lastHalf;
    const w = hb - ha;
    // With w = 1, ha = hb − 1 < lastHalf = nOver, so e's index is a real bin whenever something is added.
    d[ha] -= (w - 1) >>> 31;
    e[ha] += ((w ^ 1) - 1) >>> 31;
  }
}

/**
 * Long pairs [0, to): a gap covering half-bins ha+1 … hb−1 (w = hb − ha ≥ 3) makes its neuron skip bins
 * ha+1 … hb−2. Branch-free: g = (2 − w) >>> 31 is 1 only for w ≥ 3, and with g = 0 both updates add 0 in range.
 */
function longPairs(
  startT: Float64Array,
  endT: Float64Array,
  to: number,
  tStart: number,
  inv: number,
  lastHalf: number,
  diff: Float64Array,
): void {
  for (let i = 0; i < to; i++) {
    let ha = ((startT[i] - tStart) * inv) | 0;
    let hb = ((endT[i] - tStart) * inv) | 0;
    if (hb > lastHalf) hb = lastHalf;
    if (ha > lastHalf) ha = lastHalf;
    const g = (2 - (hb - ha)) >>> 31;
    diff[ha + g] += g;
    diff[hb - g] -= g;
  }
}

/** Before a neuron's first spike and after its last it skips every bin entirely outside its train. */
function edgeGaps(
  firstT: Float64Array,
  lastT: Float64Array,
  tStart: number,
  inv: number,
  lastHalf: number,
  nOver: number,
  diff: Float64Array,
): void {
  for (let i = 0; i < firstT.length; i++) {
    let hf = ((firstT[i] - tStart) * inv) | 0;
    if (hf > lastHalf) hf = lastHalf;
    if (hf >= 2) {
      diff[0]++;
      diff[Math.min(nOver, hf - 1)]--;
    }
    let hl = ((lastT[i] - tStart) * inv) | 0;
    if (hl > lastHalf) hl = lastHalf;
    if (hl + 1 < nOver) {
      diff[hl + 1]++;
      diff[nOver]--;
    }
  }
}
