// Frozen copy of the metrics engine before the speed work (commit e4c7105), the same-run baseline of metrics.bench.ts.
import { ALL_POPULATION, BUILTIN_METRIC_IDS } from '../../../src-shared/metrics/ids';
import type { SpikeRecord } from '../../../src-shared/model/spikes';
import { BUILTIN_METRIC_FNS, type ResolvedParams } from './registry';
import { selectTrains } from './trains';

/** Every built-in metric for every population and `all`, as the old evaluator computed them (values only). */
export function computeBuiltinBaseline(
  spikes: SpikeRecord,
  params: Record<string, ResolvedParams>,
  windowMs: readonly [number, number],
): Record<string, Record<string, number>> {
  const pops = [
    ...spikes.populations.filter((p) => p.name !== ALL_POPULATION),
    { name: ALL_POPULATION, start: 0, count: spikes.nNeurons },
  ];
  const out: Record<string, Record<string, number>> = {};
  for (const pop of pops) {
    const trains = selectTrains(spikes, pop.start, pop.count, windowMs[0], windowMs[1]);
    out[pop.name] = {};
    for (const id of BUILTIN_METRIC_IDS) out[pop.name][id] = BUILTIN_METRIC_FNS[id](trains, params[id]);
  }
  return out;
}
