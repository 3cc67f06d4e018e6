// cv_isi: mean over neurons (with enough ISIs) of the ISI coefficient of variation.
import { perNeuronIsiCv } from '../isi';
import type { PopulationTrains } from '../trains';

export interface CvIsiOptions {
  /** Fewest ISIs for a neuron to count. @default 3 */
  minIsis: number;
}

export function cvIsi(trains: PopulationTrains, opts: CvIsiOptions): number {
  const cvs = perNeuronIsiCv(trains, opts.minIsis);
  if (cvs.length === 0) return NaN;
  let s = 0;
  for (const c of cvs) s += c;
  return s / cvs.length;
}
