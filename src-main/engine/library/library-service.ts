// Library operations over a data root and its catalogue: create, generate as a job, resume, cancel, query, read runs.
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { LodynError, notFound, validationError } from '../../../src-shared/contract/envelope';
import type { JobRecord, LibraryRecord } from '../../../src-shared/catalogue/records';
import type { RunDetail } from '../../../src-shared/space/library-types';
import { shardCount, type LibrarySpecInput } from '../../../src-shared/space/library-spec';
import { spaceColumns } from '../../../src-shared/space/space';
import type { Catalogue } from '../catalogue/catalogue';
import {
  completeShards,
  generateLibrary,
  JobControl,
  ownedShards,
  readShardSpikes,
  type GenerationProgress,
} from './generator';
import {
  loadLibraryTable,
  queryTable,
  rowOfRun,
  type ColumnInfo,
  type ColumnMeta,
  type LibraryTable,
  type QueryResult,
  type TableQuery,
} from './library-table';
import { planLibrary, subsetRecording, type LibraryPlan } from './run-plan';
import { recomputeMetrics } from './recompute';
import { parseMetricColumn } from './metric-columns';
import { isBuiltinMetricId } from '../../../src-shared/metrics/ids';
import type { UserMetricDefinition } from '../metrics/evaluate';
import { getLibraryRuntime, type LibraryRuntime } from './runtime';
import {
  canonicalJson,
  readLibraryManifest,
  RUN_STATUSES,
  sha256,
  writeLibraryManifest,
  type LibraryManifest,
} from './shard-store';
import { decodeSpikes, encodeSpikes, spikeBlobAt } from './spike-codec';
import os from 'node:os';
import type { LibraryEstimate } from '../../../src-shared/space/library-types';

const hostParallelism = () => os.availableParallelism?.() ?? os.cpus().length;

export const LIBRARIES_DIR = 'libraries';
const RESERVED_COLUMNS = ['runIndex', 'seed', 'status', 'wallMs', 'nSpikes'];

export interface LibraryEvents {
  jobProgressed?(job: JobRecord): void;
  libraryChanged?(change: { libraryId: string; reason: string }): void;
}

interface RunningJob {
  control: JobControl;
  done: Promise<void>;
}

export function newId(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
}

/** Runs in the shards a folder owns (all runs, or its slice's). */
export function runsOwned(m: LibraryManifest): number {
  const nRuns = m.spec.nSets * m.spec.seedsPerSet;
  return ownedShards(m).reduce((sum, s) => sum + Math.min(nRuns - s * m.spec.runsPerShard, m.spec.runsPerShard), 0);
}

export function specHashOf(spec: unknown): string {
  return sha256(canonicalJson(spec));
}

/** The library manifest for a validated spec (ids of parameter and metric columns fixed here). */
export function manifestFor(
  plan: LibraryPlan,
  id: string,
  appVersion: string,
  metricIds: string[],
  slice?: { index: number; count: number },
): LibraryManifest {
  const paramIds = spaceColumns(plan.space).map((c) => c.id);
  for (const id2 of metricIds) {
    if (paramIds.includes(id2) || RESERVED_COLUMNS.includes(id2)) {
      throw validationError('spec.metrics', `metric id '${id2}' clashes with a parameter or reserved column`);
    }
  }
  const spec = { ...plan.spec, metrics: metricIds };
  return {
    formatVersion: 1,
    id,
    spec,
    // Metrics are left out: they can be recomputed later without changing which runs the library holds.
    specHash: specHashOf({ ...spec, metrics: [] }),
    paramIds,
    metricIds,
    createdIso: new Date().toISOString(),
    appVersion,
    ...(slice ? { slice } : {}),
  };
}

export class LibraryService {
  private tables = new Map<string, Promise<LibraryTable>>();
  private jobs = new Map<string, RunningJob>();

  constructor(
    readonly dataRoot: string,
    readonly catalogue: Catalogue,
    readonly appVersion: string,
    readonly events: LibraryEvents = {},
    private runtimeOverride?: LibraryRuntime,
  ) {}

