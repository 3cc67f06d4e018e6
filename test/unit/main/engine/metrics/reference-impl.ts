// Straightforward reference implementations (Elephant's loops, dense arrays) to check the fast metrics against.
import type { PopulationTrains } from '../../../../../src-main/engine/metrics/trains';

function trainOf(t: PopulationTrains, k: number): number[] {
  return Array.from(t.timesMs.subarray(t.offsets[k], t.offsets[k + 1]));
}

/** Elephant's `spike_contrast`, line by line: dense half-bin histograms per neuron at every bin size. */
export function spikeContrastReference(t: PopulationTrains, minBinMs = 10, shrink = 0.9): number {
  const trains = Array.from({ length: t.nNeurons }, (_, k) => trainOf(t, k));
  const total = trains.reduce((s, x) => s + x.length, 0);
  let isiMin = Infinity;
  for (const x of trains) for (let i = 1; i < x.length; i++) isiMin = Math.min(isiMin, x[i] - x[i - 1]);
  const pad = Number.isFinite(isiMin) ? isiMin : 0;
  const binMin = Math.max(pad / 2, minBinMs);
  const tStart = -pad;
  const tStop = t.durationMs + pad;
  let best = 0;
  for (let bin = t.durationMs / 2; bin >= binMin; bin *= shrink) {
    const step = bin / 2;
    const edges: number[] = [];
    for (let e = tStart; e < tStop + step - 1e-9 * step; e += step) edges.push(e);
    const nHalf = edges.length - 1;
    const hist = trains.map((x) => {
      const h = new Array<number>(nHalf).fill(0);
      for (const s of x) h[Math.min(nHalf - 1, Math.floor((s - tStart) / step))]++;
      return h.slice(0, -1).map((v, i) => v + h[i + 1]);
    });
    const nOver = nHalf - 1;
    if (nOver < 1) continue;
    const theta = Array.from({ length: nOver }, (_, b) => hist.reduce((s, h) => s + h[b], 0));
    const active = Array.from({ length: nOver }, (_, b) => hist.reduce((s, h) => s + (h[b] > 0 ? 1 : 0), 0));
    let contrast = 0;
    for (let b = 1; b < nOver; b++) contrast += Math.abs(theta[b] - theta[b - 1]);
    contrast /= 2 * total;
    const sumTheta = theta.reduce((s, v) => s + v, 0);
    if (sumTheta === 0) continue;
    const activeSt = (theta.reduce((s, v, b) => s + v * active[b], 0) / sumTheta - 1) / (trains.length - 1);
    best = Math.max(best, contrast * activeSt);
  }
  return best;
}

/** Pearson r of two dense count vectors. */
export function pearson(x: number[], y: number[]): number {
  const n = x.length;
  const mx = x.reduce((s, v) => s + v, 0) / n;
  const my = y.reduce((s, v) => s + v, 0) / n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    sxy += (x[i] - mx) * (y[i] - my);
    sxx += (x[i] - mx) ** 2;
    syy += (y[i] - my) ** 2;
  }
  return sxy / Math.sqrt(sxx * syy);
}

/** Dense counts of one neuron in whole bins. */
export function denseCounts(t: PopulationTrains, k: number, binMs: number): number[] {
  const nBins = Math.floor(t.durationMs / binMs + 1e-9);
  const out = new Array<number>(nBins).fill(0);
  for (const s of trainOf(t, k)) if (Math.floor(s / binMs) < nBins) out[Math.floor(s / binMs)]++;
  return out;
}

/** Naive DFT magnitudes |X_k|, k = 0 … floor(n/2). */
export function dftMagnitudes(x: number[]): number[] {
  const n = x.length;
  return Array.from({ length: Math.floor(n / 2) + 1 }, (_, k) => {
    let re = 0;
    let im = 0;
    for (let j = 0; j < n; j++) {
      re += x[j] * Math.cos((-2 * Math.PI * k * j) / n);
      im += x[j] * Math.sin((-2 * Math.PI * k * j) / n);
    }
    return Math.hypot(re, im);
  });
}
