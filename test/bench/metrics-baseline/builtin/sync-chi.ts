// sync_chi: Golomb's χ synchrony computed on boxcar-smoothed spike counts (a named variant: true χ needs voltages).
import { populationCounts, sparseNeuronCounts } from '../binning';
import type { PopulationTrains } from '../trains';

export interface SyncChiOptions {
  /** Smoothing (counting) bin, ms. @default 10 */
  binMs: number;
}

export function syncChi(trains: PopulationTrains, opts: SyncChiOptions): number {
  const n = trains.nNeurons;
  const { nBins, offsets, counts } = sparseNeuronCounts(trains, opts.binMs);
  if (n === 0 || nBins < 2) return NaN;
  let meanVar = 0;
  for (let k = 0; k < n; k++) {
    let s = 0;
    let s2 = 0;
    for (let i = offsets[k]; i < offsets[k + 1]; i++) {
      s += counts[i];
      s2 += counts[i] * counts[i];
    }
    const m = s / nBins;
    meanVar += s2 / nBins - m * m;
  }
  meanVar /= n;
  if (!(meanVar > 0)) return NaN;
  const pop = populationCounts(trains, opts.binMs);
  let s = 0;
  let s2 = 0;
  for (let b = 0; b < nBins; b++) {
    const x = pop[b] / n;
    s += x;
    s2 += x * x;
  }
  const m = s / nBins;
  return Math.sqrt(Math.max(0, s2 / nBins - m * m) / meanVar);
}
