// A trained NPE posterior: sample (with leakage rejection and a time limit), logProb, MAP, batched over many x.
import * as tf from '@tensorflow/tfjs';
import { validationError } from '../../../src-shared/contract/envelope';
import { matrix, row, type Matrix } from './matrix';
import { inSupport, priorDim, type PriorSpec } from './prior';
import {
  countInvalidRuns,
  keepRows,
  trainRestrictionClassifier,
  type RestrictionClassifier,
  type RestrictionConfigInput,
} from './restriction';
import { createRng, type Rng } from './rng';
import { fromUnboundedInPlace, logAbsDetToUnbounded, toUnbounded, usesLogit } from './theta-transform';
import {
  trainEstimator,
  trainingConfig,
  type EpochProgress,
  type TrainedEstimator,
  type TrainingConfig,
  type TrainingConfigInput,
  type TrainOptions,
  type ZScore,
} from './training';

export interface SampleOptions {
  /** Seed of the base noise. @default 0 */
  seed?: number;
  /** Stop drawing after this many seconds and return what was accepted, with a warning. @default 60 */
  maxSeconds?: number;
  /** Draws per proposal round. @default max(1000, 2·n) capped at 50000 */
  batchSize?: number;
  /** Also reject θ the restriction classifier deems invalid (needs one trained alongside). @default false */
  restrict?: boolean;
}

export interface SampleResult {
  /** Accepted samples `[k, dimTheta]`, k ≤ n (k < n only with a warning). */
  samples: Matrix;
  /** Fraction of proposals inside the prior's support. */
  acceptance: number;
  warning?: string;
}

export interface PosteriorMeta {
  metricIds: string[];
  libraryId?: string;
  /** Runs left out of training: NaN/inf metrics or status exploded/quiescent (absent for older posteriors). */
  invalidRuns?: InvalidRunSummary;
}

export interface InvalidRunSummary {
  total: number;
  nInvalid: number;
  nonFinite: number;
  exploded: number;
  quiescent: number;
}

/** Everything needed to build a posterior from a matrix of simulations. */
export interface NpeTrainingInput extends PosteriorMeta {
  /** Parameters `[n, dimTheta]`. */
  theta: Matrix;
  /** Data (metrics) `[n, dimX]`, finite. */
  x: Matrix;
  prior: PriorSpec;
  config?: TrainingConfigInput;
  /** Run status per row (e.g. 'ok', 'exploded', 'quiescent'); exploded/quiescent rows are left out. */
  status?: readonly (string | null | undefined)[];
  /**
   * Train a restriction classifier (valid vs invalid θ, Deistler et al. 2022) on all rows alongside the density
   * estimator; `true` for its defaults. Needs both valid and invalid rows.
   */
  restriction?: boolean | RestrictionConfigInput;
}

export class NpePosterior {
  constructor(
    readonly trained: Omit<TrainedEstimator, 'trainSeconds' | 'stoppedBy'> &
      Partial<Pick<TrainedEstimator, 'trainSeconds' | 'stoppedBy'>>,
    readonly prior: PriorSpec,
    readonly meta: PosteriorMeta,
    /** p(valid | θ), when trained alongside. */
    readonly restriction?: RestrictionClassifier,
  ) {
    if (priorDim(prior) !== trained.estimator.shape.dimTheta) {
      throw validationError('prior', `expected ${trained.estimator.shape.dimTheta} parameters, got ${priorDim(prior)}`);
    }
  }

  get dimTheta(): number {
    return this.trained.estimator.shape.dimTheta;
  }
  get dimX(): number {
    return this.trained.estimator.shape.dimX;
  }
  get config(): TrainingConfig {
    return this.trained.config;
  }
  get curve(): EpochProgress[] {
    return this.trained.curve;
  }
  get zTheta(): ZScore {
    return this.trained.zTheta;
  }
  get zX(): ZScore {
    return this.trained.zX;
  }

  private checkX(x: ArrayLike<number>, field = 'x'): void {
    if (x.length !== this.dimX) throw validationError(field, `expected ${this.dimX} values, got ${x.length}`);
  }

