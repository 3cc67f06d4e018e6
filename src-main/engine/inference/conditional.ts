// Conditional densities of a posterior at a point (sbi's conditional_pairplot / conditional_corrcoeff, on a grid).
import type { PosteriorParam } from '../../../src-shared/catalogue/records';
import type { ConditionalResult } from '../../../src-shared/contract/calls/posterior';
import { validationError } from '../../../src-shared/contract/envelope';
import { matrix } from '../sbi/matrix';
import type { NpePosterior } from '../sbi/posterior';
import { toExternal, toInternal } from './dataset';

/** Cell centres of `gridSize` cells over a parameter's internal box (log-spaced in own units for log parameters). */
export function gridOf(p: PosteriorParam, gridSize: number): number[] {
  const lo = toInternal(p, p.low);
  const hi = toInternal(p, p.high);
  return Array.from({ length: gridSize }, (_, k) => lo + ((k + 0.5) * (hi - lo)) / gridSize);
}

/** exp(lp - max) so the largest value is 1; all-zero when every value is -Infinity. */
function normalisedDensity(lp: Float32Array): number[] {
  let max = -Infinity;
  for (const v of lp) if (v > max) max = v;
  return Array.from(lp, (v) => (Number.isFinite(max) && Number.isFinite(v) ? Math.exp(v - max) : 0));
}

/** Correlation of a discrete 2-D distribution `density [gy, gx]` (row-major) over grid values `gx`, `gy`. */
export function gridCorrelation(density: number[], gx: number[], gy: number[]): number {
  let w = 0;
  let mx = 0;
  let my = 0;
  for (let iy = 0; iy < gy.length; iy++)
    for (let ix = 0; ix < gx.length; ix++) {
      const p = density[iy * gx.length + ix];
      w += p;
      mx += p * gx[ix];
      my += p * gy[iy];
    }
  if (w <= 0) return 0;
  mx /= w;
  my /= w;
  let sxx = 0;
  let syy = 0;
  let sxy = 0;
  for (let iy = 0; iy < gy.length; iy++)
    for (let ix = 0; ix < gx.length; ix++) {
      const p = density[iy * gx.length + ix] / w;
      const dx = gx[ix] - mx;
      const dy = gy[iy] - my;
      sxx += p * dx * dx;
      syy += p * dy * dy;
      sxy += p * dx * dy;
    }
  return sxx > 0 && syy > 0 ? sxy / Math.sqrt(sxx * syy) : 0;
}

/**
 * Evaluates log q(θ | x) with all parameters but one (or two) fixed at `point` (own units), on a grid over the
 * prior box, as sbi's conditional_pairplot does; correlations come from the 2-D conditionals, as
 * conditional_corrcoeff computes them (here in internal coordinates: log for log-uniform parameters).
 */
export function conditionalAt(
  posterior: NpePosterior,
  params: PosteriorParam[],
  x: ArrayLike<number>,
  point: number[],
  gridSize: number,
): ConditionalResult {
  const d = params.length;
  if (point.length !== d)
    throw validationError('point', `expected ${d} values (one per parameter), got ${point.length}`);
  point.forEach((v, i) => {
    if (!(v >= params[i].low && v <= params[i].high)) {
      throw validationError(
        `point[${i}]`,
        `${params[i].id} must lie in [${params[i].low}, ${params[i].high}], got ${v}`,
      );
    }
  });
  const base = point.map((v, i) => toInternal(params[i], v));
  const grids = params.map((p) => gridOf(p, gridSize));
  const G = gridSize;
  const marginals: number[][] = [];
  for (let i = 0; i < d; i++) {
    const m = matrix(G, d);
    for (let k = 0; k < G; k++) {
      m.data.set(base, k * d);
      m.data[k * d + i] = grids[i][k];
    }
    marginals.push(normalisedDensity(posterior.logProb(m, x)));
  }
  const pairs: ConditionalResult['pairs'] = [];
  const correlation: number[][] = Array.from({ length: d }, (_, i) =>
    Array.from({ length: d }, (_, j) => (i === j ? 1 : 0)),
  );
  for (let i = 1; i < d; i++)
    for (let j = 0; j < i; j++) {
      const m = matrix(G * G, d);
      for (let iy = 0; iy < G; iy++)
        for (let ix = 0; ix < G; ix++) {
          const r = iy * G + ix;
          m.data.set(base, r * d);
          m.data[r * d + j] = grids[j][ix];
          m.data[r * d + i] = grids[i][iy];
        }
      const density = normalisedDensity(posterior.logProb(m, x));
      pairs.push({ i, j, density });
      const c = gridCorrelation(density, grids[j], grids[i]);
      correlation[i][j] = c;
      correlation[j][i] = c;
    }
  return {
    point,
    grid: grids.map((g, i) => g.map((v) => toExternal(params[i], v))),
    marginals,
    pairs,
    correlation,
  };
}