  /** Marks jobs and libraries left running by a previous process as interrupted (resumable). */
  async recoverAfterRestart(): Promise<void> {
    const stale = this.catalogue.data.jobs.some(
      (j) => (j.status === 'running' || j.status === 'paused') && !this.jobs.has(j.id),
    );
    const gen = this.catalogue.data.libraries.some(
      (l) => (l.status === 'generating' || l.status === 'paused') && !this.isGenerating(l.id),
    );
    if (!stale && !gen) return;
    await this.catalogue.update((d) => {
      for (const j of d.jobs)
        if ((j.status === 'running' || j.status === 'paused') && !this.jobs.has(j.id)) j.status = 'interrupted';
      for (const l of d.libraries)
        if ((l.status === 'generating' || l.status === 'paused') && !this.isGenerating(l.id)) l.status = 'incomplete';
    });
  }

  private runtime(): Promise<LibraryRuntime> {
    return this.runtimeOverride ? Promise.resolve(this.runtimeOverride) : getLibraryRuntime();
  }

  private isGenerating(libraryId: string): boolean {
    return this.catalogue.data.jobs.some((j) => j.libraryId === libraryId && this.jobs.has(j.id));
  }

  list(): LibraryRecord[] {
    return this.catalogue.data.libraries;
  }

  record(id: string): LibraryRecord {
    const rec = this.catalogue.data.libraries.find((l) => l.id === id);
    if (!rec) throw notFound('library', id);
    return rec;
  }

  folder(id: string): string {
    return path.resolve(this.dataRoot, this.record(id).folder);
  }

  async manifest(id: string): Promise<LibraryManifest> {
    return readLibraryManifest(this.folder(id));
  }

  /** Validates the spec, creates the folder and the catalogue record; generation starts separately. */
  async create(
    input: LibrarySpecInput,
    opts: { slice?: { index: number; count: number }; folder?: string } = {},
  ): Promise<LibraryRecord> {
    const plan = planLibrary(input);
    const runtime = await this.runtime().catch(() => null);
    const metricIds = plan.spec.metrics.length ? plan.spec.metrics : (runtime?.defaultMetricIds ?? []);
    if (opts.slice && (opts.slice.index < 0 || opts.slice.index >= opts.slice.count)) {
      throw validationError('shard', `slice index must be in [0, ${opts.slice.count}), got ${opts.slice.index}`);
    }
    const id = newId('lib');
    const manifest = manifestFor(plan, id, this.appVersion, metricIds, opts.slice);
    const folder = opts.folder ? path.resolve(opts.folder) : path.join(this.dataRoot, LIBRARIES_DIR, id);
    await writeLibraryManifest(folder, manifest);
    const rec = this.recordFor(manifest, folder, 'incomplete');
    await this.catalogue.update((d) => void d.libraries.push(rec));
    this.events.libraryChanged?.({ libraryId: id, reason: 'created' });
    return rec;
  }

  private recordFor(m: LibraryManifest, folder: string, status: LibraryRecord['status']): LibraryRecord {
    const base = m.spec.space.baseSpec as Record<string, unknown>;
    const model =
      typeof base.model === 'string' ? base.model : typeof base.name === 'string' ? base.name : m.spec.space.name;
    const owned = ownedShards(m);
    return {
      id: m.id,
      createdIso: m.createdIso,
      name: m.spec.name,
      description: m.spec.description,
      folder: path.relative(this.dataRoot, folder) || '.',
      model,
      free: m.spec.space.free.map((p) => ({ id: p.id, unit: p.unit, prior: p.prior.kind })),
      settings: {
        design: m.spec.design.kind,
        nSets: m.spec.nSets,
        seedsPerSet: m.spec.seedsPerSet,
        seed: m.spec.seed,
        runsPerShard: m.spec.runsPerShard,
      },
      metricIds: m.metricIds,
      counts: {
        runsPlanned: runsOwned(m),
        runsStored: 0,
        shardsStored: 0,
        shardsPlanned: owned.length,
        corruptShards: 0,
      },
      status,
      sizes: { arrowBytes: 0, spikesBytes: 0, nSpikes: 0 },
      appVersion: m.appVersion,
      ...(m.slice ? { slice: m.slice } : {}),
    };
  }

