// Posteriors of a data root: training from a library as a job (worker thread), the store, targets, diagnostics, PPC.
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { JobRecord, PosteriorRecord } from '../../../src-shared/catalogue/records';
import type {
  ConditionalResult,
  PosteriorDiagnostics,
  PosteriorPredictive,
  PosteriorProgress,
  PosteriorSamples,
  PosteriorTarget,
  PosteriorTrainStarted,
  PredictiveDraw,
  ResolvedTarget,
} from '../../../src-shared/contract/calls/posterior';
import { LodynError, notFound, validationError } from '../../../src-shared/contract/envelope';
import { pointFromValues } from '../../../src-shared/space/space';
import type { Catalogue } from '../catalogue/catalogue';
import { newId, type LibraryService } from '../library/library-service';
import { rowOfRun, type LibraryTable } from '../library/library-table';
import { planLibrary, type PlannedRun } from '../library/run-plan';
import { getLibraryRuntime } from '../library/runtime';
import { parseMetricColumn } from '../library/sim-runtime';
import { getObservation } from '../observations/store';
import { matrix, row, type Matrix } from '../sbi/matrix';
import { posteriorFromJson } from '../sbi/persistence';
import type { NpePosterior } from '../sbi/posterior';
import { trainingConfig } from '../sbi/training';
import { selectTfBackend } from '../tf/backend';
import { trainInWorker, type TrainJob } from '../../workers/train-protocol';
import { conditionalAt } from './conditional';
import { runCalibration } from './diagnostics';
import { buildTrainingSet, dataStats, toExternal, toInternal } from './dataset';
import { checkOod } from './ood';

export const POSTERIORS_DIR = 'posteriors';

export interface PosteriorEvents {
  jobProgressed?(job: JobRecord): void;
  progressed?(p: PosteriorProgress): void;
  changed?(c: { posteriorId: string; reason: string }): void;
}

export interface TrainRequest {
  libraryId: string;
  metricIds: string[];
  estimator: 'maf' | 'nsf' | 'mdn';
  seed: number;
  maxEpochs: number;
  heldOut: number;
  name?: string;
}

/** Quantile of sorted values by linear interpolation. */
function quantile(sorted: number[], q: number): number {
  const pos = q * (sorted.length - 1);
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
}

export class PosteriorService {
  private loaded = new Map<string, Promise<NpePosterior>>();
  private running = new Map<string, { job: TrainJob; done: Promise<PosteriorRecord | null> }>();

  constructor(
    readonly dataRoot: string,
    readonly catalogue: Catalogue,
    readonly libraries: LibraryService,
    readonly appVersion: string,
    readonly events: PosteriorEvents = {},
  ) {}

  list(): PosteriorRecord[] {
    return this.catalogue.data.posteriors.map((p) => ({ ...p }));
  }

  record(id: string): PosteriorRecord {
    const rec = this.catalogue.data.posteriors.find((p) => p.id === id);
    if (!rec) throw notFound('posterior', id);
    return rec;
  }

  /** The trained posterior (weights read once per process, from `<dataRoot>/posteriors/<id>.json`). */
  posterior(id: string): Promise<NpePosterior> {
    const rec = this.record(id);
    let p = this.loaded.get(id);
    if (!p) {
      p = (async () => {
        await selectTfBackend();
        const text = await readFile(path.join(this.dataRoot, rec.file), 'utf8').catch((err: Error) => {
          throw new LodynError('NotFound', `weights of posterior ${id} missing (${rec.file}): ${err.message}`);
        });
        return posteriorFromJson(JSON.parse(text));
      })();
      p.catch(() => this.loaded.delete(id));
      this.loaded.set(id, p);
    }
    return p;
  }

  private async updateJob(jobId: string, change: Partial<JobRecord>, persist = true): Promise<JobRecord> {
    const apply = (j: JobRecord | undefined) => {
      if (j) Object.assign(j, change, { updatedIso: new Date().toISOString() });
    };
    if (persist) await this.catalogue.update((d) => apply(d.jobs.find((j) => j.id === jobId)));
    else apply(this.catalogue.data.jobs.find((j) => j.id === jobId));
    const job = { ...this.catalogue.data.jobs.find((j) => j.id === jobId)! };
    this.events.jobProgressed?.(job);
    return job;
  }

