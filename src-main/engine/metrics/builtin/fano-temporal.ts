// fano_temporal: per-neuron Fano factor of counts across bins, averaged over spiking neurons.
import { sparseNeuronCounts } from '../binning';
import { meanOfUsed, slicePerNeuron, type PerNeuronValues } from '../isi';
import type { PopulationTrains } from '../trains';

export interface FanoTemporalOptions {
  /** Counting bin, ms. @default 100 */
  binMs: number;
}

export function fanoTemporal(trains: PopulationTrains, opts: FanoTemporalOptions): number {
  if (sparseNeuronCounts(trains, opts.binMs).nBins < 2) return NaN;
  return meanOfUsed(
    trains.perNeuron(`fano-t:${opts.binMs}`, (root) => perNeuronFano(root, opts.binMs), slicePerNeuron),
  );
}

/** Each spiking neuron's Fano factor of counts across bins. */
function perNeuronFano(trains: PopulationTrains, binMs: number): PerNeuronValues {
  const { nBins, offsets, counts } = sparseNeuronCounts(trains, binMs);
  const out = { value: new Float64Array(trains.nNeurons), used: new Uint8Array(trains.nNeurons) };
  for (let k = 0; k < trains.nNeurons; k++) {
    let s = 0;
    let s2 = 0;
    for (let i = offsets[k]; i < offsets[k + 1]; i++) {
      s += counts[i];
      s2 += counts[i] * counts[i];
    }
    if (s === 0) continue;
    const mean = s / nBins;
    out.value[k] = (s2 - nBins * mean * mean) / (nBins - 1) / mean;
    out.used[k] = 1;
  }
  return out;
}
