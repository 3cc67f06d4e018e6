// Parameter transform to unbounded space for box priors (logit per parameter), as sbi's transform to unconstrained.
import type { Matrix } from './matrix';
import type { PriorSpec } from './prior';

/**
 * Keeps logit finite for draws exactly on a bound (Float32 rounding, or u = 0 from the generator): the density there
 * is cut at about ±13.8 in logit units, far into the tails.
 */
const EDGE = 1e-6;

type Box = Extract<PriorSpec, { kind: 'box' }>;

/** Whether `prior` gets the logit transform: only box priors (a Gaussian prior is unbounded already). */
export function usesLogit(transform: 'none' | 'logit', prior: PriorSpec): prior is Box {
  return transform === 'logit' && prior.kind === 'box';
}

function unit(prior: Box, v: number, j: number): number {
  const u = (v - prior.low[j]) / (prior.high[j] - prior.low[j]);
  return Math.min(1 - EDGE, Math.max(EDGE, u));
}

/** θ -> logit((θ - low) / (high - low)) per column, `[n, d]` -> `[n, d]`. */
export function toUnbounded(prior: Box, theta: Matrix): Matrix {
  const d = theta.cols;
  const out = new Float32Array(theta.data.length);
  for (let i = 0; i < out.length; i++) {
    const u = unit(prior, theta.data[i], i % d);
    out[i] = Math.log(u) - Math.log1p(-u);
  }
  return { rows: theta.rows, cols: d, data: out };
}

/** The inverse, in place on row-major `[n, d]` values: low + (high - low) · sigmoid(θ'). */
export function fromUnboundedInPlace(prior: Box, data: Float32Array, d: number): void {
  for (let i = 0; i < data.length; i++) {
    const j = i % d;
    data[i] = prior.low[j] + (prior.high[j] - prior.low[j]) / (1 + Math.exp(-data[i]));
  }
}

/** log |det ∂θ'/∂θ| of one row: Σ_j -log(high - low) - log u - log(1 - u). Adds to log q(θ') to give log q(θ). */
export function logAbsDetToUnbounded(prior: Box, theta: ArrayLike<number>): number {
  let s = 0;
  for (let j = 0; j < theta.length; j++) {
    const u = unit(prior, theta[j], j);
    s -= Math.log(prior.high[j] - prior.low[j]) + Math.log(u) + Math.log1p(-u);
  }
  return s;
}