  /**
   * Starts training on a library as a job in a worker thread. Answers at once with the job; `done` settles with the
   * saved record (null when cancelled or failed).
   */
  async startTraining(req: TrainRequest): Promise<PosteriorTrainStarted & { done: Promise<PosteriorRecord | null> }> {
    const library = this.libraries.record(req.libraryId);
    const table = await this.libraries.table(req.libraryId);
    const set = buildTrainingSet(table, req.metricIds, { heldOut: req.heldOut, seed: req.seed });
    const config = trainingConfig({ estimator: req.estimator, seed: req.seed, maxEpochs: req.maxEpochs });
    const now = new Date().toISOString();
    const posteriorId = newId('post');
    const job: JobRecord = {
      id: newId('job'),
      createdIso: now,
      kind: 'training',
      title: `Train posterior (${req.estimator}) on ${library.name}`,
      status: 'running',
      done: 0,
      total: config.maxEpochs,
      runsPerS: 0,
      etaS: null,
      updatedIso: now,
    };
    await this.catalogue.update((d) => void d.jobs.push(job));
    this.events.jobProgressed?.({ ...job });
    const started = performance.now();
    let lastWrite = 0;
    const worker = trainInWorker(
      {
        theta: set.theta,
        x: set.x,
        prior: set.prior,
        metricIds: set.metricIds,
        libraryId: req.libraryId,
        config,
      },
      (p) => {
        this.events.progressed?.({
          jobId: job.id,
          libraryId: req.libraryId,
          ...p,
          maxEpochs: config.maxEpochs,
          stopAfterEpochs: config.stopAfterEpochs,
        });
        const elapsed = (performance.now() - started) / 1000;
        // Epochs left: at most until maxEpochs, at most until early stopping would trigger.
        const left = Math.min(config.maxEpochs - p.epoch - 1, p.bestEpoch + config.stopAfterEpochs - p.epoch);
        const now2 = Date.now();
        // The catalogue file is rewritten at most once a second; events go out every epoch.
        const persist = now2 - lastWrite > 1000;
        if (persist) lastWrite = now2;
        void this.updateJob(
          job.id,
          { done: p.epoch + 1, runsPerS: (p.epoch + 1) / elapsed, etaS: (left * elapsed) / (p.epoch + 1) },
          persist,
        );
      },
    );
    const done = (async (): Promise<PosteriorRecord | null> => {
      try {
        const out = await worker.result;
        const file = path.posix.join(POSTERIORS_DIR, `${posteriorId}.json`);
        await mkdir(path.join(this.dataRoot, POSTERIORS_DIR), { recursive: true });
        await writeFile(path.join(this.dataRoot, file), JSON.stringify(out.posterior));
        const last = out.posterior.curve[out.posterior.bestEpoch];
        const rec: PosteriorRecord = {
          id: posteriorId,
          createdIso: new Date().toISOString(),
          name: req.name ?? `${library.name}: ${set.metricIds.join(', ')}`,
          libraryId: req.libraryId,
          libraryName: library.name,
          metricIds: set.metricIds,
          params: set.params,
          omittedParams: set.omitted,
          estimator: req.estimator,
          seed: req.seed,
          maxEpochs: config.maxEpochs,
          counts: { runs: set.runs, trained: set.theta.rows, heldOut: set.heldOut.runs.length, excluded: set.excluded },
          heldOutRuns: set.heldOut.runs,
          epochs: out.posterior.epochs,
          bestEpoch: out.posterior.bestEpoch,
          bestValLoss: last?.bestValLoss ?? NaN,
          stoppedBy: out.posterior.epochs < config.maxEpochs ? 'converged' : 'maxEpochs',
          trainSeconds: out.trainSeconds,
          backend: out.backend,
          curve: out.posterior.curve.map((c) => ({ epoch: c.epoch, trainLoss: c.trainLoss, valLoss: c.valLoss })),
          dataStats: dataStats(set.x),
          file,
          appVersion: this.appVersion,
        };
        await this.catalogue.update((d) => void d.posteriors.push(rec));
        await this.updateJob(job.id, { status: 'done', done: rec.epochs, total: rec.epochs, etaS: 0 });
        this.events.changed?.({ posteriorId: rec.id, reason: 'trained' });
        return rec;
      } catch (err) {
        const cancelled = err instanceof LodynError && err.name === 'Cancelled';
        await this.updateJob(job.id, {
          status: cancelled ? 'cancelled' : 'failed',
          etaS: null,
          ...(cancelled ? {} : { error: (err as Error).message }),
        });
        return null;
      } finally {
        this.running.delete(job.id);
      }
    })();
    this.running.set(job.id, { job: worker, done });
    return { job: { ...job }, posterior: null, excluded: set.excluded, trained: set.theta.rows, done };
  }

