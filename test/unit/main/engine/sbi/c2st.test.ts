// C2ST as sbibm computes it: ~0.5 for one distribution, ~1 for separated ones, Bayes accuracy Φ(d/2) for two 1-D normals.
import { describe, expect, it } from 'vitest';
import { c2st, c2stParallel } from '../../../../../src-main/engine/sbi/c2st';
import { matrix } from '../../../../../src-main/engine/sbi/matrix';
import { createRng } from '../../../../../src-main/engine/sbi/rng';

function normals(n: number, dim: number, shift: number, seed: number) {
  const rng = createRng(seed);
  const m = matrix(n, dim);
  for (let i = 0; i < m.data.length; i++) m.data[i] = rng.normal() + shift;
  return m;
}

/** Standard normal CDF (Abramowitz-Stegun 7.1.26 erf, |error| < 1.5e-7). */
function phi(z: number): number {
  const x = Math.abs(z) / Math.SQRT2;
  const t = 1 / (1 + 0.3275911 * x);
  const poly = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))));
  const erf = 1 - poly * Math.exp(-x * x);
  return z >= 0 ? 0.5 * (1 + erf) : 0.5 * (1 - erf);
}

describe('c2st', () => {
  it('is ~0.5 for two samples of one distribution and ~1 for separated ones', () => {
    const same = c2st(normals(500, 2, 0, 1), normals(500, 2, 0, 2));
    const apart = c2st(normals(500, 2, 0, 1), normals(500, 2, 4, 3));
    // 1000 test predictions in all: binomial std 0.016 around 0.5.
    expect(same).toBeGreaterThan(0.44);
    expect(same).toBeLessThan(0.56);
    expect(apart).toBeGreaterThan(0.97);
  });

  it('reaches the Bayes accuracy Φ(d/2) for N(0, 1) vs N(d, 1)', () => {
    for (const [shift, seed] of [
      [1, 5],
      [2, 6],
    ]) {
      const acc = c2st(normals(2000, 1, 0, seed), normals(2000, 1, shift, seed + 10));
      // 4000 test predictions: binomial std ≤ 0.008; the trained classifier sits at or just below the optimum.
      expect(Math.abs(acc - phi(shift / 2))).toBeLessThan(0.025);
    }
  });

  it('gives the same folds in worker threads as on this thread', async () => {
    const a = normals(500, 2, 0, 7);
    const b = normals(500, 2, 4, 8);
    const seq = c2st(a, b, { seed: 4 });
    const par = await c2stParallel(a, b, { seed: 4, workers: 2 });
    expect(par.accuracy).toBe(seq);
    expect(par.folds).toHaveLength(5);
  });

  it('rejects mismatched columns', () => {
    expect(() => c2st(normals(10, 2, 0, 1), normals(10, 3, 0, 1))).toThrow(/approx: expected 2 columns/);
  });
});
