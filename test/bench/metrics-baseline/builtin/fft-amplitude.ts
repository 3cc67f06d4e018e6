// fft_amplitude: summed one-sided FFT amplitude (no DC) of the population rate over the whole window, Hz.
import { populationCounts } from '../binning';
import { realDftMagnitudes } from '../fft';
import type { PopulationTrains } from '../trains';

export interface FftAmplitudeOptions {
  /** Bin of the population rate, ms. @default 1 */
  binMs: number;
}

export function fftAmplitude(trains: PopulationTrains, opts: FftAmplitudeOptions): number {
  const counts = populationCounts(trains, opts.binMs);
  const nBins = counts.length;
  if (trains.nNeurons === 0 || nBins < 2) return NaN;
  const scale = 1000 / (trains.nNeurons * opts.binMs);
  const rate = new Float64Array(nBins);
  for (let b = 0; b < nBins; b++) rate[b] = counts[b] * scale;
  const mags = realDftMagnitudes(rate);
  let sum = 0;
  for (let k = 1; k < mags.length; k++) sum += mags[k];
  return (2 / nBins) * sum;
}
