// sbibm gaussian_mixture: θ ~ U[-10,10]^2, x ~ ½N(θ, I) + ½N(θ, 0.01·I); posterior: that mixture about x, in the box.
import { matrix, type Matrix } from '../matrix';
import type { Rng } from '../rng';
import { SBIBM_OBSERVATIONS } from './observations';
import type { SbibmTask } from './types';

function mixtureDraw(centre: ArrayLike<number>, rng: Rng): [number, number] {
  const s = rng.uniform() < 0.5 ? 1 : 0.1;
  return [centre[0] + s * rng.normal(), centre[1] + s * rng.normal()];
}

export const gaussianMixture: SbibmTask = {
  id: 'gaussian_mixture',
  dimParameters: 2,
  dimData: 2,
  prior: { kind: 'box', low: [-10, -10], high: [10, 10] },
  simulate(theta: Matrix, rng: Rng): Matrix {
    const out = matrix(theta.rows, 2);
    for (let i = 0; i < theta.rows; i++) {
      const [a, b] = mixtureDraw(theta.data.subarray(2 * i, 2 * i + 2), rng);
      out.data[2 * i] = a;
      out.data[2 * i + 1] = b;
    }
    return out;
  },
  observations: SBIBM_OBSERVATIONS.gaussian_mixture,
  referencePosterior(num, n, rng) {
    // The likelihood is symmetric in θ and x, and the prior is flat: draw from the mixture at x, reject outside.
    const x = SBIBM_OBSERVATIONS.gaussian_mixture[num - 1];
    const out = matrix(n, 2);
    let k = 0;
    while (k < n) {
      const [a, b] = mixtureDraw(x, rng);
      if (Math.abs(a) > 10 || Math.abs(b) > 10) continue;
      out.data[2 * k] = a;
      out.data[2 * k + 1] = b;
      k++;
    }
    return out;
  },
};
