// fano_temporal: per-neuron Fano factor of counts across bins, averaged over spiking neurons.
import { sparseNeuronCounts } from '../binning';
import type { PopulationTrains } from '../trains';

export interface FanoTemporalOptions {
  /** Counting bin, ms. @default 100 */
  binMs: number;
}

export function fanoTemporal(trains: PopulationTrains, opts: FanoTemporalOptions): number {
  const { nBins, offsets, counts } = sparseNeuronCounts(trains, opts.binMs);
  if (nBins < 2) return NaN;
  let sum = 0;
  let m = 0;
  for (let k = 0; k < trains.nNeurons; k++) {
    let s = 0;
    let s2 = 0;
    for (let i = offsets[k]; i < offsets[k + 1]; i++) {
      s += counts[i];
      s2 += counts[i] * counts[i];
    }
    if (s === 0) continue;
    const mean = s / nBins;
    sum += (s2 - nBins * mean * mean) / (nBins - 1) / mean;
    m++;
  }
  return m > 0 ? sum / m : NaN;
}