  /**
   * Estimates a library before it is made: runs `pilots` planned runs (spread over the design) with the runtime and
   * extrapolates wall time (over the runner's parallelism) and disk (stored spikes + table rows).
   */
  async estimate(input: LibrarySpecInput, pilots = 3): Promise<LibraryEstimate> {
    const plan = planLibrary(input);
    const runtime = await this.runtime();
    const metricIds = plan.spec.metrics.length ? plan.spec.metrics : runtime.defaultMetricIds;
    const lib = manifestFor(plan, 'estimate', this.appVersion, metricIds);
    let wallMs = 0;
    let bytes = 0;
    let simulated = 0;
    let rejected = 0;
    const n = Math.min(pilots, plan.nRuns);
    for (let k = 0; k < n; k++) {
      const run = plan.run(Math.floor((k * plan.nRuns) / n));
      if (run.point.violated.length) {
        rejected++;
        continue;
      }
      const t0 = performance.now();
      const out = await runtime.runOne(run.point.spec, run.seed, run);
      await runtime.metrics(out.spikes, run.point.spec, metricIds);
      wallMs += performance.now() - t0;
      const max = lib.spec.recording.maxNeurons;
      const kept = max !== undefined ? subsetRecording(out.spikes, max, run.seed) : out.spikes;
      bytes += encodeSpikes(kept, out.dtMs).length;
      simulated++;
    }
    const perRunMs = simulated ? wallMs / simulated : 0;
    const perRunSpikeBytes = simulated ? bytes / simulated : 0;
    // About 8 bytes per numeric column per row in the Arrow tables, plus the status dictionary index.
    const rowBytes = 8 * (lib.paramIds.length + lib.metricIds.length + 4) + 4;
    const parallel = Math.max(1, runtime.createRunner ? hostParallelism() : runtime.concurrency);
    const simulatedFraction = n ? simulated / n : 1;
    return {
      runs: plan.nRuns,
      shards: shardCount(plan.spec),
      pilots: n,
      pilotsRejected: rejected,
      perRunMs,
      estimatedSeconds: (plan.nRuns * simulatedFraction * perRunMs) / 1000 / parallel,
      parallelRuns: parallel,
      estimatedBytes: Math.round(plan.nRuns * (simulatedFraction * perRunSpikeBytes + rowBytes)),
    };
  }

  /** Loads (once, cached) the library's runs as typed columns. */
  table(id: string): Promise<LibraryTable> {
    let t = this.tables.get(id);
    if (!t) {
      t = this.loadTable(id);
      this.tables.set(id, t);
      t.catch(() => this.tables.delete(id));
    }
    return t;
  }

  private async loadTable(id: string): Promise<LibraryTable> {
    const dir = this.folder(id);
    const m = await readLibraryManifest(dir);
    const plan = planLibrary(m.spec);
    const spaceCols = new Map(spaceColumns(plan.space).map((c) => [c.id, c]));
    const runtime = await this.runtime().catch(() => null);
    const info = (col: string): ColumnInfo => {
      const s = spaceCols.get(col);
      if (s) return { label: s.label, unit: s.unit, kind: s.kind, ...(s.choices ? { choices: s.choices } : {}) };
      if (!m.metricIds.includes(col)) return {};
      // A saved user metric's column carries its own name and unit.
      const userDefs = this.catalogue.data.metricDefinitions as unknown as UserMetricDefinition[];
      const { metricId, population } = parseMetricColumn(col, new Set(userDefs.map((u) => u.id)));
      const user = userDefs.find((u) => u.id === metricId);
      if (user) {
        const name = user.name ?? user.id;
        return { label: population === 'all' ? name : `${name} (${population})`, unit: user.unit, kind: 'metric' };
      }
      return runtime?.metricInfo(col) ?? {};
    };
    return loadLibraryTable(dir, m, info);
  }

  invalidate(id: string): void {
    this.tables.delete(id);
  }

  /** Re-reads the folder and updates the record's counts, sizes and status. */
  async refresh(id: string, status?: LibraryRecord['status']): Promise<LibraryRecord> {
    this.invalidate(id);
    const t = await this.table(id);
    const owned = ownedShards(t.manifest);
    const runsPlanned = runsOwned(t.manifest);
    await this.catalogue.update((d) => {
      const rec = d.libraries.find((l) => l.id === id);
      if (!rec) return;
      rec.counts = {
        runsPlanned,
        runsStored: t.nRows,
        shardsStored: t.shardsLoaded.length,
        shardsPlanned: owned.length,
        corruptShards: t.problems.length,
      };
      rec.sizes = { arrowBytes: t.bytes.arrow, spikesBytes: t.bytes.spikes, nSpikes: t.nSpikes };
      rec.metricIds = t.manifest.metricIds;
      if (status) rec.status = status;
      else if (!this.isGenerating(id))
        rec.status = t.shardsLoaded.length === owned.length && !t.problems.length ? 'complete' : 'incomplete';
    });
    this.events.libraryChanged?.({ libraryId: id, reason: 'refreshed' });
    return this.record(id);
  }

