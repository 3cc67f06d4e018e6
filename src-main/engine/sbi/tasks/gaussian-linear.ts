// sbibm gaussian_linear: prior N(0, 0.1·I), x ~ N(θ, 0.1·I) in 10-D (0.1 is a variance); posterior N(0.5·x, 0.05·I).
import { matrix, type Matrix } from '../matrix';
import type { Rng } from '../rng';
import { SBIBM_OBSERVATIONS } from './observations';
import type { SbibmTask } from './types';

const DIM = 10;
const VARIANCE = 0.1;

export const gaussianLinear: SbibmTask = {
  id: 'gaussian_linear',
  dimParameters: DIM,
  dimData: DIM,
  prior: { kind: 'gaussian', mean: new Array(DIM).fill(0), std: new Array(DIM).fill(Math.sqrt(VARIANCE)) },
  simulate(theta: Matrix, rng: Rng): Matrix {
    const out = matrix(theta.rows, DIM);
    for (let i = 0; i < theta.data.length; i++) out.data[i] = theta.data[i] + Math.sqrt(VARIANCE) * rng.normal();
    return out;
  },
  observations: SBIBM_OBSERVATIONS.gaussian_linear,
  referencePosterior(num, n, rng) {
    // Conjugate Gaussian: precision 1/0.1 + 1/0.1 = 20, so variance 0.05 and mean x/0.1 / 20 = 0.5·x.
    const x = SBIBM_OBSERVATIONS.gaussian_linear[num - 1];
    const out = matrix(n, DIM);
    for (let i = 0; i < n; i++)
      for (let j = 0; j < DIM; j++) out.data[i * DIM + j] = 0.5 * x[j] + Math.sqrt(0.05) * rng.normal();
    return out;
  },
};
