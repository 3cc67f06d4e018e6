// Out-of-distribution check: does a target lie outside the range or the 99% ellipsoid of the training data?
import type { PosteriorDataStats } from '../../../src-shared/catalogue/records';
import type { OodReport } from '../../../src-shared/contract/calls/posterior';
import { mahalanobis2 } from './dataset';

/** Compares target metric values `x [dimX]` with the training data summary. */
export function checkOod(x: number[], metricIds: string[], stats: PosteriorDataStats): OodReport {
  const outOfRange = x.flatMap((v, j) =>
    v < stats.min[j] || v > stats.max[j]
      ? [{ metricId: metricIds[j], value: v, min: stats.min[j], max: stats.max[j] }]
      : [],
  );
  const m2 = mahalanobis2(x, stats.mean, stats.covInverse);
  const beyond = m2 > stats.d2Quantile99;
  const outside = outOfRange.length > 0 || beyond;
  const parts: string[] = [];
  if (outOfRange.length)
    parts.push(`${outOfRange.map((o) => o.metricId).join(', ')} outside the range seen in the library`);
  if (beyond) parts.push('the combination of values is unlike 99% of the library runs');
  return {
    outside,
    outOfRange,
    mahalanobis2: m2,
    mahalanobis2Quantile99: stats.d2Quantile99,
    ...(outside
      ? {
          message: `The target lies outside the training data (${parts.join('; ')}): the posterior extrapolates and may be wrong.`,
        }
      : {}),
  };
}
