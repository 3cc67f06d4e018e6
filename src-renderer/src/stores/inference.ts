// Inference view state: library and metrics chosen, training progress, the target, samples, conditionals and checks.
import { defineStore } from 'pinia';
import { computed, ref, shallowRef } from 'vue';
import type { LibraryRecord, ObservationRecord, PosteriorRecord } from '../../../src-shared/catalogue/records';
import type {
  ConditionalResult,
  PosteriorDiagnostics,
  PosteriorPredictive,
  PosteriorProgress,
  PosteriorSamples,
  PosteriorTarget,
} from '../../../src-shared/contract/calls/posterior';
import type { ColumnMeta } from '../../../src-shared/space/library-types';
import { api } from '../api/client';

export type TargetKind = PosteriorTarget['kind'];

/** Default training settings shown in the UI (the contract's defaults). */
export const TRAINING_DEFAULTS = { estimator: 'maf' as const, maxEpochs: 200, stopAfterEpochs: 20 };

function message(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

export const useInferenceStore = defineStore('inference', () => {
  const libraries = ref<LibraryRecord[]>([]);
  const posteriors = ref<PosteriorRecord[]>([]);
  const observations = ref<ObservationRecord[]>([]);
  const libraryId = ref<string | null>(null);
  const columns = shallowRef<ColumnMeta[]>([]);
  const metricIds = ref<string[]>([]);
  const estimator = ref<'maf' | 'nsf' | 'mdn'>(TRAINING_DEFAULTS.estimator);
  const maxEpochs = ref(TRAINING_DEFAULTS.maxEpochs);
  const posteriorId = ref<string | null>(null);
  const training = ref<{ jobId: string; curve: PosteriorProgress[]; status: string; error?: string } | null>(null);

  const targetKind = ref<TargetKind>('run');
  const runIndex = ref(0);
  const values = ref<Record<string, number | null>>({});
  const observationId = ref<string | null>(null);

  const samples = shallowRef<PosteriorSamples | null>(null);
  const conditional = shallowRef<ConditionalResult | null>(null);
  const predictive = shallowRef<PosteriorPredictive | null>(null);
  const diagnostics = shallowRef<PosteriorDiagnostics | null>(null);
  const busy = ref<string | null>(null);
  const error = ref<string | null>(null);
  let subscribed = false;

  const posterior = computed(() => posteriors.value.find((p) => p.id === posteriorId.value) ?? null);
  const metricColumns = computed(() => columns.value.filter((c) => c.kind === 'metric'));

  async function load(): Promise<void> {
    try {
      [libraries.value, posteriors.value, observations.value] = await Promise.all([
        api()['library:list']({}),
        api()['posterior:list']({}),
        api()['observations:list']({}),
      ]);
      if (!libraryId.value && libraries.value.length) {
        const lib = libraries.value.find((l) => l.id === 'default-library') ?? libraries.value[0];
        await chooseLibrary(lib.id);
      }
      error.value = null;
    } catch (err) {
      error.value = message(err);
    }
    if (!subscribed) {
      subscribed = true;
      api().on('posterior:progressed', (p) => {
        if (training.value?.jobId === p.jobId) training.value.curve = [...training.value.curve, p];
      });
      api().on('job:progressed', (j) => {
        if (training.value?.jobId !== j.id || j.status === 'running') return;
        training.value = { ...training.value, status: j.status ?? 'done', error: j.error };
        if (j.status === 'done')
          void refreshPosteriors().then(() => {
            const newest = [...posteriors.value].sort((a, b) => b.createdIso.localeCompare(a.createdIso))[0];
            if (newest) choosePosterior(newest.id);
          });
      });
      api().on('posterior:changed', () => void refreshPosteriors());
      api().on(
        'library:changed',
        () =>
          void api()
            ['library:list']({})
            .then((l) => (libraries.value = l)),
      );
    }
  }

  async function refreshPosteriors(): Promise<void> {
    posteriors.value = await api()['posterior:list']({});
  }

  async function chooseLibrary(id: string): Promise<void> {
    libraryId.value = id;
    const detail = await api()['library:get']({ id });
    columns.value = detail.columns;
    const known = new Set(detail.columns.filter((c) => c.kind === 'metric').map((c) => c.id));
    const preferred = ['rate_mean_E', 'rate_mean_I', 'cv_isi', 'corr_pairwise', 'spectrum_peak_hz'].filter((m) =>
      known.has(m),
    );
    metricIds.value = preferred.length ? preferred : [...known].slice(0, 3);
  }

  function clearResults(): void {
    samples.value = null;
    conditional.value = null;
    predictive.value = null;
    diagnostics.value = null;
  }

  async function train(): Promise<void> {
    if (!libraryId.value) return;
    error.value = null;
    try {
      const started = await api()['posterior:train']({
        libraryId: libraryId.value,
        metricIds: metricIds.value,
        estimator: estimator.value,
        maxEpochs: maxEpochs.value,
      });
      training.value = { jobId: started.job.id, curve: [], status: 'running' };
      clearResults();
    } catch (err) {
      error.value = message(err);
    }
  }

  async function cancelTraining(): Promise<void> {
    if (!training.value) return;
    try {
      await api()['posterior:cancel']({ jobId: training.value.jobId });
    } catch (err) {
      error.value = message(err);
    }
  }

  function choosePosterior(id: string | null): void {
    posteriorId.value = id;
    clearResults();
    const p = posterior.value;
    if (p) {
      values.value = Object.fromEntries(p.metricIds.map((m) => [m, values.value[m] ?? null]));
      if (targetKind.value === 'run' && libraryId.value !== p.libraryId) void chooseLibrary(p.libraryId);
    }
  }

  function target(): PosteriorTarget {
    const p = posterior.value!;
    if (targetKind.value === 'run') return { kind: 'run', libraryId: p.libraryId, runIndex: runIndex.value };
    if (targetKind.value === 'observation') return { kind: 'observation', observationId: observationId.value ?? '' };
    const v: Record<string, number> = {};
    for (const m of p.metricIds) if (typeof values.value[m] === 'number') v[m] = values.value[m]!;
    return { kind: 'values', values: v };
  }

  async function run<T>(label: string, body: () => Promise<T>): Promise<T | null> {
    busy.value = label;
    error.value = null;
    try {
      return await body();
    } catch (err) {
      error.value = message(err);
      return null;
    } finally {
      busy.value = null;
    }
  }

  async function sample(n = 2000): Promise<void> {
    if (!posterior.value) return;
    conditional.value = null;
    predictive.value = null;
    samples.value = await run('sample', () =>
      api()['posterior:sample']({ id: posteriorId.value!, target: target(), n }),
    );
  }

  async function condition(point: number[]): Promise<void> {
    if (!posterior.value) return;
    conditional.value = await run('condition', () =>
      api()['posterior:conditional']({ id: posteriorId.value!, target: target(), point, gridSize: 30 }),
    );
  }

  async function runPredictive(k = 4): Promise<void> {
    if (!posterior.value) return;
    predictive.value = await run('predictive', () =>
      api()['posterior:predictive']({ id: posteriorId.value!, target: target(), k }),
    );
  }

  async function diagnose(nSbc = 200): Promise<void> {
    if (!posterior.value) return;
    diagnostics.value = await run('diagnose', () =>
      api()['posterior:diagnose']({ id: posteriorId.value!, nSbc, nPosteriorSamples: 100 }),
    );
  }

  /** CSV of the current samples: one column per parameter, in its own unit. */
  function samplesCsv(): string {
    const p = posterior.value;
    if (!p || !samples.value) return '';
    const header = p.params.map((q) => (q.unit ? `${q.id}_${q.unit.replace(/\W+/g, '')}` : q.id)).join(',');
    return `${[header, ...samples.value.samples.map((s) => s.join(','))].join('\n')}\n`;
  }

  return {
    libraries,
    posteriors,
    observations,
    libraryId,
    columns,
    metricColumns,
    metricIds,
    estimator,
    maxEpochs,
    posteriorId,
    posterior,
    training,
    targetKind,
    runIndex,
    values,
    observationId,
    samples,
    conditional,
    predictive,
    diagnostics,
    busy,
    error,
    load,
    refreshPosteriors,
    chooseLibrary,
    train,
    cancelTraining,
    choosePosterior,
    sample,
    condition,
    runPredictive,
    diagnose,
    samplesCsv,
  };
});
