// Metric columns of library runs: one column per metric and population (`rate_mean`, `rate_mean_E`, ...).
import { BUILTIN_METRIC_IDS, isBuiltinMetricId } from '../../../src-shared/metrics/ids';
import type { SpikeRecord } from '../../../src-shared/model/spikes';
import { computeMetrics, type UserMetricDefinition } from '../metrics/evaluate';

/** Populations reported per metric: the whole network (plain id), then E and I (`_E`, `_I` suffixes). */
export const METRIC_POPULATIONS = ['all', 'E', 'I'] as const;

/** Column id of a metric for a population: `rate_mean`, `rate_mean_E`, `rate_mean_I`. */
export function metricColumnId(metricId: string, population: string): string {
  return population === 'all' ? metricId : `${metricId}_${population}`;
}

/** Splits a column id back into metric id and population (`userIds`: user metrics that may carry `_E`/`_I` too). */
export function parseMetricColumn(
  column: string,
  userIds: ReadonlySet<string> = new Set(),
): { metricId: string; population: string } {
  const m = /^(.*)_(E|I)$/.exec(column);
  if (m && (isBuiltinMetricId(m[1]) || userIds.has(m[1]))) return { metricId: m[1], population: m[2] };
  return { metricId: column, population: 'all' };
}

export const DEFAULT_METRIC_COLUMNS = BUILTIN_METRIC_IDS.flatMap((id) =>
  METRIC_POPULATIONS.map((p) => metricColumnId(id, p)),
);

/**
 * Metric columns of one run from its spikes (NaN where a metric is undefined, e.g. no spikes). `userMetrics` are
 * saved user definitions: their columns (`id`, `id_E`, `id_I`) are evaluated by the same engine as built-ins.
 */
export function libraryMetrics(
  spikes: SpikeRecord,
  columns: readonly string[] = DEFAULT_METRIC_COLUMNS,
  userMetrics: readonly UserMetricDefinition[] = [],
): Record<string, number> {
  const userIds = new Set(userMetrics.map((u) => u.id));
  const wanted = [...new Set(columns.map((c) => parseMetricColumn(c, userIds).metricId))];
  const values = computeMetrics(spikes, { metricIds: wanted, userMetrics });
  const out: Record<string, number> = {};
  for (const c of columns) {
    const { metricId, population } = parseMetricColumn(c, userIds);
    out[c] = values[population]?.[metricId] ?? NaN;
  }
  return out;
}
