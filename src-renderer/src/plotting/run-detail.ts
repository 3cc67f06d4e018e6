// A stored run shaped for its detail view: population rates from its spikes, and its flat metric columns per population.
import type { PopulationRange } from '../../../src-shared/model/spikes';
import type { StoredMetricValues } from '../../../src-shared/catalogue/records';

export interface RunSpikes {
  /** Recorded neuron index per spike. Shape [nSpikes]. */
  neuron: ArrayLike<number>;
  /** Spike time in ms per spike. Shape [nSpikes]. */
  timeMs: ArrayLike<number>;
  durationMs: number;
  populations: PopulationRange[];
}

/**
 * Rate of each population in Hz per bin of `binMs`: spikes in the bin / (recorded neurons × bin width). With a
 * recorded subset this is the subset's rate, which is what the stored spikes can tell. Shape [nBins] per population.
 */
export function populationRates(s: RunSpikes, binMs: number): { name: string; rateHz: Float64Array }[] {
  const nBins = Math.max(1, Math.ceil(s.durationMs / binMs));
  const out = s.populations.map((p) => ({ name: p.name, rateHz: new Float64Array(nBins) }));
  const popOf = (n: number) => s.populations.findIndex((p) => n >= p.start && n < p.start + p.count);
  for (let i = 0; i < s.neuron.length; i++) {
    const k = popOf(s.neuron[i]);
    const b = Math.floor(s.timeMs[i] / binMs);
    if (k >= 0 && b >= 0 && b < nBins) out[k].rateHz[b] += 1;
  }
  out.forEach((o, k) => {
    const scale = 1000 / (Math.max(1, s.populations[k].count) * binMs);
    for (let b = 0; b < nBins; b++) o.rateHz[b] *= scale;
  });
  return out;
}

/**
 * Library metric columns are flat (`rate_mean`, `rate_mean_E`); the metrics table wants `values[population][id]`.
 * A column `<id>_<pop>` goes to population `pop` when `<id>` is a known metric; everything else goes to `all`.
 */
export function metricsByPopulation(
  metrics: Record<string, number | null>,
  knownIds: ReadonlySet<string>,
  populations: readonly string[],
): { values: StoredMetricValues; populations: string[] } {
  const values: StoredMetricValues = { all: {} };
  for (const p of populations) values[p] = {};
  for (const [column, v] of Object.entries(metrics)) {
    const pop = populations.find((p) => column.endsWith(`_${p}`) && knownIds.has(column.slice(0, -p.length - 1)));
    if (pop) values[pop][column.slice(0, -pop.length - 1)] = v;
    else values.all[column] = v;
  }
  const used = populations.filter((p) => Object.keys(values[p]).length > 0);
  return { values, populations: [...used, 'all'] };
}
