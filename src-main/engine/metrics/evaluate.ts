// The metrics evaluator: spikes -> values per population for built-in and user metrics, with NaN reasons; pure and seeded.
import { validationError } from '../../../src-shared/contract/envelope';
import { METRIC_DEFINITIONS, metricMeta } from '../../../src-shared/metrics/definitions';
import {
  ALL_POPULATION,
  BUILTIN_METRIC_IDS,
  DEFAULT_WARMUP_MS,
  isBuiltinMetricId,
  type BuiltinMetricId,
} from '../../../src-shared/metrics/ids';
import type { UserMetricDefinition } from '../../../src-shared/metrics/user-metric';
import type { SpikeRecord } from '../../../src-shared/model/spikes';
import { BUILTIN_METRIC_FNS, type ResolvedParams } from './registry';
import { selectSortedTimes, selectTrains, subTrains, type PopulationTrains } from './trains';
import { evaluateExpression } from './user/expression';
import { quantityValues, reduceStatistic } from './user/statistic';
import { compileUserMetrics, type CompiledUserMetric } from './user/validate';

export type MetricValues = Record<string, Record<string, number>>;

export interface ComputeMetricsOptions {
  /** Analysis window [startMs, endMs). @default [200, durationMs] (empty when the run is shorter than the warm-up) */
  windowMs?: readonly [number, number];
  /** Metrics to report (built-in or user ids). @default every built-in metric plus every user metric given */
  metricIds?: readonly string[];
  /** User metric definitions (unvalidated input is checked here). @default [] */
  userMetrics?: readonly unknown[];
  /** Parameter overrides per built-in metric, e.g. `{ corr_pairwise: { binMs: 5 } }`. @default {} */
  params?: Partial<Record<string, Record<string, number>>>;
}

export interface MetricsResult {
  /** `values[population][metricId]`; population `all` is always present. */
  values: MetricValues;
  /** Why a value is NaN, for every NaN in `values`. */
  nanReasons: Record<string, Record<string, string>>;
  windowMs: [number, number];
  /** Populations in report order: the record's, then `all`. */
  populations: string[];
}

/** Fills parameter defaults and checks overrides against the metadata ranges. */
export function resolveParams(
  overrides: ComputeMetricsOptions['params'] = {},
): Record<BuiltinMetricId, ResolvedParams> {
  for (const id of Object.keys(overrides))
    if (!isBuiltinMetricId(id)) throw validationError(`params.${id}`, `unknown metric '${id}'`);
  const out = {} as Record<BuiltinMetricId, ResolvedParams>;
  for (const meta of METRIC_DEFINITIONS) {
    const given = overrides[meta.id] ?? {};
    const resolved: ResolvedParams = {};
    for (const name of Object.keys(given))
      if (!meta.params.some((p) => p.name === name))
        throw validationError(
          `params.${meta.id}.${name}`,
          `unknown parameter (known: ${meta.params.map((p) => p.name).join(', ') || 'none'})`,
        );
    for (const p of meta.params) {
      const v = given[p.name] ?? p.default;
      if (typeof v !== 'number' || !Number.isFinite(v) || v < p.min || v > p.max || (p.integer && !Number.isInteger(v)))
        throw validationError(
          `params.${meta.id}.${p.name}`,
          `must be ${p.integer ? 'an integer' : 'a number'} in [${p.min}, ${p.max}] ${p.unit}`.trim(),
          { min: p.min, max: p.max, got: v },
        );
      resolved[p.name] = v;
    }
    out[meta.id] = resolved;
  }
  return out;
}

/** The analysis window of a record: the given one (checked), else the run after the default warm-up. */
export function analysisWindow(spikes: SpikeRecord, windowMs?: readonly [number, number]): [number, number] {
  if (!windowMs) return [Math.min(DEFAULT_WARMUP_MS, spikes.durationMs), spikes.durationMs];
  const [a, b] = windowMs;
  if (!Number.isFinite(a) || !Number.isFinite(b) || a < 0 || b <= a)
    throw validationError('windowMs', `must be [start, end) with 0 ≤ start < end, got [${a}, ${b}]`);
  return [a, b];
}

function populationsOf(spikes: SpikeRecord): { name: string; start: number; count: number }[] {
  const pops = spikes.populations.filter((p) => p.name !== ALL_POPULATION);
  return [...pops, { name: ALL_POPULATION, start: 0, count: spikes.nNeurons }];
}