  async query(id: string, q: TableQuery): Promise<QueryResult & { meta: ColumnMeta[] }> {
    const t = await this.table(id);
    try {
      return { ...queryTable(t, q), meta: t.meta };
    } catch (err) {
      throw validationError('query', (err as Error).message);
    }
  }

  async run(id: string, runIndex: number): Promise<RunDetail> {
    const t = await this.table(id);
    const row = rowOfRun(t, runIndex);
    if (row < 0) throw notFound(`run in library ${id}`, String(runIndex));
    const m = t.manifest;
    const plan = planLibrary(m.spec);
    const planned = plan.run(runIndex);
    const blob = spikeBlobAt(await readShardSpikes(this.folder(id), m, t.shard[row]), t.position[row]);
    const spikes = decodeSpikes(blob);
    const params: Record<string, number> = {};
    const choices: Record<string, unknown> = {};
    m.paramIds.forEach((p) => (params[p] = t.columns.get(p)![row]));
    m.spec.space.free.forEach((p) => {
      if (p.prior.kind === 'choice') choices[p.id] = p.prior.values[params[p.id]];
    });
    const metrics: Record<string, number | null> = {};
    m.metricIds.forEach((k) => {
      const v = t.columns.get(k)![row];
      metrics[k] = Number.isNaN(v) ? null : v;
    });
    return {
      libraryId: id,
      runIndex,
      seed: t.columns.get('seed')![row],
      status: RUN_STATUSES[t.status[row]],
      wallMs: t.columns.get('wallMs')![row],
      params,
      choices,
      metrics,
      spec: planned.point.spec,
      spikes: {
        neuron: Array.from(spikes.neuron),
        timeMs: Array.from(spikes.timeMs),
        nNeurons: spikes.nNeurons,
        durationMs: spikes.durationMs,
        populations: spikes.populations,
        ...(spikes.sourceIds ? { sourceIds: Array.from(spikes.sourceIds) } : {}),
      },
    };
  }

  /** Starts (or resumes) generation of the missing shards as a job; `done` settles when it ends. */
  async startGeneration(
    id: string,
    opts: { concurrency?: number } = {},
  ): Promise<{ job: JobRecord; done: Promise<JobRecord> }> {
    const existing = this.catalogue.data.jobs.find((j) => j.libraryId === id && this.jobs.has(j.id));
    if (existing) throw new LodynError('Conflict', `library ${id} is already being generated by job ${existing.id}`);
    const dir = this.folder(id);
    const m = await readLibraryManifest(dir);
    const plan = planLibrary(m.spec);
    const runtime = await this.runtime();
    const control = new JobControl();
    const now = new Date().toISOString();
    const job: JobRecord = {
      id: newId('job'),
      createdIso: now,
      kind: 'library:generate',
      title: `Generate ${m.spec.name}`,
      status: 'running',
      done: 0,
      total: plan.nRuns,
      runsPerS: 0,
      etaS: null,
      updatedIso: now,
      libraryId: id,
    };
    await this.catalogue.update((d) => {
      // The new job carries on where interrupted, cancelled or failed ones stopped: they leave the list.
      d.jobs = d.jobs.filter(
        (j) =>
          !(
            j.libraryId === id &&
            j.kind === 'library:generate' &&
            ['interrupted', 'cancelled', 'failed'].includes(j.status ?? '')
          ),
      );
      d.jobs.push(job);
      const rec = d.libraries.find((l) => l.id === id);
      if (rec) rec.status = 'generating';
    });
    let lastEmit = 0;
    const update = (p: Partial<JobRecord>) => {
      const rec = this.catalogue.data.jobs.find((j) => j.id === job.id);
      if (rec) Object.assign(rec, p, { updatedIso: new Date().toISOString() });
      return rec ?? job;
    };
    const onProgress = (p: GenerationProgress) => {
      if (control.abort.signal.aborted) return;
      const rec = update({
        done: p.done,
        total: p.total,
        runsPerS: p.runsPerS,
        etaS: p.etaS,
        status: control.isPaused ? 'paused' : 'running',
      });
      const t = Date.now();
      // Throttled: the UI needs a few updates a second, not one per run.
      if (t - lastEmit > 250 || p.done === p.total) {
        lastEmit = t;
        this.events.jobProgressed?.({ ...rec });
      }
    };
    const finish = async (status: JobRecord['status'], error?: string): Promise<JobRecord> => {
      await this.catalogue.update(() => void update({ status, ...(error ? { error } : {}) }));
      this.jobs.delete(job.id);
      const libStatus: LibraryRecord['status'] =
        status === 'done'
          ? 'complete'
          : status === 'cancelled'
            ? 'cancelled'
            : status === 'failed'
              ? 'failed'
              : 'incomplete';
      await this.refresh(id, libStatus === 'complete' ? undefined : libStatus);
      const rec = { ...this.catalogue.data.jobs.find((j) => j.id === job.id)! };
      this.events.jobProgressed?.(rec);
      return rec;
    };
    const runner = runtime.createRunner?.(m.metricIds) ?? {
      runOne: runtime.runOne,
      concurrency: runtime.concurrency,
      close: async () => undefined,
    };
    const done = generateLibrary({
      dir,
      lib: m,
      plan,
      runOne: runner.runOne,
      metrics: runtime.metrics,
      concurrency: opts.concurrency ?? runner.concurrency,
      control,
      onProgress,
      onShard: (shard) => {
        this.invalidate(id);
        // Counts grow shard by shard without re-reading the folder (refresh re-reads it when the job ends).
        void this.catalogue.update((d) => {
          const rec = d.libraries.find((l) => l.id === id);
          if (!rec) return;
          rec.counts.runsStored += shard.nRuns;
          rec.counts.shardsStored += 1;
          rec.sizes.arrowBytes += shard.arrowBytes;
          rec.sizes.spikesBytes += shard.spikesBytes;
          rec.sizes.nSpikes += shard.nSpikes;
        });
        this.events.libraryChanged?.({ libraryId: id, reason: 'grew' });
      },
    })
      .finally(() => runner.close())
      .then(
        () => finish('done'),
        (err: unknown) =>
          err instanceof LodynError && err.name === 'Cancelled'
            ? finish('cancelled')
            : finish('failed', (err as Error).message),
      );
    this.jobs.set(job.id, { control, done: done.then(() => undefined) });
    return { job, done };
  }

