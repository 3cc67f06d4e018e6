// lvr: Shinomoto et al. (2009) revised local variation with refractoriness constant R, averaged over neurons.
import { lvrPerNeuron, meanOfUsed } from '../isi';
import type { PopulationTrains } from '../trains';

export interface LvrOptions {
  /** Refractoriness constant R, ms. @default 5 */
  refractoryMs: number;
}

export function lvr(trains: PopulationTrains, opts: LvrOptions): number {
  return meanOfUsed(lvrPerNeuron(trains, opts.refractoryMs));
}
