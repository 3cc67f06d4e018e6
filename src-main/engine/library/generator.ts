// Generation of a library: runs shard by shard (each complete or absent), with progress, pause, cancel and resume.
import path from 'node:path';
import { LodynError } from '../../../src-shared/contract/envelope';
import type { SpikeRecord } from '../../../src-shared/model/spikes';
import { shardCount } from '../../../src-shared/space/library-spec';
import type { LibraryPlan, PlannedRun } from './run-plan';
import { subsetRecording } from './run-plan';
import {
  listShardManifests,
  readShard,
  removeStaleTemps,
  shardBase,
  SHARDS_DIR,
  writeShard,
  type LibraryManifest,
  type RunRow,
  type RunStatus,
  type ShardManifest,
} from './shard-store';
import { encodeSpikes, packSpikeShard } from './spike-codec';

/** What a simulator returns for one run. */
export interface RunOutput {
  spikes: SpikeRecord;
  status: Exclude<RunStatus, 'rejected' | 'failed'>;
  wallMs: number;
  /** Integration step; lets the store code spike times as exact step indices. */
  dtMs?: number;
  /** Metric columns already computed where the run ran (a worker); else the generator's MetricFn computes them. */
  metrics?: Record<string, number>;
}

/** Simulates one concrete spec with one seed. Injected: a fake in tests, the worker-pool simulator in the app. */
export type RunOne = (spec: Record<string, unknown>, seed: number, run: PlannedRun) => Promise<RunOutput> | RunOutput;

/** Metric values of one run, by metric id (missing ids are stored as NaN). */
export type MetricFn = (
  spikes: SpikeRecord,
  spec: Record<string, unknown>,
  /** Metric columns wanted (default: the runtime's default set). */
  columns?: readonly string[],
) => Promise<Record<string, number>> | Record<string, number>;

export interface GenerationProgress {
  done: number;
  total: number;
  runsPerS: number;
  /** Seconds left at the current rate; null before the first run of this session. */
  etaS: number | null;
  shardsDone: number;
  shardsTotal: number;
}

/** Pause, resume and cancel from outside; the generator checks between runs. */
export class JobControl {
  private paused = false;
  private waiters: (() => void)[] = [];
  readonly abort = new AbortController();
  get isPaused(): boolean {
    return this.paused;
  }
  pause(): void {
    this.paused = true;
  }
  resume(): void {
    this.paused = false;
    for (const w of this.waiters.splice(0)) w();
  }
  cancel(): void {
    this.abort.abort();
    this.resume();
  }
  /** Resolves when not paused; throws Cancelled once cancelled. */
  async checkpoint(): Promise<void> {
    while (this.paused && !this.abort.signal.aborted) await new Promise<void>((r) => this.waiters.push(r));
    if (this.abort.signal.aborted) throw new LodynError('Cancelled', 'generation cancelled');
  }
}

export interface GenerateOptions {
  dir: string;
  lib: LibraryManifest;
  plan: LibraryPlan;
  runOne: RunOne;
  metrics: MetricFn;
  /** Runs simulated at once (useful when runOne is backed by a worker pool). @default 1 */
  concurrency?: number;
  control?: JobControl;
  onProgress?: (p: GenerationProgress) => void;
  /** Called after each shard is safely on disk. */
  onShard?: (shard: ShardManifest) => void;
}

/** Shards this folder is responsible for (all, or its slice). */
export function ownedShards(lib: LibraryManifest): number[] {
  const n = shardCount(lib.spec);
  const out: number[] = [];
  for (let s = 0; s < n; s++) if (!lib.slice || s % lib.slice.count === lib.slice.index) out.push(s);
  return out;
}

/** Completed shards that verify; corrupt or foreign ones count as missing and get re-made. */
export async function completeShards(dir: string, lib: LibraryManifest): Promise<Set<number>> {
  const done = new Set<number>();
  for (const s of await listShardManifests(dir)) {
    try {
      await readShard(dir, s, lib.specHash);
      done.add(s);
    } catch {
      // re-made by the generator
    }
  }
  return done;
}

/** Runs of one shard: [firstRun, lastRun). */
export function shardRuns(lib: LibraryManifest, shard: number, nRuns: number): [number, number] {
  const first = shard * lib.spec.runsPerShard;
  return [first, Math.min(nRuns, first + lib.spec.runsPerShard)];
}

/**
 * Makes every missing shard of the folder. Idempotent: run it again after a crash or cancel and it completes the
 * rest; since run i depends only on (spec, seed, i), the result equals an uninterrupted generation.
 */
