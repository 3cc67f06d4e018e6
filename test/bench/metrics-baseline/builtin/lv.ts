// lv: Shinomoto et al. (2003) local variation, averaged over neurons.
import { meanOverConsecutiveIsis } from '../isi';
import type { PopulationTrains } from '../trains';

export function lv(trains: PopulationTrains): number {
  return meanOverConsecutiveIsis(trains, (a, b) => (3 * (a - b) ** 2) / (a + b) ** 2);
}
