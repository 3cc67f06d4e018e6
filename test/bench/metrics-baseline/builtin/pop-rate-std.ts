// pop_rate_std: standard deviation over time of the population rate in fine bins, Hz.
import { populationCounts } from '../binning';
import type { PopulationTrains } from '../trains';

export interface PopRateStdOptions {
  /** Bin of the population rate, ms. @default 1 */
  binMs: number;
}

export function popRateStd(trains: PopulationTrains, opts: PopRateStdOptions): number {
  const counts = populationCounts(trains, opts.binMs);
  if (trains.nNeurons === 0 || counts.length === 0) return NaN;
  const scale = 1000 / (trains.nNeurons * opts.binMs);
  let s = 0;
  let s2 = 0;
  for (const c of counts) {
    s += c;
    s2 += c * c;
  }
  const m = s / counts.length;
  return Math.sqrt(Math.max(0, s2 / counts.length - m * m)) * scale;
}