export async function generateLibrary(opts: GenerateOptions): Promise<{ shardsMade: number[]; runsMade: number }> {
  const { dir, lib, plan } = opts;
  const control = opts.control ?? new JobControl();
  await removeStaleTemps(dir);
  const owned = ownedShards(lib);
  const done = await completeShards(dir, lib);
  const todo = owned.filter((s) => !done.has(s));
  const runsIn = (s: number) => {
    const [a, b] = shardRuns(lib, s, plan.nRuns);
    return b - a;
  };
  const total = owned.reduce((sum, s) => sum + runsIn(s), 0);
  let doneRuns = total - todo.reduce((sum, s) => sum + runsIn(s), 0);
  let shardsDone = owned.length - todo.length;
  const t0 = performance.now();
  let sessionRuns = 0;
  const report = () => {
    const elapsedS = (performance.now() - t0) / 1000;
    const runsPerS = elapsedS > 0 ? sessionRuns / elapsedS : 0;
    opts.onProgress?.({
      done: doneRuns,
      total,
      runsPerS,
      etaS: runsPerS > 0 ? (total - doneRuns) / runsPerS : null,
      shardsDone,
      shardsTotal: owned.length,
    });
  };
  report();
  const made: number[] = [];
  for (const shard of todo) {
    const [first, last] = shardRuns(lib, shard, plan.nRuns);
    const rows: RunRow[] = new Array(last - first);
    const blobs: Uint8Array[] = new Array(last - first);
    let next = first;
    const worker = async () => {
      while (next < last) {
        await control.checkpoint();
        const i = next++;
        const { row, blob } = await makeRun(opts, plan.run(i));
        rows[i - first] = row;
        blobs[i - first] = blob;
        doneRuns++;
        sessionRuns++;
        report();
      }
    };
    // allSettled: on cancel, let runs in flight finish before reporting, so no progress arrives after the end.
    const settled = await Promise.allSettled(Array.from({ length: Math.max(1, opts.concurrency ?? 1) }, worker));
    const failure = settled.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failure) throw failure.reason;
    await control.checkpoint();
    const written = await writeShard(dir, lib, shard, first, rows, packSpikeShard(blobs));
    shardsDone++;
    made.push(shard);
    opts.onShard?.(written);
    report();
  }
  return { shardsMade: made, runsMade: sessionRuns };
}

const EMPTY_SPIKES = (durationMs: number): SpikeRecord => ({
  neuron: new Uint32Array(0),
  timeMs: new Float64Array(0),
  nNeurons: 0,
  durationMs,
  populations: [],
});

async function makeRun(opts: GenerateOptions, run: PlannedRun): Promise<{ row: RunRow; blob: Uint8Array }> {
  const { lib } = opts;
  const params = [...run.point.free, ...run.point.derived];
  const nanMetrics = lib.metricIds.map(() => NaN);
  const base = { index: run.index, seed: run.seed, params };
  if (run.point.violated.length) {
    return {
      row: { ...base, metrics: nanMetrics, status: 'rejected', wallMs: 0, nSpikes: 0 },
      blob: encodeSpikes(EMPTY_SPIKES(0)),
    };
  }
  let out: RunOutput;
  try {
    out = await opts.runOne(run.point.spec, run.seed, run);
  } catch (err) {
    if (err instanceof LodynError && err.name === 'Cancelled') throw err;
    return {
      row: { ...base, metrics: nanMetrics, status: 'failed', wallMs: 0, nSpikes: 0 },
      blob: encodeSpikes(EMPTY_SPIKES(0)),
    };
  }
  const max = lib.spec.recording.maxNeurons;
  const recorded = max !== undefined ? subsetRecording(out.spikes, max, run.seed) : out.spikes;
  // Metrics see the full record (rates over all neurons), the store keeps the recorded subset.
  const values = out.metrics ?? (await opts.metrics(out.spikes, run.point.spec, lib.metricIds));
  const metrics = lib.metricIds.map((id) => (typeof values[id] === 'number' ? values[id] : NaN));
  return {
    row: { ...base, metrics, status: out.status, wallMs: out.wallMs, nSpikes: recorded.neuron.length },
    blob: encodeSpikes(recorded, out.dtMs),
  };
}

/** Reads the packed spikes file of one shard (verified against its manifest). */
export async function readShardSpikes(dir: string, lib: LibraryManifest, shard: number): Promise<Uint8Array> {
  const s = await readShard(dir, shard, lib.specHash, { spikes: true });
  return s.spikes!;
}

export function shardPaths(dir: string, shard: number): { arrow: string; spikes: string; manifest: string } {
  const base = path.join(dir, SHARDS_DIR, shardBase(shard));
  return { arrow: `${base}.arrow`, spikes: `${base}.spikes`, manifest: `${base}.json` };
}
