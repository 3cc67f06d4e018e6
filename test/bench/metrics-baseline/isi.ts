// Per-neuron ISI statistics shared by the irregularity metrics.
import type { PopulationTrains } from './trains';

/** CV (population std / mean) of the ISIs of each neuron with at least `minIsis` ISIs. Shape [nQualifying]. */
export function perNeuronIsiCv(trains: PopulationTrains, minIsis: number): Float64Array {
  return trains.memo(`cv:${minIsis}`, () => {
    const { offsets, timesMs } = trains;
    const out: number[] = [];
    for (let k = 0; k < trains.nNeurons; k++) {
      const a = offsets[k];
      const nIsi = offsets[k + 1] - a - 1;
      if (nIsi < minIsis) continue;
      const mean = (timesMs[a + nIsi] - timesMs[a]) / nIsi;
      let ss = 0;
      for (let i = a + 1; i <= a + nIsi; i++) {
        const d = timesMs[i] - timesMs[i - 1] - mean;
        ss += d * d;
      }
      // Coincident spikes only (mean 0) give no meaningful CV; such a neuron is skipped.
      if (mean > 0) out.push(Math.sqrt(ss / nIsi) / mean);
    }
    return Float64Array.from(out);
  });
}

/**
 * Mean over neurons with ≥ 2 ISIs of (1/(n−1)) Σ term(I_i, I_{i+1}); NaN when no neuron qualifies.
 * Pairs with I_i + I_{i+1} = 0 (coincident spikes) are skipped as undefined.
 */
export function meanOverConsecutiveIsis(trains: PopulationTrains, term: (a: number, b: number) => number): number {
  const { offsets, timesMs } = trains;
  let sum = 0;
  let nNeurons = 0;
  for (let k = 0; k < trains.nNeurons; k++) {
    const a = offsets[k];
    const end = offsets[k + 1];
    if (end - a < 3) continue;
    let s = 0;
    let m = 0;
    let prev = timesMs[a + 1] - timesMs[a];
    for (let i = a + 2; i < end; i++) {
      const cur = timesMs[i] - timesMs[i - 1];
      if (prev + cur > 0) {
        s += term(prev, cur);
        m++;
      }
      prev = cur;
    }
    if (m > 0) {
      sum += s / m;
      nNeurons++;
    }
  }
  return nNeurons > 0 ? sum / nNeurons : NaN;
}
