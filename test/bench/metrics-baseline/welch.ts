// Welch power spectrum of the population rate, shared by the three spectral metrics.
import { populationCounts } from './binning';
import { fftRadix2 } from './fft';
import type { PopulationTrains } from './trains';

export interface WelchOptions {
  /** Bin of the population rate, ms. @default 1 */
  binMs: number;
  /** Minimum number of Welch segments (50% overlap). @default 8 */
  nSegments: number;
  /** Lowest frequency kept, Hz. @default 1 */
  fMinHz: number;
  /** Highest frequency kept (capped at Nyquist), Hz. @default 500 */
  fMaxHz: number;
}

export interface Spectrum {
  /** Frequencies in [fMinHz, fMaxHz], Hz. Shape [nFreqs]. */
  freqHz: Float64Array;
  /** PSD at those frequencies (Hz²/Hz, one-sided up to a constant). Shape [nFreqs]. */
  power: Float64Array;
}

/** The Welch PSD, or null when the window is too short, no frequency is in range, or the rate is constant. */
export function populationRateWelch(trains: PopulationTrains, opts: WelchOptions): Spectrum | null {
  const key = `welch:${opts.binMs}:${opts.nSegments}:${opts.fMinHz}:${opts.fMaxHz}`;
  return trains.memo(key, () => {
    const counts = populationCounts(trains, opts.binMs);
    const nBins = counts.length;
    if (trains.nNeurons === 0) return null;
    // Largest power-of-two segment length giving at least nSegments half-overlapping segments.
    const maxLen = (2 * nBins) / (opts.nSegments + 1);
    if (maxLen < 16) return null;
    const len = 2 ** Math.floor(Math.log2(maxLen));
    const step = len / 2;
    const nSeg = Math.floor((nBins - len) / step) + 1;
    const scale = 1000 / (trains.nNeurons * opts.binMs);
    const window = new Float64Array(len);
    for (let i = 0; i < len; i++) window[i] = 0.5 - 0.5 * Math.cos((2 * Math.PI * i) / len);
    const psd = new Float64Array(len / 2 + 1);
    const re = new Float64Array(len);
    const im = new Float64Array(len);
    for (let s = 0; s < nSeg; s++) {
      const a = s * step;
      let mean = 0;
      for (let i = 0; i < len; i++) mean += counts[a + i];
      mean /= len;
      for (let i = 0; i < len; i++) {
        re[i] = (counts[a + i] - mean) * scale * window[i];
        im[i] = 0;
      }
      fftRadix2(re, im);
      for (let k = 0; k <= len / 2; k++) psd[k] += re[k] * re[k] + im[k] * im[k];
    }
    const df = 1000 / (len * opts.binMs);
    const fMax = Math.min(opts.fMaxHz, 500 / opts.binMs);
    const kMin = Math.max(1, Math.ceil(opts.fMinHz / df - 1e-9));
    const kMax = Math.min(len / 2, Math.floor(fMax / df + 1e-9));
    if (kMax < kMin) return null;
    const freqHz = new Float64Array(kMax - kMin + 1);
    const power = new Float64Array(kMax - kMin + 1);
    let total = 0;
    for (let k = kMin; k <= kMax; k++) {
      freqHz[k - kMin] = k * df;
      power[k - kMin] = psd[k] / nSeg;
      total += psd[k];
    }
    return total > 0 ? { freqHz, power } : null;
  });
}
