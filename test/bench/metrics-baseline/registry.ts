// Frozen copy (bench baseline) of src-main/engine/metrics/registry.ts before the speed work.
import type { BuiltinMetricId } from '../../../src-shared/metrics/ids';
import { autocov } from './builtin/autocov';
import { corrPairwise } from './builtin/corr-pairwise';
import { cv2 } from './builtin/cv2';
import { cvIsi } from './builtin/cv-isi';
import { cvIsiStd } from './builtin/cv-isi-std';
import { fanoSpatial } from './builtin/fano-spatial';
import { fanoTemporal } from './builtin/fano-temporal';
import { fftAmplitude } from './builtin/fft-amplitude';
import { klIsi } from './builtin/kl-isi';
import { lv } from './builtin/lv';
import { lvr } from './builtin/lvr';
import { popRateStd } from './builtin/pop-rate-std';
import { rateMean } from './builtin/rate-mean';
import { rateStd } from './builtin/rate-std';
import { silentFraction } from './builtin/silent-fraction';
import { spectralEntropy } from './builtin/spectral-entropy';
import { spectrumPeakHz } from './builtin/spectrum-peak-hz';
import { spectrumPeakPower } from './builtin/spectrum-peak-power';
import { spikeContrast } from './builtin/spike-contrast';
import { sttc } from './builtin/sttc';
import { syncChi } from './builtin/sync-chi';
import type { PopulationTrains } from './trains';
import type { WelchOptions } from './welch';

/** Parameters keyed by the names in the metadata; the evaluator fills defaults and checks ranges first. */
export type ResolvedParams = Record<string, number>;
export type BuiltinMetricFn = (trains: PopulationTrains, params: ResolvedParams) => number;

const welch = (p: ResolvedParams): WelchOptions => ({
  binMs: p.binMs,
  nSegments: p.nSegments,
  fMinHz: p.fMinHz,
  fMaxHz: p.fMaxHz,
});

export const BUILTIN_METRIC_FNS: Record<BuiltinMetricId, BuiltinMetricFn> = {
  rate_mean: (t) => rateMean(t),
  rate_std: (t) => rateStd(t),
  silent_fraction: (t) => silentFraction(t),
  cv_isi: (t, p) => cvIsi(t, { minIsis: p.minIsis }),
  cv_isi_std: (t, p) => cvIsiStd(t, { minIsis: p.minIsis }),
  cv2: (t) => cv2(t),
  lv: (t) => lv(t),
  lvr: (t, p) => lvr(t, { refractoryMs: p.refractoryMs }),
  kl_isi: (t, p) => klIsi(t, { histMaxMs: p.histMaxMs, nBins: p.nBins }),
  fano_temporal: (t, p) => fanoTemporal(t, { binMs: p.binMs }),
  fano_spatial: (t, p) => fanoSpatial(t, { binMs: p.binMs }),
  corr_pairwise: (t, p) => corrPairwise(t, { binMs: p.binMs, nPairs: p.nPairs, seed: p.seed }),
  sttc: (t, p) => sttc(t, { dtMs: p.dtMs, nPairs: p.nPairs, seed: p.seed }),
  spike_contrast: (t, p) => spikeContrast(t, { minBinMs: p.minBinMs, shrink: p.shrink }),
  sync_chi: (t, p) => syncChi(t, { binMs: p.binMs }),
  autocov: (t, p) => autocov(t, { binMs: p.binMs, maxLagMs: p.maxLagMs }),
  pop_rate_std: (t, p) => popRateStd(t, { binMs: p.binMs }),
  spectrum_peak_hz: (t, p) => spectrumPeakHz(t, welch(p)),
  spectrum_peak_power: (t, p) => spectrumPeakPower(t, welch(p)),
  spectral_entropy: (t, p) => spectralEntropy(t, welch(p)),
  fft_amplitude: (t, p) => fftAmplitude(t, { binMs: p.binMs }),
};