  /** Recomputes metric columns from stored spikes as a job (post-hoc metrics). */
  async startRecompute(id: string, columns: string[]): Promise<{ job: JobRecord; done: Promise<JobRecord> }> {
    if (!columns.length) throw validationError('metrics', 'give at least one metric id');
    if (this.isGenerating(id)) throw new LodynError('Conflict', `library ${id} has a running job`);
    const dir = this.folder(id);
    const m = await readLibraryManifest(dir);
    const clash = columns.find((c) => m.paramIds.includes(c) || RESERVED_COLUMNS.includes(c));
    if (clash) throw validationError('metrics', `'${clash}' is a parameter or reserved column`);
    const runtime = await this.runtime();
    // Saved user metrics can be recomputed like built-ins (columns `id`, `id_E`, `id_I`).
    const userDefs = this.catalogue.data.metricDefinitions.map(
      ({ createdIso: _c, updatedIso: _u, ...def }) => def as UserMetricDefinition,
    );
    const userIds = new Set(userDefs.map((u) => u.id));
    if (runtime.createMetricsRunner) {
      const unknown = columns.find((c) => {
        const base = parseMetricColumn(c, userIds).metricId;
        return !isBuiltinMetricId(base) && !userIds.has(base);
      });
      if (unknown) {
        throw validationError('metrics', `unknown metric '${unknown}': not built in and not a saved user metric`);
      }
    }
    const wantedUser = userDefs.filter((u) => columns.some((c) => parseMetricColumn(c, userIds).metricId === u.id));
    const metricsRunner = runtime.createMetricsRunner?.(wantedUser) ?? {
      metrics: runtime.metrics,
      concurrency: 1,
      close: async () => undefined,
    };
    const control = new JobControl();
    const now = new Date().toISOString();
    const job: JobRecord = {
      id: newId('job'),
      createdIso: now,
      kind: 'library:recompute',
      title: `Recompute ${columns.join(', ')} of ${m.spec.name}`,
      status: 'running',
      done: 0,
      total: 0,
      runsPerS: 0,
      etaS: null,
      updatedIso: now,
      libraryId: id,
    };
    await this.catalogue.update((d) => void d.jobs.push(job));
    let lastEmit = 0;
    const update = (p: Partial<JobRecord>) => {
      const rec = this.catalogue.data.jobs.find((j) => j.id === job.id);
      if (rec) Object.assign(rec, p, { updatedIso: new Date().toISOString() });
      return rec ?? job;
    };
    const finish = async (status: JobRecord['status'], error?: string) => {
      await this.catalogue.update(() => void update({ status, ...(error ? { error } : {}) }));
      this.jobs.delete(job.id);
      await this.catalogue.update((d) => {
        const rec = d.libraries.find((l) => l.id === id);
        if (rec) rec.metricIds = [...new Set([...rec.metricIds, ...columns])];
      });
      await this.refresh(id);
      const rec = { ...this.catalogue.data.jobs.find((j) => j.id === job.id)! };
      this.events.jobProgressed?.(rec);
      return rec;
    };
    const done = recomputeMetrics({
      dir,
      lib: m,
      columns,
      metrics: metricsRunner.metrics,
      concurrency: metricsRunner.concurrency,
      control,
      onProgress: (p) => {
        if (control.abort.signal.aborted) return;
        const rec = update({ done: p.done, total: p.total, runsPerS: p.runsPerS, etaS: p.etaS });
        if (Date.now() - lastEmit > 250 || p.done === p.total) {
          lastEmit = Date.now();
          this.events.jobProgressed?.({ ...rec });
        }
      },
    })
      .finally(() => metricsRunner.close())
      .then(
        () => finish('done'),
        (err: unknown) =>
          err instanceof LodynError && err.name === 'Cancelled'
            ? finish('cancelled')
            : finish('failed', (err as Error).message),
      );
    this.jobs.set(job.id, { control, done: done.then(() => undefined) });
    return { job, done };
  }

