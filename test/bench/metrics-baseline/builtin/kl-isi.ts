// kl_isi: KL divergence of the pooled ISI histogram from the exponential with the same mean, nats.
import type { PopulationTrains } from '../trains';

export interface KlIsiOptions {
  /** Upper edge of the histogram, ms. @default 1000 */
  histMaxMs: number;
  /** Number of equal bins on [0, histMaxMs]. @default 100 */
  nBins: number;
}

export function klIsi(trains: PopulationTrains, opts: KlIsiOptions): number {
  const { offsets, timesMs } = trains;
  const { histMaxMs, nBins } = opts;
  const hist = new Float64Array(nBins);
  const binMs = histMaxMs / nBins;
  let sum = 0;
  let nAll = 0;
  let nIn = 0;
  for (let k = 0; k < trains.nNeurons; k++) {
    for (let i = offsets[k] + 1; i < offsets[k + 1]; i++) {
      const isi = timesMs[i] - timesMs[i - 1];
      sum += isi;
      nAll++;
      if (isi <= histMaxMs) {
        hist[Math.min(nBins - 1, Math.floor(isi / binMs))]++;
        nIn++;
      }
    }
  }
  const meanMs = sum / nAll;
  if (nIn < 2 || !(meanMs > 0)) return NaN;
  // Q renormalised to [0, histMaxMs] so that both distributions sum to 1 over the same support.
  const zq = 1 - Math.exp(-histMaxMs / meanMs);
  let kl = 0;
  for (let b = 0; b < nBins; b++) {
    if (hist[b] === 0) continue;
    const p = hist[b] / nIn;
    const q = (Math.exp((-b * binMs) / meanMs) - Math.exp((-(b + 1) * binMs) / meanMs)) / zq;
    // q underflows only far in the tail of a very short mean; there the divergence is effectively infinite.
    kl += p * Math.log(p / Math.max(q, Number.MIN_VALUE));
  }
  return kl;
}
