// sbibm slcp: θ ~ U[-3,3]^5, four 2-D Gaussian draws with θ-dependent mean and covariance; exact rejection reference.
import { matrix, type Matrix } from '../matrix';
import type { Rng } from '../rng';
import { SBIBM_OBSERVATIONS } from './observations';
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

/** log of the part of the slcp likelihood that depends on the covariance only (the mean integrated out), or -∞. */
function logCovarianceFactor(t2: number, t3: number, t4: number, a11: number, a12: number, a22: number): number {
  const { c11, c12, c22 } = covariance([0, 0, t2, t3, t4]);
  const det = c11 * c22 - c12 * c12;
  if (!(det > 0)) return -Infinity;
  // tr(S⁻¹ A) for the 2x2 scatter A of the four draws about their mean.
  const tr = (c22 * a11 - 2 * c12 * a12 + c11 * a22) / det;
  return -1.5 * Math.log(det) - 0.5 * tr;
}

/**
 * Exact posterior samples for slcp by rejection, like sbibm's reference (which uses rejection sampling too).
 * With S the covariance, Σₖ (xₖ-m)ᵀS⁻¹(xₖ-m) = tr(S⁻¹A) + 4(m-x̄)ᵀS⁻¹(m-x̄) (x̄ the mean and A the scatter of the 4
 * draws), so the likelihood is N(m; x̄, S/4) · g(S) with g(S) ∝ |S|^(-3/2) exp(-tr(S⁻¹A)/2). Proposal: θ3..θ5 from the
 * prior and m = (θ1, θ2) from N(x̄, S/4); accept with probability g(S)/gMax when m lies in the box. Integrating the
 * mean out analytically keeps acceptance workable (rejection from the 5-D prior accepts ~1e-4 of draws).
 * gMax comes from a random search plus hill climbing, times sbibm's safety factor 1.2.
 */
export function slcpReferenceRejection(x: ArrayLike<number>, n: number, rng: Rng): Matrix {
  let xm1 = 0;
  let xm2 = 0;
  for (let k = 0; k < 4; k++) {
    xm1 += x[2 * k] / 4;
    xm2 += x[2 * k + 1] / 4;
  }
  let a11 = 0;
  let a12 = 0;
  let a22 = 0;
  for (let k = 0; k < 4; k++) {
    const d1 = x[2 * k] - xm1;
    const d2 = x[2 * k + 1] - xm2;
    a11 += d1 * d1;
    a12 += d1 * d2;
    a22 += d2 * d2;
  }
  const logG = (t: ArrayLike<number>): number =>
    Math.abs(t[0]) > BOUND || Math.abs(t[1]) > BOUND || Math.abs(t[2]) > BOUND
      ? -Infinity
      : logCovarianceFactor(t[0], t[1], t[2], a11, a12, a22);
  const drawT = (): number[] => [0, 1, 2].map(() => BOUND * (2 * rng.uniform() - 1));
  // Random search for the maximum of g, then hill climbing from the best few candidates with shrinking steps.
  const candidates: { t: number[]; lg: number }[] = [];
  for (let i = 0; i < 200_000; i++) {
    const t = drawT();
    candidates.push({ t, lg: logG(t) });
  }
  candidates.sort((p, q) => q.lg - p.lg);
  let logMax = candidates[0].lg;
  for (const start of candidates.slice(0, 20)) {
    const cur = start.t.slice();
    let lg = start.lg;
    for (let step = 0.1; step > 1e-7; step /= 2) {
      for (let it = 0; it < 200; it++) {
        const prop = cur.map((v) => v + step * rng.normal());
        const lp = logG(prop);
        if (lp > lg) {
          cur.splice(0, 3, ...prop);
          lg = lp;
        }
      }
    }
    logMax = Math.max(logMax, lg);
  }
  logMax += Math.log(1.2);
  const out = matrix(n, 5);
  let k = 0;
  while (k < n) {
    const t = drawT();
    const lg = logG(t);
    if (lg > logMax) throw new Error(`slcp reference: g exceeds its bound (${lg} > ${logMax}); rejection invalid`);
    if (Math.log(rng.uniform()) >= lg - logMax) continue;
    // m ~ N(x̄, S/4) by the Cholesky factor of S/4.
    const { c11, c12, c22 } = covariance([0, 0, t[0], t[1], t[2]]);
    const l11 = Math.sqrt(c11 / 4);
    const l21 = c12 / 4 / l11;
    const l22 = Math.sqrt(Math.max(0, c22 / 4 - l21 * l21));
    const z1 = rng.normal();
    const z2 = rng.normal();
    const m1 = xm1 + l11 * z1;
    const m2 = xm2 + l21 * z1 + l22 * z2;
    if (Math.abs(m1) > BOUND || Math.abs(m2) > BOUND) continue;
    out.data.set([m1, m2, t[0], t[1], t[2]], 5 * k);
    k++;
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
    return slcpReferenceRejection(SBIBM_OBSERVATIONS.slcp[num - 1], n, rng);
  },
};
