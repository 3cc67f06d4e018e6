// Post-hoc metrics: recomputes metric columns of a library from its stored spikes, shard by shard (each rewrite atomic).
import { planLibrary } from './run-plan';
import { JobControl, type GenerationProgress, type MetricFn } from './generator';
import {
  listShardManifests,
  readShard,
  writeLibraryManifest,
  writeShard,
  type LibraryManifest,
  type RunRow,
  type RunStatus,
} from './shard-store';
import { decodeSpikes, spikeBlobAt } from './spike-codec';

export interface RecomputeOptions {
  dir: string;
  lib: LibraryManifest;
  /** Metric columns to (re)compute; added to the library when new. */
  columns: string[];
  metrics: MetricFn;
  /** Runs whose metrics are computed at once (a worker pool's size). @default 1 */
  concurrency?: number;
  control?: JobControl;
  onProgress?: (p: GenerationProgress) => void;
}

/**
 * Recomputes `columns` for every stored run. Rejected and failed runs keep NaN. Metrics see the stored spikes, i.e. the
 * recorded subset when the library records fewer neurons than it simulates. Idempotent: rerun after a crash.
 */
export async function recomputeMetrics(opts: RecomputeOptions): Promise<LibraryManifest> {
  const control = opts.control ?? new JobControl();
  const metricIds = [...opts.lib.metricIds, ...opts.columns.filter((c) => !opts.lib.metricIds.includes(c))];
  const lib: LibraryManifest = { ...opts.lib, metricIds, spec: { ...opts.lib.spec, metrics: metricIds } };
  // The manifest first: shards not yet rewritten read the new columns as NaN until their turn.
  await writeLibraryManifest(opts.dir, lib);
  const plan = planLibrary(lib.spec);
  const shards = await listShardManifests(opts.dir);
  let total = 0;
  const loaded: number[] = [];
  for (const s of shards) {
    try {
      total += (await readShard(opts.dir, s, lib.specHash, { verifySpikes: false })).manifest.nRuns;
      loaded.push(s);
    } catch {
      // corrupt shards are left for resume to re-make
    }
  }
  let done = 0;
  const t0 = performance.now();
  for (const s of loaded) {
    const shard = await readShard(opts.dir, s, lib.specHash, { spikes: true });
    const table = shard.table;
    const rows: RunRow[] = new Array(table.numRows);
    const recomputeRow = async (k: number) => {
      await control.checkpoint();
      const row = table.get(k)!.toJSON() as Record<string, number | string>;
      const status = String(row.status) as RunStatus;
      const index = Number(row.runIndex);
      const old = lib.metricIds.map((id) => (row[id] === undefined || row[id] === null ? NaN : Number(row[id])));
      let values: Record<string, number> = {};
      if (status !== 'rejected' && status !== 'failed') {
        const spikes = decodeSpikes(spikeBlobAt(shard.spikes!, k));
        values = await opts.metrics(spikes, plan.run(index).point.spec, opts.columns);
      }
      rows[k] = {
        index,
        seed: Number(row.seed),
        params: lib.paramIds.map((id) => Number(row[id])),
        metrics: lib.metricIds.map((id, m) => (opts.columns.includes(id) ? (values[id] ?? NaN) : old[m])),
        status,
        wallMs: Number(row.wallMs),
        nSpikes: Number(row.nSpikes),
      };
      done++;
      const elapsedS = (performance.now() - t0) / 1000;
      const runsPerS = elapsedS > 0 ? done / elapsedS : 0;
      opts.onProgress?.({
        done,
        total,
        runsPerS,
        etaS: runsPerS ? (total - done) / runsPerS : null,
        shardsDone: 0,
        shardsTotal: loaded.length,
      });
    };
    // Up to `concurrency` runs in flight (workers); each row lands in its own slot, so order is kept.
    let next = 0;
    const lane = async () => {
      while (next < table.numRows) await recomputeRow(next++);
    };
    await Promise.all(Array.from({ length: Math.max(1, opts.concurrency ?? 1) }, lane));
    await writeShard(opts.dir, lib, s, shard.manifest.firstRun, rows, shard.spikes!);
  }
  return lib;
}
