// sbibm two_moons: θ ~ U[-1,1]^2, a crescent-shaped simulator; exact reference posterior by inverting the noise.
import { matrix, type Matrix } from '../matrix';
import type { Rng } from '../rng';
import { SBIBM_OBSERVATIONS } from './observations';
import type { SbibmTask } from './types';

function moonNoise(rng: Rng): [number, number] {
  const a = Math.PI * (rng.uniform() - 0.5);
  const r = 0.1 + 0.01 * rng.normal();
  return [r * Math.cos(a) + 0.25, r * Math.sin(a)];
}

export const twoMoons: SbibmTask = {
  id: 'two_moons',
  dimParameters: 2,
  dimData: 2,
  prior: { kind: 'box', low: [-1, -1], high: [1, 1] },
  simulate(theta: Matrix, rng: Rng): Matrix {
    const out = matrix(theta.rows, 2);
    for (let i = 0; i < theta.rows; i++) {
      const t1 = theta.data[2 * i];
      const t2 = theta.data[2 * i + 1];
      const [p1, p2] = moonNoise(rng);
      out.data[2 * i] = p1 - Math.abs(t1 + t2) / Math.SQRT2;
      out.data[2 * i + 1] = p2 + (-t1 + t2) / Math.SQRT2;
    }
    return out;
  },
  observations: SBIBM_OBSERVATIONS.two_moons,
  referencePosterior(num, n, rng) {
    // x - p = (-|θ1+θ2|/√2, (θ2-θ1)/√2) is linear in θ for each sign of θ1+θ2 (constant Jacobian), so drawing
    // the noise p, a random sign, and rejecting θ outside the prior samples the posterior exactly (as sbibm does).
    const [x1, x2] = SBIBM_OBSERVATIONS.two_moons[num - 1];
    const out = matrix(n, 2);
    let k = 0;
    while (k < n) {
      const [p1, p2] = moonNoise(rng);
      const u1 = x1 - p1;
      const u2 = x2 - p2;
      if (u1 > 0) continue;
      const sum = (rng.uniform() < 0.5 ? -1 : 1) * -Math.SQRT2 * u1;
      const diff = Math.SQRT2 * u2;
      const t1 = (sum - diff) / 2;
      const t2 = (sum + diff) / 2;
      if (Math.abs(t1) > 1 || Math.abs(t2) > 1) continue;
      out.data[2 * k] = t1;
      out.data[2 * k + 1] = t2;
      k++;
    }
    return out;
  },
};