  async cancel(jobId: string): Promise<JobRecord> {
    const r = this.running.get(jobId);
    if (!r) throw notFound('running training job', jobId);
    r.job.cancel();
    await r.done;
    return { ...this.catalogue.data.jobs.find((j) => j.id === jobId)! };
  }

  /** Whether a job id is one of this service's running trainings. */
  owns(jobId: string): boolean {
    return this.running.has(jobId);
  }

  async remove(id: string): Promise<void> {
    const rec = this.record(id);
    const p = this.loaded.get(id);
    this.loaded.delete(id);
    if (p) (await p.catch(() => null))?.dispose();
    await this.catalogue.update((d) => void (d.posteriors = d.posteriors.filter((x) => x.id !== id)));
    await rm(path.join(this.dataRoot, rec.file), { force: true });
    this.events.changed?.({ posteriorId: id, reason: 'removed' });
  }

  /** Metric values of a target in the posterior's metric order, its true parameters when known, and the OOD check. */
  async resolveTarget(rec: PosteriorRecord, target: PosteriorTarget): Promise<ResolvedTarget> {
    let x: number[];
    let label: string;
    let truth: number[] | undefined;
    if (target.kind === 'values') {
      x = rec.metricIds.map((m) => {
        const v = target.values[m];
        if (v === undefined || !Number.isFinite(v))
          throw validationError(`target.values.${m}`, 'a finite value is required');
        return v;
      });
      label = 'typed values';
    } else if (target.kind === 'observation') {
      const obs = getObservation(this, target.observationId);
      x = rec.metricIds.map((m) => {
        const { metricId, population } = parseMetricColumn(m);
        const v = obs.metrics[population]?.[metricId];
        if (v === null || v === undefined || !Number.isFinite(v)) {
          throw validationError(
            'target.observationId',
            `observation ${obs.name} has no finite value of ${m}${obs.nanReasons[population]?.[metricId] ? ` (${obs.nanReasons[population][metricId]})` : ''}`,
          );
        }
        return v;
      });
      label = `observation ${obs.name}`;
    } else {
      const table = await this.libraries.table(target.libraryId);
      const r = rowOfRun(table, target.runIndex);
      if (r < 0) throw notFound(`run in library ${target.libraryId}`, String(target.runIndex));
      x = rec.metricIds.map((m) => {
        const col = table.columns.get(m);
        if (!col) throw validationError('target.libraryId', `library ${target.libraryId} has no metric column ${m}`);
        if (!Number.isFinite(col[r])) {
          throw validationError('target.runIndex', `run ${target.runIndex} has no finite value of ${m}`);
        }
        return col[r];
      });
      const cols = rec.params.map((p) => table.columns.get(p.id));
      if (cols.every((c) => c !== undefined)) truth = cols.map((c) => c![r]);
      label = `run ${target.runIndex} of ${this.libraries.record(target.libraryId).name}`;
    }
    return { x, label, ...(truth ? { truth } : {}), ood: checkOod(x, rec.metricIds, rec.dataStats) };
  }

  private external(rec: PosteriorRecord, m: Matrix): number[][] {
    return Array.from({ length: m.rows }, (_, i) => Array.from(row(m, i), (v, j) => toExternal(rec.params[j], v)));
  }

  async sample(id: string, target: PosteriorTarget, n: number, seed: number): Promise<PosteriorSamples> {
    const rec = this.record(id);
    const t = await this.resolveTarget(rec, target);
    const post = await this.posterior(id);
    const s = post.sample(n, t.x, { seed, maxSeconds: 30 });
    let map: number[] = [];
    if (s.samples.rows) {
      const lp = post.logProb(s.samples, t.x);
      let best = 0;
      for (let i = 1; i < lp.length; i++) if (lp[i] > lp[best]) best = i;
      map = Array.from(row(s.samples, best), (v, j) => toExternal(rec.params[j], v));
    }
    return {
      target: t,
      samples: this.external(rec, s.samples),
      acceptance: s.acceptance,
      ...(s.warning ? { warning: s.warning } : {}),
      map,
    };
  }

