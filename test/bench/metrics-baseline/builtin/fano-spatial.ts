// fano_spatial: Fano factor of counts across neurons per bin, averaged over bins with spikes.
import { sparseNeuronCounts } from '../binning';
import type { PopulationTrains } from '../trains';

export interface FanoSpatialOptions {
  /** Counting bin, ms. @default 100 */
  binMs: number;
}

export function fanoSpatial(trains: PopulationTrains, opts: FanoSpatialOptions): number {
  const n = trains.nNeurons;
  if (n < 2) return NaN;
  const { nBins, bins, counts } = sparseNeuronCounts(trains, opts.binMs);
  const sum = new Float64Array(nBins);
  const sq = new Float64Array(nBins);
  for (let i = 0; i < bins.length; i++) {
    sum[bins[i]] += counts[i];
    sq[bins[i]] += counts[i] * counts[i];
  }
  let acc = 0;
  let m = 0;
  for (let b = 0; b < nBins; b++) {
    if (sum[b] === 0) continue;
    const mean = sum[b] / n;
    acc += (sq[b] - n * mean * mean) / (n - 1) / mean;
    m++;
  }
  return m > 0 ? acc / m : NaN;
}
