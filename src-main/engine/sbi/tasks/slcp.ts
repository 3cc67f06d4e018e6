// sbibm slcp: θ ~ U[-3,3]^5, four 2-D Gaussian draws with θ-dependent mean and covariance; reference by MCMC.
import { matrix, type Matrix } from '../matrix';
import type { Rng } from '../rng';
import { SBIBM_OBSERVATIONS, SLCP_TRUE_PARAMETERS } from './observations';
import type { SbibmTask } from './types';

const BOUND = 3;

function covariance(theta: ArrayLike<number>): { m1: number; m2: number; c11: number; c12: number; c22: number } {
  const s1 = theta[2] * theta[2];
  const s2 = theta[3] * theta[3];
  const rho = Math.tanh(theta[4]);
  // sbibm adds 1e-6·I so the covariance stays positive definite when s1 or s2 is ~0.
  return { m1: theta[0], m2: theta[1], c11: s1 * s1 + 1e-6, c12: rho * s1 * s2, c22: s2 * s2 + 1e-6 };
}

/** log p(x | θ) for the 4 iid 2-D draws of slcp. */
export function slcpLogLikelihood(theta: ArrayLike<number>, x: ArrayLike<number>): number {
  const { m1, m2, c11, c12, c22 } = covariance(theta);
  const det = c11 * c22 - c12 * c12;
  if (!(det > 0)) return -Infinity;
  let quad = 0;
  for (let k = 0; k < 4; k++) {
    const d1 = x[2 * k] - m1;
    const d2 = x[2 * k + 1] - m2;
    quad += (c22 * d1 * d1 - 2 * c12 * d1 * d2 + c11 * d2 * d2) / det;
  }
  return -0.5 * quad - 4 * (Math.log(2 * Math.PI) + 0.5 * Math.log(det));
}

function inBox(theta: ArrayLike<number>): boolean {
  for (let j = 0; j < 5; j++) if (Math.abs(theta[j]) > BOUND) return false;
  return true;
}

/**
 * Reference posterior by random-walk Metropolis, one chain per output batch, started at sbibm's true parameters.
 * The likelihood depends on θ3 and θ4 only through their squares, so the posterior has four mirror modes: the
 * chain explores one, and each sample's signs of θ3 and θ4 are then flipped at random (exact by symmetry).
 */
export function slcpReferenceMcmc(x: ArrayLike<number>, start: ArrayLike<number>, n: number, rng: Rng): Matrix {
  const chains = 20;
  const burnIn = 4000;
  const thin = 10;
  const out = matrix(n, 5);
  let k = 0;
  for (let c = 0; c < chains && k < n; c++) {
    const cur = Float64Array.from(start);
    let lp = slcpLogLikelihood(cur, x);
    const step = new Float64Array(5).fill(0.1);
    let accepted = 0;
    const prop = new Float64Array(5);
    const perChain = Math.ceil(n / chains);
    for (let it = 0, kept = 0; kept < perChain && k < n; it++) {
      for (let j = 0; j < 5; j++) prop[j] = cur[j] + step[j] * rng.normal();
      const lpProp = inBox(prop) ? slcpLogLikelihood(prop, x) : -Infinity;
      if (Math.log(rng.uniform()) < lpProp - lp) {
        cur.set(prop);
        lp = lpProp;
        accepted++;
      }
      if (it < burnIn) {
        // Adapt the step during burn-in towards ~25% acceptance, then freeze it (keeps the chain Markov).
        if ((it + 1) % 100 === 0) {
          const rate = accepted / 100;
          step.forEach((s, j) => (step[j] = s * (rate > 0.25 ? 1.2 : 0.8)));
          accepted = 0;
        }
        continue;
      }
      if ((it - burnIn) % thin !== 0) continue;
      const s3 = rng.uniform() < 0.5 ? -1 : 1;
      const s4 = rng.uniform() < 0.5 ? -1 : 1;
      out.data.set([cur[0], cur[1], s3 * cur[2], s4 * cur[3], cur[4]], 5 * k);
      k++;
      kept++;
    }
  }
  return out;
}

export const slcp: SbibmTask = {
  id: 'slcp',
  dimParameters: 5,
  dimData: 8,
  prior: { kind: 'box', low: new Array(5).fill(-BOUND), high: new Array(5).fill(BOUND) },
  simulate(theta: Matrix, rng: Rng): Matrix {
    const out = matrix(theta.rows, 8);
    for (let i = 0; i < theta.rows; i++) {
      const { m1, m2, c11, c12, c22 } = covariance(theta.data.subarray(5 * i, 5 * i + 5));
      // Cholesky of the 2x2 covariance.
      const l11 = Math.sqrt(c11);
      const l21 = c12 / l11;
      const l22 = Math.sqrt(Math.max(0, c22 - l21 * l21));
      for (let k = 0; k < 4; k++) {
        const z1 = rng.normal();
        const z2 = rng.normal();
        out.data[8 * i + 2 * k] = m1 + l11 * z1;
        out.data[8 * i + 2 * k + 1] = m2 + l21 * z1 + l22 * z2;
      }
    }
    return out;
  },
  observations: SBIBM_OBSERVATIONS.slcp,
  referencePosterior(num, n, rng) {
    const start = SLCP_TRUE_PARAMETERS[num - 1].map(Math.abs);
    return slcpReferenceMcmc(SBIBM_OBSERVATIONS.slcp[num - 1], start, n, rng);
  },
};
