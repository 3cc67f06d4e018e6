// Conditional densities and correlations on a grid, against an analytic bivariate Gaussian posterior.
import { describe, expect, it } from 'vitest';
import type { PosteriorParam } from '../../../../../src-shared/catalogue/records';
import { conditionalAt, gridCorrelation } from '../../../../../src-main/engine/inference/conditional';
import type { Matrix } from '../../../../../src-main/engine/sbi/matrix';
import type { NpePosterior } from '../../../../../src-main/engine/sbi/posterior';

const param = (id: string): PosteriorParam => ({
  id,
  label: id,
  unit: '',
  scale: 'linear',
  low: -6,
  high: 6,
  prior: 'uniform',
});

/** log N(θ; 0, [[1, ρ], [ρ, 1]]) up to a constant, as a stand-in posterior. */
function gaussian(rho: number): NpePosterior {
  return {
    logProb(theta: Matrix): Float32Array {
      return Float32Array.from({ length: theta.rows }, (_, i) => {
        const a = theta.data[2 * i];
        const b = theta.data[2 * i + 1];
        return (-0.5 * (a * a - 2 * rho * a * b + b * b)) / (1 - rho * rho);
      });
    },
  } as unknown as NpePosterior;
}

describe('conditionalAt', () => {
  it('recovers the correlation of a bivariate Gaussian and its 1-D conditionals', () => {
    const rho = 0.7;
    const res = conditionalAt(gaussian(rho), [param('a'), param('b')], [0], [1, 0], 60);
    expect(res.correlation[1][0]).toBeCloseTo(rho, 2);
    expect(res.correlation[0][1]).toBe(res.correlation[1][0]);
    // Conditional of a given b = 0 is N(0, 1 - ρ²): its peak lies at the grid cell nearest 0.
    const m = res.marginals[0];
    const peak = res.grid[0][m.indexOf(Math.max(...m))];
    expect(Math.abs(peak)).toBeLessThan(0.2);
    // Conditional of b given a = 1 is centred at ρ.
    const mb = res.marginals[1];
    expect(res.grid[1][mb.indexOf(Math.max(...mb))]).toBeCloseTo(rho, 0);
    expect(res.pairs).toHaveLength(1);
    expect(Math.max(...res.pairs[0].density)).toBe(1);
  });

  it('names the parameter when the point lies outside the prior', () => {
    expect(() => conditionalAt(gaussian(0), [param('a'), param('b')], [0], [0, 9], 10)).toThrow(
      /point\[1\].*b must lie/,
    );
  });

  it('gridCorrelation of an independent product is zero', () => {
    const g = [-1, 0, 1];
    const d = [1, 2, 1, 2, 4, 2, 1, 2, 1];
    expect(gridCorrelation(d, g, g)).toBeCloseTo(0, 12);
  });
});