/** Computes metrics with NaN reasons. Throws ValidationError only for bad options, never for degenerate spikes. */
export function computeMetricsDetailed(spikes: SpikeRecord, opts: ComputeMetricsOptions = {}): MetricsResult {
  const windowMs = analysisWindow(spikes, opts.windowMs);
  const params = resolveParams(opts.params);
  const users = compileUserMetrics(opts.userMetrics ?? []);
  const userById = new Map(users.map((u) => [u.def.id, u]));
  const requested = opts.metricIds ?? [...BUILTIN_METRIC_IDS, ...users.map((u) => u.def.id)];
  requested.forEach((id, i) => {
    if (!isBuiltinMetricId(id) && !userById.has(id))
      throw validationError(
        `metricIds[${i}]`,
        `unknown metric '${id}' (not built-in, not among the user metrics given)`,
      );
  });

  const pops = populationsOf(spikes);
  const values: MetricValues = {};
  const nanReasons: Record<string, Record<string, string>> = {};
  const trainsCache = new Map<string, PopulationTrains>();
  // Every population is a neuron range of the whole record's trains in the same window, so selection is one pass
  // over the spikes and per-neuron work (binning, ISI statistics) is shared between E, I and `all`.
  const rootOf = (win: readonly [number, number]): PopulationTrains => {
    const key = `\0root:${win[0]}:${win[1]}`;
    let t = trainsCache.get(key);
    if (!t) trainsCache.set(key, (t = selectTrains(spikes, 0, spikes.nNeurons, win[0], win[1])));
    return t;
  };
  const trainsOf = (popName: string, win: readonly [number, number]): PopulationTrains | undefined => {
    const pop = pops.find((p) => p.name === popName);
    if (!pop) return undefined;
    const key = `${popName}:${win[0]}:${win[1]}`;
    let t = trainsCache.get(key);
    if (!t) {
      const { start, count } = pop;
      if (start === 0 && count === spikes.nNeurons) t = rootOf(win);
      else if (
        Number.isInteger(start) &&
        Number.isInteger(count) &&
        start >= 0 &&
        count >= 0 &&
        start + count <= spikes.nNeurons
      ) {
        const root = rootOf(win);
        const n = root.offsets[start + count] - root.offsets[start];
        t = subTrains(root, start, count, () => selectSortedTimes(spikes, start, count, win[0], win[1], n));
      } else t = selectTrains(spikes, start, count, win[0], win[1]);
      trainsCache.set(key, t);
    }
    return t;
  };

  const builtinCache = new Map<string, { value: number; reason?: string }>();
  const builtin = (id: BuiltinMetricId, popName: string): { value: number; reason?: string } => {
    const key = `${popName}:${id}`;
    const hit = builtinCache.get(key);
    if (hit) return hit;
    const trains = trainsOf(popName, windowMs);
    let result: { value: number; reason?: string };
    if (!trains) result = { value: NaN, reason: `population '${popName}' is not in this record` };
    else if (trains.durationMs <= 0) result = { value: NaN, reason: 'the analysis window is empty' };
    else if (trains.nNeurons === 0) result = { value: NaN, reason: 'the population has no neurons' };
    else {
      const value = BUILTIN_METRIC_FNS[id](trains, params[id]);
      result = Number.isNaN(value) ? { value, reason: `NaN when ${metricMeta(id).nanWhen}` } : { value };
    }
    builtinCache.set(key, result);
    return result;
  };

  const userCache = new Map<string, { value: number; reason?: string }>();
  const user = (u: CompiledUserMetric, popName: string): { value: number; reason?: string } => {
    const key = `${popName}:${u.def.id}`;
    const hit = userCache.get(key);
    if (hit) return hit;
    let result: { value: number; reason?: string };
    const def = u.def;
    if (def.kind === 'statistic') {
      const target = def.population ?? popName;
      const trains = trainsOf(target, def.windowMs ?? windowMs);
      if (!trains) result = { value: NaN, reason: `population '${target}' is not in this record` };
      else if (trains.durationMs <= 0 || trains.nNeurons === 0)
        result = { value: NaN, reason: 'the window is empty or the population has no neurons' };
      else {
        const value = reduceStatistic(quantityValues(trains, def), def);
        result = Number.isNaN(value) ? { value, reason: `no neuron or bin has a defined ${def.quantity}` } : { value };
      }
    } else {
      const reasons: string[] = [];
      const value = evaluateExpression(u.tree!, (id, population) => {
        const p = population ?? popName;
        const dep = userById.get(id);
        const r = dep ? user(dep, p) : builtin(id as BuiltinMetricId, p);
        if (Number.isNaN(r.value)) reasons.push(`${id}[${p}] is NaN (${r.reason ?? 'no reason'})`);
        return r.value;
      });
      result = Number.isNaN(value)
        ? {
            value,
            reason: reasons.length
              ? reasons.join('; ')
              : 'the expression is undefined here (e.g. 0/0, log of a negative)',
          }
        : { value };
    }
    userCache.set(key, result);
    return result;
  };

  for (const pop of pops) {
    values[pop.name] = {};
    for (const id of requested) {
      const u = userById.get(id);
      if (u && u.def.kind === 'statistic' && u.def.population && u.def.population !== pop.name) continue;
      const r = u ? user(u, pop.name) : builtin(id as BuiltinMetricId, pop.name);
      values[pop.name][id] = r.value;
      if (r.reason) (nanReasons[pop.name] ??= {})[id] = r.reason;
    }
  }
  return { values, nanReasons, windowMs, populations: pops.map((p) => p.name) };
}

/** Metric values per population: `{ E: { rate_mean: 4.1, ... }, I: {...}, all: {...} }`. */
export function computeMetrics(spikes: SpikeRecord, opts: ComputeMetricsOptions = {}): MetricValues {
  return computeMetricsDetailed(spikes, opts).values;
}

export type { UserMetricDefinition };
