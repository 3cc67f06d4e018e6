// cv_isi_std: standard deviation across neurons of the per-neuron ISI CV.
import { perNeuronIsiCv } from '../isi';
import type { PopulationTrains } from '../trains';

export interface CvIsiStdOptions {
  /** Fewest ISIs for a neuron to count. @default 3 */
  minIsis: number;
}

export function cvIsiStd(trains: PopulationTrains, opts: CvIsiStdOptions): number {
  const cvs = perNeuronIsiCv(trains, opts.minIsis);
  if (cvs.length === 0) return NaN;
  let s = 0;
  for (const c of cvs) s += c;
  const mean = s / cvs.length;
  let ss = 0;
  for (const c of cvs) ss += (c - mean) ** 2;
  return Math.sqrt(ss / cvs.length);
}
