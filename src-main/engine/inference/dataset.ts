// From a library table to NPE training matrices: theta = free parameters (log-scaled where log-uniform), x = metric columns.
import { validationError } from '../../../src-shared/contract/envelope';
import type { PosteriorDataStats, PosteriorParam } from '../../../src-shared/catalogue/records';
import type { Prior } from '../../../src-shared/space/schema';
import { RUN_STATUSES } from '../../../src-shared/space/library-types';
import type { LibraryTable } from '../library/library-table';
import { matrix, type Matrix } from '../sbi/matrix';
import type { PriorSpec } from '../sbi/prior';
import { createRng, permutation } from '../sbi/rng';

/** A free parameter of the library as the posterior sees it. */
export function posteriorParam(p: { id: string; label?: string; unit: string; prior: Prior }): PosteriorParam | null {
  const pr = p.prior;
  if (pr.kind === 'choice') return null;
  return {
    id: p.id,
    label: p.label ?? p.id,
    unit: p.unit,
    // Log-uniform: uniform in log(value), so a box prior on log(value) is exactly the library's prior.
    scale: pr.kind === 'logUniform' ? 'log' : 'linear',
    low: pr.low,
    high: pr.high,
    prior: pr.kind,
  };
}

/**
 * The parameters of a library's space the posterior covers, and the ones it leaves out. Choice parameters are left
 * out (the posterior marginalises over them): a categorical value has no density a flow could model.
 */
export function posteriorParams(table: LibraryTable): { params: PosteriorParam[]; omitted: string[] } {
  const params: PosteriorParam[] = [];
  const omitted: string[] = [];
  for (const p of table.manifest.spec.space.free) {
    const pp = posteriorParam(p);
    if (pp) params.push(pp);
    else omitted.push(p.id);
  }
  if (!params.length) throw validationError('libraryId', 'the library has no continuous free parameter to infer');
  return { params, omitted };
}

/**
 * The box prior of the posterior in its internal coordinates (log for log-scaled parameters). Uniform and
 * log-uniform priors are exactly box-uniform there; a truncated normal keeps its bounds as the box: the library's
 * runs were drawn from the real prior, so NPE learns the posterior under it and the box only sets the support
 * (leakage rejection).
 */
export function priorBox(params: PosteriorParam[]): PriorSpec {
  return {
    kind: 'box',
    low: params.map((p) => toInternal(p, p.low)),
    high: params.map((p) => toInternal(p, p.high)),
  };
}

export function toInternal(p: PosteriorParam, v: number): number {
  return p.scale === 'log' ? Math.log(v) : v;
}

export function toExternal(p: PosteriorParam, v: number): number {
  return p.scale === 'log' ? Math.exp(v) : v;
}

export interface TrainingSet {
  params: PosteriorParam[];
  omitted: string[];
  metricIds: string[];
  prior: PriorSpec;
  /** Internal coordinates, `[nTrain, dimTheta]`. */
  theta: Matrix;
  /** Metric values, `[nTrain, dimX]`. */
  x: Matrix;
  /** Held-out valid runs for diagnostics: internal theta `[nHeld, dimTheta]`, x `[nHeld, dimX]`, run indices. */
  heldOut: { theta: Matrix; x: Matrix; runs: number[] };
  /** Runs in the library table. */
  runs: number;
  /** Runs left out, by reason: a status (exploded, quiescent, failed, rejected) or `nonFinite` metrics. */
  excluded: Record<string, number>;
}

/** Builds training and held-out matrices from a loaded library table; invalid runs are left out and counted. */
export function buildTrainingSet(
  table: LibraryTable,
  metricIds: string[],
  options: { heldOut?: number; seed?: number } = {},
): TrainingSet {
  const known = table.manifest.metricIds;
  metricIds.forEach((m, i) => {
    if (!known.includes(m)) {
      throw validationError(
        `metricIds[${i}]`,
        `'${m}' is not a metric column of this library (known: ${known.join(', ')})`,
      );
    }
  });
  const { params, omitted } = posteriorParams(table);
  const thetaCols = params.map((p) => table.columns.get(p.id)!);
  const xCols = metricIds.map((m) => table.columns.get(m)!);
  const excluded: Record<string, number> = {};
  const valid: number[] = [];
  const ok = RUN_STATUSES.indexOf('ok');
  for (let r = 0; r < table.nRows; r++) {
    if (table.status[r] !== ok) {
      const s = RUN_STATUSES[table.status[r]];
      excluded[s] = (excluded[s] ?? 0) + 1;
      continue;
    }
    if (xCols.some((c) => !Number.isFinite(c[r])) || thetaCols.some((c) => !Number.isFinite(c[r]))) {
      excluded.nonFinite = (excluded.nonFinite ?? 0) + 1;
      continue;
    }
    valid.push(r);
  }
  // At least 50 runs remain for training whatever is held out.
  const nHeld = Math.max(0, Math.min(options.heldOut ?? 0, valid.length - 50));
  if (valid.length - nHeld < 20) {
    throw validationError(
      'libraryId',
      `only ${valid.length} valid runs (of ${table.nRows}; left out: ${JSON.stringify(excluded)}); need at least 20`,
    );
  }
  const order = permutation(valid.length, createRng((options.seed ?? 0) + 104_729));
  const heldRows = Array.from(order.subarray(0, nHeld), (k) => valid[k]).sort((a, b) => a - b);
  const heldSet = new Set(heldRows);
  const trainRows = valid.filter((r) => !heldSet.has(r));
  const fill = (rows: number[]): { theta: Matrix; x: Matrix } => {
    const theta = matrix(rows.length, params.length);
    const x = matrix(rows.length, metricIds.length);
    rows.forEach((r, i) => {
      params.forEach((p, j) => (theta.data[i * params.length + j] = toInternal(p, thetaCols[j][r])));
      xCols.forEach((c, j) => (x.data[i * metricIds.length + j] = c[r]));
    });
    return { theta, x };
  };
  const train = fill(trainRows);
  const held = fill(heldRows);
  const runIndex = table.columns.get('runIndex')!;
  return {
    params,
    omitted,
    metricIds,
    prior: priorBox(params),
    theta: train.theta,
    x: train.x,
    heldOut: { ...held, runs: heldRows.map((r) => runIndex[r]) },
    runs: table.nRows,
    excluded,
  };
}

