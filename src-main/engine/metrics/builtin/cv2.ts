// cv2: Holt et al. (1996) local coefficient of variation, averaged over neurons.
import { consecutiveIsiMeans, meanOfUsed } from '../isi';
import type { PopulationTrains } from '../trains';

export function cv2(trains: PopulationTrains): number {
  return meanOfUsed(consecutiveIsiMeans(trains).cv2);
}