  async conditional(
    id: string,
    target: PosteriorTarget,
    point: number[],
    gridSize: number,
  ): Promise<ConditionalResult> {
    const rec = this.record(id);
    const t = await this.resolveTarget(rec, target);
    return conditionalAt(await this.posterior(id), rec.params, t.x, point, gridSize);
  }

  /** Held-out runs (internal theta, x) of a posterior, read back from its library. */
  private async heldOut(rec: PosteriorRecord): Promise<{ theta: Matrix; x: Matrix }> {
    const table: LibraryTable = await this.libraries.table(rec.libraryId);
    const rows = rec.heldOutRuns.map((r) => rowOfRun(table, r)).filter((r) => r >= 0);
    const theta = matrix(rows.length, rec.params.length);
    const x = matrix(rows.length, rec.metricIds.length);
    rows.forEach((r, i) => {
      rec.params.forEach(
        (p, j) => (theta.data[i * rec.params.length + j] = toInternal(p, table.columns.get(p.id)![r])),
      );
      rec.metricIds.forEach((m, j) => (x.data[i * rec.metricIds.length + j] = table.columns.get(m)![r]));
    });
    return { theta, x };
  }

  async diagnose(id: string, nSbc: number, nPosteriorSamples: number, seed: number): Promise<PosteriorDiagnostics> {
    const started = performance.now();
    const rec = this.record(id);
    const post = await this.posterior(id);
    const held = await this.heldOut(rec);
    const n = Math.min(nSbc, held.theta.rows);
    if (n < 10) {
      throw validationError('nSbc', `this posterior holds out ${held.theta.rows} runs; diagnostics need at least 10`);
    }
    const theta = { rows: n, cols: held.theta.cols, data: held.theta.data.slice(0, n * held.theta.cols) };
    const x = { rows: n, cols: held.x.cols, data: held.x.data.slice(0, n * held.x.cols) };
    const { sbc, coverage: cov, tarp } = runCalibration(post, theta, x, nPosteriorSamples, seed);
    const covCheck = { maxDeviation: cov.maxDeviation, passed: cov.passed };
    const failedParams = rec.params.filter((_, j) => sbc.ksPValues[j] <= 0.05 / rec.params.length).map((p) => p.label);
    const bias = cov.levels.reduce((s, l, i) => s + (cov.coverage[i] - l), 0) / Math.max(1, cov.levels.length);
    const passed = sbc.passed && covCheck.passed;
    let verdict: string;
    if (passed) {
      verdict = `Calibrated: on ${n} held-out library runs, the true parameters fall inside the posterior's credible regions as often as they should (rank test passed for all ${rec.params.length} parameters, coverage within ${covCheck.maxDeviation.toFixed(2)} of ideal). You can trust its uncertainty for targets like the library's runs.`;
    } else {
      const direction =
        bias < -0.02
          ? 'over-confident: its credible regions are too narrow and miss the truth more often than they claim'
          : bias > 0.02
            ? 'under-confident: its credible regions are wider than needed (safe, but less informative)'
            : 'miscalibrated';
      verdict = `Not calibrated: the posterior is ${direction}${failedParams.length ? ` (rank test failed for ${failedParams.join(', ')})` : ''}. Train on more runs, other metrics, or another estimator before trusting its uncertainty.`;
    }
    return {
      nSbc: n,
      nPosteriorSamples,
      sbc: { ksPValues: sbc.ksPValues, histograms: sbc.histograms, passed: sbc.passed },
      coverage: cov,
      tarp,
      verdict,
      passed,
      seconds: (performance.now() - started) / 1000,
    };
  }

