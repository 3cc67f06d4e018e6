// Evaluates a statistic user metric: a per-neuron or per-bin quantity of one population, reduced by a statistic.
import { PER_NEURON_QUANTITIES, type UserMetricDefinition } from '../../../../src-shared/metrics/user-metric';
import { populationCounts, sparseNeuronCounts } from '../binning';
import type { PopulationTrains } from '../trains';

type StatisticDef = Extract<UserMetricDefinition, { kind: 'statistic' }>;

/** The quantity's values: one per neuron (those for which it is defined) or one per whole bin. */
export function quantityValues(trains: PopulationTrains, def: StatisticDef): Float64Array {
  const { offsets, timesMs } = trains;
  const n = trains.nNeurons;
  if ((PER_NEURON_QUANTITIES as readonly string[]).includes(def.quantity)) {
    const out: number[] = [];
    for (let k = 0; k < n; k++) {
      const a = offsets[k];
      const e = offsets[k + 1];
      const nIsi = e - a - 1;
      switch (def.quantity) {
        case 'rate':
          out.push(((e - a) * 1000) / trains.durationMs);
          break;
        case 'spike_count':
          out.push(e - a);
          break;
        case 'mean_isi_ms':
          if (nIsi >= 1) out.push((timesMs[e - 1] - timesMs[a]) / nIsi);
          break;
        case 'cv_isi': {
          if (nIsi < 3) break;
          const mean = (timesMs[e - 1] - timesMs[a]) / nIsi;
          let ss = 0;
          for (let i = a + 1; i < e; i++) ss += (timesMs[i] - timesMs[i - 1] - mean) ** 2;
          if (mean > 0) out.push(Math.sqrt(ss / nIsi) / mean);
          break;
        }
        case 'cv2':
        case 'lv': {
          if (nIsi < 2) break;
          let s = 0;
          let m = 0;
          for (let i = a + 2; i < e; i++) {
            const x = timesMs[i - 1] - timesMs[i - 2];
            const y = timesMs[i] - timesMs[i - 1];
            if (x + y <= 0) continue;
            s += def.quantity === 'cv2' ? (2 * Math.abs(y - x)) / (x + y) : (3 * (x - y) ** 2) / (x + y) ** 2;
            m++;
          }
          if (m > 0) out.push(s / m);
          break;
        }
      }
    }
    return Float64Array.from(out);
  }
  if (def.quantity === 'bin_active_fraction') {
    const { nBins, bins } = sparseNeuronCounts(trains, def.binMs);
    const active = new Float64Array(nBins);
    for (const b of bins) active[b] += 1 / n;
    return active;
  }
  const counts = populationCounts(trains, def.binMs);
  if (def.quantity === 'bin_count') return Float64Array.from(counts);
  const scale = 1000 / (n * def.binMs);
  return counts.map((c) => c * scale);
}

/** Reduces values by the statistic; NaN for no values (std of one value is 0, population form). */
export function reduceStatistic(values: Float64Array, def: StatisticDef): number {
  const n = values.length;
  if (n === 0) return NaN;
  switch (def.statistic) {
    case 'mean':
      return values.reduce((s, v) => s + v, 0) / n;
    case 'std': {
      const m = values.reduce((s, v) => s + v, 0) / n;
      return Math.sqrt(values.reduce((s, v) => s + (v - m) ** 2, 0) / n);
    }
    case 'min':
      return values.reduce((s, v) => Math.min(s, v), Infinity);
    case 'max':
      return values.reduce((s, v) => Math.max(s, v), -Infinity);
    case 'fraction_above':
      return values.reduce((s, v) => s + (v > (def.threshold ?? 0) ? 1 : 0), 0) / n;
    case 'median':
    case 'quantile': {
      const q = def.statistic === 'median' ? 0.5 : (def.q ?? 0.5);
      const sorted = Float64Array.from(values).sort();
      // Linear interpolation between order statistics (numpy's default, "type 7").
      const h = (n - 1) * q;
      const lo = Math.floor(h);
      const hi = Math.min(n - 1, lo + 1);
      return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
    }
  }
}
