// autocov: per-neuron mean-removed autocorrelation of binned counts averaged over lags 1..L, then over neurons.
import { sparseNeuronCounts } from '../binning';
import { meanOfUsed, slicePerNeuron, type PerNeuronValues } from '../isi';
import type { PopulationTrains } from '../trains';

export interface AutocovOptions {
  /** Counting bin, ms. @default 10 */
  binMs: number;
  /** Largest lag, ms. @default 500 */
  maxLagMs: number;
}

/** Cost O(nonzero bins · nonzero bins within maxLag): sparse counts, so linear in spikes at bounded rates. */
export function autocov(trains: PopulationTrains, opts: AutocovOptions): number {
  if (sparseNeuronCounts(trains, opts.binMs).nBins < 2) return NaN;
  return meanOfUsed(
    trains.perNeuron(`autocov:${opts.binMs}:${opts.maxLagMs}`, (root) => perNeuronAutocov(root, opts), slicePerNeuron),
  );
}

/** Each neuron's lag-averaged normalised autocovariance; neurons with (numerically) constant counts do not qualify. */
function perNeuronAutocov(trains: PopulationTrains, opts: AutocovOptions): PerNeuronValues {
  const { nBins, offsets, bins, counts } = sparseNeuronCounts(trains, opts.binMs);
  const out = { value: new Float64Array(trains.nNeurons), used: new Uint8Array(trains.nNeurons) };
  const nLags = Math.min(nBins - 1, Math.max(1, Math.round(opts.maxLagMs / opts.binMs)));
  const raw = new Float64Array(nLags + 1);
  const head = new Float64Array(nLags + 1);
  const tail = new Float64Array(nLags + 1);
  for (let k = 0; k < trains.nNeurons; k++) {
    const a = offsets[k];
    const e = offsets[k + 1];
    let s = 0;
    let s2 = 0;
    raw.fill(0);
    head.fill(0);
    tail.fill(0);
    for (let i = a; i < e; i++) {
      const c = counts[i];
      s += c;
      s2 += c * c;
      for (let j = i + 1; j < e && bins[j] - bins[i] <= nLags; j++) raw[bins[j] - bins[i]] += c * counts[j];
      // head[τ]: counts in the first τ bins; tail[τ]: counts in the last τ bins (filled as point masses, summed below).
      if (bins[i] < nLags) head[bins[i] + 1] += c;
      if (bins[i] >= nBins - nLags) tail[nBins - bins[i]] += c;
    }
    const m = s / nBins;
    const energy = s2 - nBins * m * m;
    if (!(energy > 1e-12 * s2)) continue;
    let acc = 0;
    let h = 0;
    let t = 0;
    for (let lag = 1; lag <= nLags; lag++) {
      h += head[lag];
      t += tail[lag];
      // Σ_{t<B−τ} (c_t − m)(c_{t+τ} − m) = Σ c_t c_{t+τ} − m (S_first + S_last) + (B − τ) m².
      const c = raw[lag] - m * (s - t + (s - h)) + (nBins - lag) * m * m;
      acc += c / energy;
    }
    out.value[k] = acc / nLags;
    out.used[k] = 1;
  }
  return out;
}
