// Priors over parameters as plain data (box-uniform or independent Gaussian): sampling, log density, support.
import { z } from 'zod';
import type { Rng } from './rng';
import { matrix, type Matrix } from './matrix';

export const priorSpecSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('box'), low: z.array(z.number()).min(1), high: z.array(z.number()).min(1) }),
  z.object({
    kind: z.literal('gaussian'),
    mean: z.array(z.number()).min(1),
    std: z.array(z.number().positive()).min(1),
  }),
]);

/** A prior: independent uniforms on [low, high] per parameter, or independent Gaussians (unbounded support). */
export type PriorSpec = z.infer<typeof priorSpecSchema>;

export function priorDim(prior: PriorSpec): number {
  return prior.kind === 'box' ? prior.low.length : prior.mean.length;
}

/** Draws `n` parameter vectors, `[n, dim]`. */
export function samplePrior(prior: PriorSpec, n: number, rng: Rng): Matrix {
  const d = priorDim(prior);
  const out = matrix(n, d);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < d; j++) {
      out.data[i * d + j] =
        prior.kind === 'box'
          ? prior.low[j] + (prior.high[j] - prior.low[j]) * rng.uniform()
          : prior.mean[j] + prior.std[j] * rng.normal();
    }
  }
  return out;
}

/** Whether one parameter vector lies in the prior's support (always true for a Gaussian prior). */
export function inSupport(prior: PriorSpec, theta: ArrayLike<number>): boolean {
  if (prior.kind !== 'box') return true;
  for (let j = 0; j < prior.low.length; j++) {
    if (!(theta[j] >= prior.low[j] && theta[j] <= prior.high[j])) return false;
  }
  return true;
}

/** Log prior density of one parameter vector (-Infinity outside the support). */
export function priorLogProb(prior: PriorSpec, theta: ArrayLike<number>): number {
  if (prior.kind === 'box') {
    if (!inSupport(prior, theta)) return -Infinity;
    let lp = 0;
    for (let j = 0; j < prior.low.length; j++) lp -= Math.log(prior.high[j] - prior.low[j]);
    return lp;
  }
  let lp = 0;
  for (let j = 0; j < prior.mean.length; j++) {
    const zj = (theta[j] - prior.mean[j]) / prior.std[j];
    lp += -0.5 * zj * zj - Math.log(prior.std[j]) - 0.5 * Math.log(2 * Math.PI);
  }
  return lp;
}