  /** Draws from q(θ | x) in original units, `[n, dimTheta]` (no support check). */
  private propose(x: ArrayLike<number>, n: number, rng: Rng): Float32Array {
    const { mean: mx, std: sx } = this.zX;
    const xz = Array.from(x, (v, j) => (v - mx[j]) / sx[j]);
    const xs = tf.tidy(() => tf.tile(tf.tensor2d(xz, [1, this.dimX]), [n, 1]) as tf.Tensor2D);
    const z = this.trained.estimator.sample(xs, rng);
    const out = z.dataSync() as Float32Array;
    tf.dispose([xs, z]);
    return this.flowToParameters(out);
  }

  /**
   * Maps the estimator's own draws (z-scored flow coordinates, row-major `[n, dimTheta]`) to parameters in original
   * units, in place: undoes the z-scoring and, with `transformTheta: 'logit'`, the logit. Callers that sample the
   * estimator directly must use this rather than undoing the z-scoring themselves.
   */
  flowToParameters(draws: Float32Array): Float32Array {
    const { mean: mt, std: st } = this.zTheta;
    const d = this.dimTheta;
    for (let i = 0; i < draws.length; i++) draws[i] = draws[i] * st[i % d] + mt[i % d];
    if (usesLogit(this.config.transformTheta, this.prior)) fromUnboundedInPlace(this.prior, draws, d);
    return draws;
  }

  /**
   * `n` samples of the posterior at `x [dimX]`. Samples outside the prior's support are rejected (leakage
   * correction, as sbi does); when acceptance is so low that `maxSeconds` passes, returns the accepted ones with a
   * warning rather than hanging.
   */
  sample(n: number, x: ArrayLike<number>, options: SampleOptions = {}): SampleResult {
    this.checkX(x);
    if (!Number.isInteger(n) || n < 1) throw validationError('n', `expected a positive integer, got ${n}`);
    const rng = createRng(options.seed ?? 0);
    const maxMs = 1000 * (options.maxSeconds ?? 60);
    const batch = options.batchSize ?? Math.min(50_000, Math.max(1000, 2 * n));
    const d = this.dimTheta;
    if (options.restrict && !this.restriction)
      throw validationError('restrict', 'this posterior has no restriction classifier (train with restriction: true)');
    const restrict = options.restrict ? this.restriction : undefined;
    const out = matrix(n, d);
    let accepted = 0;
    let proposed = 0;
    const started = performance.now();
    while (accepted < n) {
      const draws = this.propose(x, batch, rng);
      const valid = restrict ? restrict.accepts({ rows: batch, cols: d, data: draws }) : null;
      for (let i = 0; i < batch && accepted < n; i++) {
        // Only draws looked at count: the rest of the last batch says nothing about acceptance.
        proposed++;
        const th = draws.subarray(i * d, (i + 1) * d);
        if (!inSupport(this.prior, th) || (valid && !valid[i])) continue;
        out.data.set(th, accepted * d);
        accepted++;
      }
      if (accepted < n && performance.now() - started > maxMs) break;
    }
    const acceptance = accepted / proposed;
    if (accepted < n) {
      return {
        samples: { rows: accepted, cols: d, data: out.data.slice(0, accepted * d) },
        acceptance,
        warning: `only ${accepted} of ${n} samples within ${options.maxSeconds ?? 60} s: acceptance ${(100 * acceptance).toFixed(2)}% (most of the posterior mass lies outside the prior)`,
      };
    }
    return {
      samples: out,
      acceptance,
      warning: acceptance < 0.01 ? `low acceptance ${(100 * acceptance).toFixed(2)}%` : undefined,
    };
  }

  /** Samples for each row of `xs [m, dimX]`: `n` per observation. */
  sampleBatched(n: number, xs: Matrix, options: SampleOptions = {}): SampleResult[] {
    if (xs.cols !== this.dimX) throw validationError('xs', `expected ${this.dimX} columns, got ${xs.cols}`);
    return Array.from({ length: xs.rows }, (_, i) =>
      this.sample(n, row(xs, i), { ...options, seed: (options.seed ?? 0) + i }),
    );
  }