  /**
   * Posterior predictive check: simulates `k` posterior draws with the library's simulator (the spec built from the
   * space exactly as the library builds a run), computes the same metric columns and compares them with the target.
   */
  async predictive(
    id: string,
    target: PosteriorTarget,
    k: number,
    seed: number,
    maxSpikes: number,
  ): Promise<PosteriorPredictive> {
    const started = performance.now();
    const rec = this.record(id);
    const t = await this.resolveTarget(rec, target);
    const post = await this.posterior(id);
    const s = post.sample(k, t.x, { seed, maxSeconds: 30 });
    const manifest = (await this.libraries.table(rec.libraryId)).manifest;
    const plan = planLibrary(manifest.spec);
    const notes: string[] = [];
    // Choice parameters are not part of the posterior: keep the target run's choice, else the first value.
    let targetFree: number[] | null = null;
    if (target.kind === 'run' && target.libraryId === rec.libraryId) {
      const table = await this.libraries.table(rec.libraryId);
      const r = rowOfRun(table, target.runIndex);
      targetFree = manifest.spec.space.free.map((p) => table.columns.get(p.id)![r]);
    }
    const runtime = await getLibraryRuntime();
    const runner = runtime.createRunner?.() ?? {
      runOne: runtime.runOne,
      concurrency: runtime.concurrency,
      close: async () => undefined,
    };
    try {
      const tasks = Array.from({ length: s.samples.rows }, async (_, i): Promise<PredictiveDraw> => {
        const params = Array.from(row(s.samples, i), (v, j) => toExternal(rec.params[j], v));
        const free = manifest.spec.space.free.map((p, fi) => {
          const j = rec.params.findIndex((pp) => pp.id === p.id);
          if (j >= 0) return p.integer ? Math.round(params[j]) : params[j];
          if (i === 0)
            notes.push(
              `${p.id} is not inferred; simulated with ${targetFree ? "the target run's" : 'its first'} value`,
            );
          return targetFree ? targetFree[fi] : 0;
        });
        const point = pointFromValues(plan.space, free);
        const empty = { neuron: [], timeMs: [], nNeurons: 0, durationMs: 0, populations: [] };
        if (point.violated.length) {
          return { params, status: 'rejected', metrics: {}, spikes: empty };
        }
        const runSeed = (seed * 7919 + i * 104_729 + 1) >>> 0;
        const planned: PlannedRun = { index: i, setIndex: i, seedIndex: 0, seed: runSeed, point };
        try {
          const out = await runner.runOne(point.spec, runSeed, planned);
          const values = await runtime.metrics(out.spikes, point.spec, rec.metricIds);
          const metrics: Record<string, number | null> = {};
          for (const m of rec.metricIds) metrics[m] = Number.isFinite(values[m]) ? values[m] : null;
          const nKeep = Math.min(maxSpikes, out.spikes.neuron.length);
          return {
            params,
            status: out.status,
            metrics,
            spikes: {
              neuron: Array.from(out.spikes.neuron.subarray(0, nKeep)),
              timeMs: Array.from(out.spikes.timeMs.subarray(0, nKeep)),
              nNeurons: out.spikes.nNeurons,
              populations: out.spikes.populations,
              durationMs:
                nKeep < out.spikes.neuron.length ? (out.spikes.timeMs[nKeep - 1] ?? 0) : out.spikes.durationMs,
            },
          };
        } catch (err) {
          notes.push(`draw ${i + 1} failed: ${(err as Error).message}`);
          return { params, status: 'failed', metrics: {}, spikes: empty };
        }
      });
      const draws = await Promise.all(tasks);
      const summary = rec.metricIds.map((m, j) => {
        const vals = draws
          .map((d) => d.metrics[m])
          .filter((v): v is number => typeof v === 'number')
          .sort((a, b) => a - b);
        const q05 = vals.length ? quantile(vals, 0.05) : null;
        const q95 = vals.length ? quantile(vals, 0.95) : null;
        const tol = 0.1 * Math.abs(t.x[j]);
        return {
          metricId: m,
          target: t.x[j],
          median: vals.length ? quantile(vals, 0.5) : null,
          q05,
          q95,
          covered: q05 !== null && q95 !== null && t.x[j] >= q05 - tol && t.x[j] <= q95 + tol,
        };
      });
      return {
        target: t,
        metricIds: rec.metricIds,
        draws,
        summary,
        notes: [...new Set(notes)],
        seconds: (performance.now() - started) / 1000,
      };
    } finally {
      await runner.close();
    }
  }

  /** Frees every loaded posterior's tensors. */
  dispose(): void {
    for (const p of this.loaded.values()) void p.then((x) => x.dispose()).catch(() => undefined);
    this.loaded.clear();
  }
}