/** Range, mean and inverse covariance of x `[n, dimX]`, and the 99% quantile of training runs' Mahalanobis distances. */
export function dataStats(x: Matrix): PosteriorDataStats {
  const d = x.cols;
  const n = x.rows;
  const min = new Array<number>(d).fill(Infinity);
  const max = new Array<number>(d).fill(-Infinity);
  const mean = new Array<number>(d).fill(0);
  for (let i = 0; i < n; i++)
    for (let j = 0; j < d; j++) {
      const v = x.data[i * d + j];
      mean[j] += v / n;
      if (v < min[j]) min[j] = v;
      if (v > max[j]) max[j] = v;
    }
  const cov = new Float64Array(d * d);
  for (let i = 0; i < n; i++)
    for (let a = 0; a < d; a++) {
      const da = x.data[i * d + a] - mean[a];
      for (let b = 0; b <= a; b++) cov[a * d + b] += (da * (x.data[i * d + b] - mean[b])) / Math.max(1, n - 1);
    }
  for (let a = 0; a < d; a++) for (let b = 0; b < a; b++) cov[b * d + a] = cov[a * d + b];
  // A small ridge (relative to each variance) keeps constant or collinear metrics invertible.
  for (let a = 0; a < d; a++) cov[a * d + a] += 1e-9 * Math.max(cov[a * d + a], 1e-12) + 1e-12;
  const covInverse = Array.from(invert(cov, d));
  const d2 = Array.from({ length: n }, (_, i) =>
    mahalanobis2(Array.from(x.data.subarray(i * d, (i + 1) * d)), mean, covInverse),
  );
  d2.sort((a, b) => a - b);
  const d2Quantile99 = d2.length ? d2[Math.min(d2.length - 1, Math.floor(0.99 * d2.length))] : Infinity;
  return { min, max, mean, covInverse, d2Quantile99 };
}

export function mahalanobis2(v: number[], mean: number[], covInverse: number[]): number {
  const d = mean.length;
  let s = 0;
  for (let a = 0; a < d; a++) {
    let t = 0;
    for (let b = 0; b < d; b++) t += covInverse[a * d + b] * (v[b] - mean[b]);
    s += (v[a] - mean[a]) * t;
  }
  return s;
}

/** Gauss-Jordan inverse with partial pivoting of a `[d, d]` row-major matrix. */
function invert(m: Float64Array, d: number): Float64Array {
  const a = Float64Array.from(m);
  const inv = new Float64Array(d * d);
  for (let i = 0; i < d; i++) inv[i * d + i] = 1;
  for (let c = 0; c < d; c++) {
    let p = c;
    for (let r = c + 1; r < d; r++) if (Math.abs(a[r * d + c]) > Math.abs(a[p * d + c])) p = r;
    if (p !== c)
      for (let k = 0; k < d; k++) {
        [a[c * d + k], a[p * d + k]] = [a[p * d + k], a[c * d + k]];
        [inv[c * d + k], inv[p * d + k]] = [inv[p * d + k], inv[c * d + k]];
      }
    const piv = a[c * d + c] || 1e-300;
    for (let k = 0; k < d; k++) {
      a[c * d + k] /= piv;
      inv[c * d + k] /= piv;
    }
    for (let r = 0; r < d; r++) {
      if (r === c) continue;
      const f = a[r * d + c];
      if (f === 0) continue;
      for (let k = 0; k < d; k++) {
        a[r * d + k] -= f * a[c * d + k];
        inv[r * d + k] -= f * inv[c * d + k];
      }
    }
  }
  return inv;
}