  /** log q(θ | x) for `theta [n, dimTheta]` at one `x`, in original units; -Infinity outside the prior. */
  logProb(theta: Matrix, x: ArrayLike<number>): Float32Array {
    this.checkX(x);
    if (theta.cols !== this.dimTheta)
      throw validationError('theta', `expected ${this.dimTheta} columns, got ${theta.cols}`);
    const { mean: mt, std: st } = this.zTheta;
    const { mean: mx, std: sx } = this.zX;
    const logJac = st.reduce((acc, s) => acc + Math.log(s), 0);
    const prior = this.prior;
    const logit = usesLogit(this.config.transformTheta, prior);
    // With the logit transform the flow's coordinates are θ' = logit(...): log q(θ) = log q(θ') + log|∂θ'/∂θ|.
    const flowTheta = logit ? toUnbounded(prior, theta) : theta;
    const lp = tf.tidy(() => {
      const tz = tf.div(tf.sub(tf.tensor2d(flowTheta.data, [theta.rows, theta.cols]), mt), st) as tf.Tensor2D;
      const xz = tf.tile(
        tf.tensor2d(
          Array.from(x, (v, j) => (v - mx[j]) / sx[j]),
          [1, this.dimX],
        ),
        [theta.rows, 1],
      ) as tf.Tensor2D;
      return this.trained.estimator.logProb(tz, xz);
    });
    const out = Float32Array.from(lp.dataSync(), (v) => v - logJac);
    lp.dispose();
    for (let i = 0; i < theta.rows; i++) {
      if (!inSupport(prior, row(theta, i))) out[i] = -Infinity;
      else if (logit) out[i] += logAbsDetToUnbounded(prior, row(theta, i));
    }
    return out;
  }

  /** Maximum a posteriori estimate: the best of `candidates` posterior samples (log q plus the prior's support). */
  map(x: ArrayLike<number>, options: SampleOptions & { candidates?: number } = {}): number[] {
    const { samples } = this.sample(options.candidates ?? 2000, x, options);
    if (samples.rows === 0) throw validationError('x', 'no posterior sample fell inside the prior');
    const lp = this.logProb(samples, x);
    let best = 0;
    for (let i = 1; i < lp.length; i++) if (lp[i] > lp[best]) best = i;
    return Array.from(row(samples, best));
  }

  dispose(): void {
    this.trained.estimator.dispose();
  }
}

/** Trains an NPE posterior from simulations (rows with non-finite values must be filtered out first). */
export async function trainPosterior(input: NpeTrainingInput, options: TrainOptions = {}): Promise<NpePosterior> {
  if (input.theta.cols !== priorDim(input.prior)) {
    throw validationError(
      'theta',
      `expected ${priorDim(input.prior)} columns (the prior's dimension), got ${input.theta.cols}`,
    );
  }
  if (input.metricIds.length !== input.x.cols) {
    throw validationError(
      'metricIds',
      `expected ${input.x.cols} ids (one per column of x), got ${input.metricIds.length}`,
    );
  }
  if (input.x.rows !== input.theta.rows)
    throw validationError('x', `expected ${input.theta.rows} rows like theta, got ${input.x.rows}`);
  // Invalid runs (NaN/inf metrics, exploded or quiescent) are left out of NPE training and counted.
  const counted = countInvalidRuns(input.x, input.status);
  const theta = counted.nInvalid > 0 ? keepRows(input.theta, counted.valid) : input.theta;
  const x = counted.nInvalid > 0 ? keepRows(input.x, counted.valid) : input.x;
  if (theta.rows < 2) throw validationError('x', `only ${theta.rows} valid runs of ${input.x.rows}; need at least 2`);
  let restriction: RestrictionClassifier | undefined;
  if (input.restriction) {
    if (counted.nInvalid === 0 || counted.nValid === 0)
      throw validationError(
        'restriction',
        `needs valid and invalid runs; got ${counted.nInvalid} invalid of ${input.x.rows}`,
      );
    const rConfig = input.restriction === true ? {} : input.restriction;
    restriction = trainRestrictionClassifier(input.theta, counted.valid, {
      seed: trainingConfig(input.config ?? {}).seed,
      ...rConfig,
    });
  }
  const config = trainingConfig(input.config ?? {});
  const prior = input.prior;
  // The flow learns θ in the coordinates it samples in: logit space when the config asks for it (box priors).
  const flowTheta = usesLogit(config.transformTheta, prior) ? toUnbounded(prior, theta) : theta;
  const trained = await trainEstimator(flowTheta, x, config, options);
  const { nInvalid, nonFinite, exploded, quiescent } = counted;
  return new NpePosterior(
    trained,
    input.prior,
    {
      metricIds: input.metricIds,
      libraryId: input.libraryId,
      invalidRuns: { total: input.x.rows, nInvalid, nonFinite, exploded, quiescent },
    },
    restriction,
  );
}
