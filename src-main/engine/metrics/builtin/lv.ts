// lv: Shinomoto et al. (2003) local variation, averaged over neurons.
import { consecutiveIsiMeans, meanOfUsed } from '../isi';
import type { PopulationTrains } from '../trains';

export function lv(trains: PopulationTrains): number {
  return meanOfUsed(consecutiveIsiMeans(trains).lv);
}