  jobControl(jobId: string): JobControl {
    const j = this.jobs.get(jobId);
    if (!j) throw notFound('running job', jobId);
    return j.control;
  }

  async pause(jobId: string): Promise<JobRecord> {
    this.jobControl(jobId).pause();
    return this.setJobStatus(jobId, 'paused');
  }

  async unpause(jobId: string): Promise<JobRecord> {
    this.jobControl(jobId).resume();
    return this.setJobStatus(jobId, 'running');
  }

  /** Records a job's new status and tells listeners. */
  private async setJobStatus(jobId: string, status: 'paused' | 'running'): Promise<JobRecord> {
    await this.catalogue.update((d) => {
      const j = d.jobs.find((x) => x.id === jobId);
      if (j) j.status = status;
    });
    this.events.jobProgressed?.(this.job(jobId));
    return this.job(jobId);
  }

  async cancel(jobId: string): Promise<JobRecord> {
    const running = this.jobs.get(jobId);
    if (!running) throw notFound('running job', jobId);
    running.control.cancel();
    await running.done;
    return this.job(jobId);
  }

  job(jobId: string): JobRecord {
    const j = this.catalogue.data.jobs.find((x) => x.id === jobId);
    if (!j) throw notFound('job', jobId);
    return { ...j };
  }

  jobsList(): JobRecord[] {
    return this.catalogue.data.jobs.map((j) => ({ ...j }));
  }

  /** Shards still to make (for resume estimates). */
  async missingShards(id: string): Promise<number[]> {
    const dir = this.folder(id);
    const m = await readLibraryManifest(dir);
    const done = await completeShards(dir, m);
    return ownedShards(m).filter((s) => !done.has(s));
  }

  /** Removes a library's record and, when it lives in the data root, its folder. */
  async remove(id: string): Promise<void> {
    const dir = this.folder(id);
    if (this.isGenerating(id))
      throw new LodynError('Conflict', `library ${id} is being generated; cancel its job first`);
    await this.catalogue.update((d) => void (d.libraries = d.libraries.filter((l) => l.id !== id)));
    if (dir.startsWith(path.resolve(this.dataRoot, LIBRARIES_DIR) + path.sep))
      await rm(dir, { recursive: true, force: true });
    this.invalidate(id);
    this.events.libraryChanged?.({ libraryId: id, reason: 'removed' });
  }

  /** Registers an existing library folder (import, merge) under a fresh id when its id is taken. */
  async register(folder: string): Promise<LibraryRecord> {
    let m = await readLibraryManifest(folder);
    if (this.catalogue.data.libraries.some((l) => l.id === m.id)) {
      m = { ...m, id: newId('lib') };
      await writeLibraryManifest(folder, m);
    }
    const rec = this.recordFor(m, folder, 'incomplete');
    await this.catalogue.update((d) => void d.libraries.push(rec));
    return this.refresh(m.id);
  }

  shardsPlanned(m: LibraryManifest): number {
    return shardCount(m.spec);
  }
}

export type { RunDetail };
