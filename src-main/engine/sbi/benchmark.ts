// One sbibm benchmark run: simulate, train NPE, sample at a fixed observation, score against the reference by C2ST.
import { selectTfBackend } from '../tf/backend';
import { c2stParallel } from './c2st';
import type { EstimatorId } from './estimators';
import type { Matrix } from './matrix';
import { trainPosterior } from './posterior';
import { samplePrior } from './prior';
import { createRng } from './rng';
import { getTask } from './tasks';
import type { EpochProgress } from './training';

export interface SbibmRunOptions {
  task: string;
  sims: number;
  estimator?: EstimatorId;
  /** Observation number 1..10. @default 1 */
  observation?: number;
  seed?: number;
  /** Posterior and reference samples for C2ST (sbibm: 10,000). @default 10000 */
  c2stSamples?: number;
  maxEpochs?: number;
  /** Training batch size (sbi: 200; sbibm's published NPE runs: 10,000). @default the training config's */
  batchSize?: number;
  onEpoch?: (p: EpochProgress) => void;
}

export interface SbibmRunResult {
  task: string;
  estimator: EstimatorId;
  sims: number;
  observationIndex: number;
  observation: number[];
  c2st: number;
  trainSeconds: number;
  epochs: number;
  bestEpoch: number;
  secondsPerEpoch: number;
  c2stSeconds: number;
  acceptance: number;
  backend: string | null;
  samples: Matrix;
}

export async function runSbibm(options: SbibmRunOptions): Promise<SbibmRunResult> {
  const backend = await selectTfBackend();
  const task = getTask(options.task);
  const num = options.observation ?? 1;
  const seed = options.seed ?? 0;
  const nSamples = options.c2stSamples ?? 10_000;
  // Separate streams for simulation, reference and sampling so changing one budget leaves the others unchanged.
  const simRng = createRng(seed * 4 + 1);
  const theta = samplePrior(task.prior, options.sims, simRng);
  const x = task.simulate(theta, simRng);
  const posterior = await trainPosterior(
    {
      theta,
      x,
      prior: task.prior,
      metricIds: Array.from({ length: task.dimData }, (_, j) => `data_${j + 1}`),
      config: {
        estimator: options.estimator ?? 'maf',
        seed,
        ...(options.maxEpochs ? { maxEpochs: options.maxEpochs } : {}),
        ...(options.batchSize ? { batchSize: options.batchSize } : {}),
      },
    },
    { onEpoch: options.onEpoch },
  );
  try {
    const observation = task.observations[num - 1];
    const { samples, acceptance } = posterior.sample(nSamples, observation, { seed: seed * 4 + 2 });
    const reference = task.referencePosterior(num, nSamples, createRng(seed * 4 + 3));
    const t0 = performance.now();
    const score = (await c2stParallel(reference, samples, { seed: 1 })).accuracy;
    const trained = posterior.trained;
    return {
      task: task.id,
      estimator: trained.config.estimator,
      sims: options.sims,
      observationIndex: num,
      observation,
      c2st: score,
      trainSeconds: trained.trainSeconds ?? 0,
      epochs: trained.epochs,
      bestEpoch: trained.bestEpoch,
      secondsPerEpoch: (trained.trainSeconds ?? 0) / Math.max(1, trained.epochs),
      c2stSeconds: (performance.now() - t0) / 1000,
      acceptance,
      backend: backend.used,
      samples,
    };
  } finally {
    posterior.dispose();
  }
}
