// cv2: Holt et al. (1996) local coefficient of variation, averaged over neurons.
import { meanOverConsecutiveIsis } from '../isi';
import type { PopulationTrains } from '../trains';

export function cv2(trains: PopulationTrains): number {
  return meanOverConsecutiveIsis(trains, (a, b) => (2 * Math.abs(b - a)) / (a + b));
}
