// lvr: Shinomoto et al. (2009) revised local variation with refractoriness constant R, averaged over neurons.
import { meanOverConsecutiveIsis } from '../isi';
import type { PopulationTrains } from '../trains';

export interface LvrOptions {
  /** Refractoriness constant R, ms. @default 5 */
  refractoryMs: number;
}

export function lvr(trains: PopulationTrains, opts: LvrOptions): number {
  const r = opts.refractoryMs;
  return meanOverConsecutiveIsis(trains, (a, b) => {
    const s = a + b;
    return 3 * (1 - (4 * a * b) / (s * s)) * (1 + (4 * r) / s);
  });
}
