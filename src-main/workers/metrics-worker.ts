// Worker entry: computes library metric columns of one run from its spikes (post-hoc recompute off the main thread).
import type { SpikeRecord } from '../../src-shared/model/spikes';
import type { UserMetricDefinition } from '../engine/metrics/evaluate';
import { libraryMetrics } from '../engine/library/metric-columns';

export interface MetricsTask {
  spikes: SpikeRecord;
  columns: string[];
  userMetrics: UserMetricDefinition[];
}

export default function computeColumns(task: MetricsTask): Record<string, number> {
  return libraryMetrics(task.spikes, task.columns, task.userMetrics);
}
