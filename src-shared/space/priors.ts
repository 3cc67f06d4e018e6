// Priors of free parameters: the map from the unit interval to a value (for designs) and the log density (for SBI).
import type { Prior } from './schema';

/**
 * Complementary error function (Numerical Recipes `erfcc`, Chebyshev fit): fractional error below 1.2e-7 everywhere,
 * enough for prior transforms whose inputs are themselves design points, not for tail probabilities below ~1e-300.
 */
export function erfc(x: number): number {
  const z = Math.abs(x);
  const t = 1 / (1 + 0.5 * z);
  const r =
    t *
    Math.exp(
      -z * z -
        1.26551223 +
        t *
          (1.00002368 +
            t *
              (0.37409196 +
                t *
                  (0.09678418 +
                    t *
                      (-0.18628806 +
                        t *
                          (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))),
    );
  return x >= 0 ? r : 2 - r;
}

/** Standard normal CDF. */
export function normalCdf(x: number): number {
  return 0.5 * erfc(-x / Math.SQRT2);
}

/** Standard normal quantile (Acklam's rational approximation, relative error < 1.2e-9). */
export function normalQuantile(p: number): number {
  if (p <= 0) return -Infinity;
  if (p >= 1) return Infinity;
  const a = [
    -3.969683028665376e1, 2.209460984245205e2, -2.759285104469687e2, 1.38357751867269e2, -3.066479806614716e1,
    2.506628277459239,
  ];
  const b = [
    -5.447609879822406e1, 1.615858368580409e2, -1.556989798598866e2, 6.680131188771972e1, -1.328068155288572e1,
  ];
  const c = [
    -7.784894002430293e-3, -3.223964580411365e-1, -2.400758277161838, -2.549732539343734, 4.374664141464968,
    2.938163982698783,
  ];
  const d = [7.784695709041462e-3, 3.224671290700398e-1, 2.445134137142996, 3.754408661907416];
  // Break points of the central and tail regions, as in Acklam's original.
  const pLow = 0.02425;
  if (p < pLow) {
    const q = Math.sqrt(-2 * Math.log(p));
    return (
      (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) /
      ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1)
    );
  }
  if (p > 1 - pLow) return -normalQuantile(1 - p);
  const q = p - 0.5;
  const r = q * q;
  return (
    ((((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q) /
    (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1)
  );
}

/** Maps u in [0, 1) to a prior value; for `choice` the result is the index of the chosen value. */
export function priorFromUnit(prior: Prior, u: number): number {
  switch (prior.kind) {
    case 'uniform':
      return prior.low + u * (prior.high - prior.low);
    case 'logUniform':
      return Math.exp(Math.log(prior.low) + u * (Math.log(prior.high) - Math.log(prior.low)));
    case 'truncatedNormal': {
      const lo = normalCdf((prior.low - prior.mean) / prior.sd);
      const hi = normalCdf((prior.high - prior.mean) / prior.sd);
      const x = prior.mean + prior.sd * normalQuantile(lo + u * (hi - lo));
      // The approximations may step a hair outside the bounds; the prior's support is closed.
      return Math.min(prior.high, Math.max(prior.low, x));
    }
    case 'choice': {
      const n = prior.values.length;
      if (!prior.weights) return Math.min(n - 1, Math.floor(u * n));
      const total = prior.weights.reduce((s, w) => s + w, 0);
      let acc = 0;
      for (let i = 0; i < n; i++) {
        acc += prior.weights[i] / total;
        if (u < acc) return i;
      }
      return n - 1;
    }
  }
}

/** Log density (log probability mass for `choice`, given the index) of one value under the prior; -Infinity outside. */
export function priorLogProb(prior: Prior, x: number): number {
  switch (prior.kind) {
    case 'uniform':
      return x >= prior.low && x <= prior.high ? -Math.log(prior.high - prior.low) : -Infinity;
    case 'logUniform':
      return x >= prior.low && x <= prior.high ? -Math.log(x) - Math.log(Math.log(prior.high / prior.low)) : -Infinity;
    case 'truncatedNormal': {
      if (x < prior.low || x > prior.high) return -Infinity;
      const z = (x - prior.mean) / prior.sd;
      const mass = normalCdf((prior.high - prior.mean) / prior.sd) - normalCdf((prior.low - prior.mean) / prior.sd);
      return -0.5 * z * z - Math.log(prior.sd * Math.sqrt(2 * Math.PI)) - Math.log(mass);
    }
    case 'choice': {
      const i = Math.round(x);
      if (i !== x || i < 0 || i >= prior.values.length) return -Infinity;
      if (!prior.weights) return -Math.log(prior.values.length);
      const total = prior.weights.reduce((s, w) => s + w, 0);
      return Math.log(prior.weights[i] / total);
    }
  }
}

/** The numeric range a prior's column spans (index range for `choice`). */
export function priorRange(prior: Prior): { min: number; max: number } {
  if (prior.kind === 'choice') return { min: 0, max: prior.values.length - 1 };
  return { min: prior.low, max: prior.high };
}
