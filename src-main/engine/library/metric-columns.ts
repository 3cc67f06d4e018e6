// Metric columns of library runs: one column per metric and population (`rate_mean`, `rate_mean_E`, ...).
import { BUILTIN_METRIC_IDS, isBuiltinMetricId } from '../../../src-shared/metrics/ids';
import type { SpikeRecord } from '../../../src-shared/model/spikes';
import { computeMetrics } from '../metrics/evaluate';

/** Populations reported per metric: the whole network (plain id), then E and I (`_E`, `_I` suffixes). */
export const METRIC_POPULATIONS = ['all', 'E', 'I'] as const;

/** Column id of a metric for a population: `rate_mean`, `rate_mean_E`, `rate_mean_I`. */
export function metricColumnId(metricId: string, population: string): string {
  return population === 'all' ? metricId : `${metricId}_${population}`;
}

/** Splits a column id back into metric id and population. */
export function parseMetricColumn(column: string): { metricId: string; population: string } {
  const m = /^(.*)_(E|I)$/.exec(column);
  if (m && isBuiltinMetricId(m[1])) return { metricId: m[1], population: m[2] };
  return { metricId: column, population: 'all' };
}

export const DEFAULT_METRIC_COLUMNS = BUILTIN_METRIC_IDS.flatMap((id) =>
  METRIC_POPULATIONS.map((p) => metricColumnId(id, p)),
);

/** Metric columns of one run from its spikes (NaN where a metric is undefined, e.g. no spikes). */
export function libraryMetrics(
  spikes: SpikeRecord,
  columns: readonly string[] = DEFAULT_METRIC_COLUMNS,
): Record<string, number> {
  const wanted = [...new Set(columns.map((c) => parseMetricColumn(c).metricId))];
  const values = computeMetrics(spikes, { metricIds: wanted });
  const out: Record<string, number> = {};
  for (const c of columns) {
    const { metricId, population } = parseMetricColumn(c);
    out[c] = values[population]?.[metricId] ?? NaN;
  }
  return out;
}
