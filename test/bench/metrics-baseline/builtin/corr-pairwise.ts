// corr_pairwise: mean Pearson correlation of binned counts over a seeded sample of neuron pairs.
import { sparseNeuronCounts } from '../binning';
import { samplePairs } from '../pairs';
import type { PopulationTrains } from '../trains';

export interface CorrPairwiseOptions {
  /** Counting bin, ms. @default 10 */
  binMs: number;
  /** Pairs sampled (all pairs when fewer exist). @default 500 */
  nPairs: number;
  /** Seed of the pair sample. @default 1 */
  seed: number;
}

/** Cost O(nPairs · spikes per neuron): counts are kept sparse and each pair is a merge of two sorted bin lists. */
export function corrPairwise(trains: PopulationTrains, opts: CorrPairwiseOptions): number {
  const pairs = samplePairs(trains, opts.nPairs, opts.seed);
  const { nBins, offsets, bins, counts } = sparseNeuronCounts(trains, opts.binMs);
  if (pairs.length === 0 || nBins < 2) return NaN;
  const moments = (k: number): [number, number] => {
    let s = 0;
    let s2 = 0;
    for (let i = offsets[k]; i < offsets[k + 1]; i++) {
      s += counts[i];
      s2 += counts[i] * counts[i];
    }
    return [s, nBins * s2 - s * s];
  };
  let sum = 0;
  let m = 0;
  for (let p = 0; p < pairs.length; p += 2) {
    const a = pairs[p];
    const b = pairs[p + 1];
    const [sa, va] = moments(a);
    const [sb, vb] = moments(b);
    if (!(va > 0 && vb > 0)) continue;
    let sab = 0;
    let i = offsets[a];
    let j = offsets[b];
    const ie = offsets[a + 1];
    const je = offsets[b + 1];
    while (i < ie && j < je) {
      if (bins[i] < bins[j]) i++;
      else if (bins[i] > bins[j]) j++;
      else sab += counts[i++] * counts[j++];
    }
    sum += (nBins * sab - sa * sb) / Math.sqrt(va * vb);
    m++;
  }
  return m > 0 ? sum / m : NaN;
}
