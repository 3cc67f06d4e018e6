// Metadata of every built-in metric (unit, definition with reference, parameters, degenerate values), shared with the UI and docs.
import type { BuiltinMetricId, MetricGroup } from './ids';

/** One tunable parameter of a metric; values are plain numbers in the stated unit. */
export interface MetricParamMeta {
  name: string;
  default: number;
  unit: string;
  doc: string;
  min: number;
  max: number;
  /** True when only whole numbers make sense (counts, seeds). */
  integer?: boolean;
}

/** What a metric returns in a degenerate case: a defined number, NaN with the reason, or its ordinary value. */
export type DegenerateValue = { value: number } | { nan: string } | 'computed';

export interface MetricMeta {
  id: BuiltinMetricId;
  /** Short human label. */
  name: string;
  unit: string;
  group: MetricGroup;
  /** One paragraph: exactly what is computed. */
  definition: string;
  reference: string;
  params: MetricParamMeta[];
  /** Values for: no spike in the window; one spike in the window; a population of one (spiking) neuron. */
  degenerate: { noSpikes: DegenerateValue; oneSpike: DegenerateValue; oneNeuron: DegenerateValue };
  /** Every condition under which the value is NaN, in words (shown when a value is NaN). */
  nanWhen: string;
  /** Typical values, for orientation (Confavreux et al. 2023 "plausible" ranges where they exist). */
  typical?: string;
}

const PAIRS = (what: string): MetricParamMeta[] => [
  {
    name: 'nPairs',
    default: 500,
    unit: 'pairs',
    doc: `Pairs of spiking neurons drawn (with replacement, seeded) for the ${what}; all pairs are used when there are fewer.`,
    min: 1,
    max: 100_000,
    integer: true,
  },
  { name: 'seed', default: 1, unit: '', doc: 'Seed of the pair sample.', min: 0, max: 2 ** 32 - 1, integer: true },
];

const SPECTRUM_PARAMS: MetricParamMeta[] = [
  { name: 'binMs', default: 1, unit: 'ms', doc: 'Bin of the population rate.', min: 0.01, max: 100 },
  {
    name: 'nSegments',
    default: 8,
    unit: '',
    doc: 'Welch segments (50% overlap, Hann).',
    min: 1,
    max: 64,
    integer: true,
  },
  { name: 'fMinHz', default: 1, unit: 'Hz', doc: 'Lowest frequency considered.', min: 0, max: 10_000 },
  {
    name: 'fMaxHz',
    default: 500,
    unit: 'Hz',
    doc: 'Highest frequency considered (capped at Nyquist).',
    min: 0,
    max: 50_000,
  },
];

const SPECTRUM_DEFINITION =
  'The population rate (spikes per neuron per second in bins of binMs) is split into nSegments Welch segments of a power-of-two length L (the largest with nSegments segments at 50% overlap), each mean-removed and Hann-windowed; the power spectral density is the mean of |FFT|² over segments, on frequencies k/(L·binMs) in [fMinHz, min(fMaxHz, Nyquist)].';
const SPECTRUM_NAN =
  'the window holds fewer than 16 bins, no frequency bin lies in [fMinHz, fMaxHz], or the population rate is constant (zero power).';

export const METRIC_DEFINITIONS: readonly MetricMeta[] = [
  {
    id: 'rate_mean',
    name: 'Mean firing rate',
    unit: 'Hz',
    group: 'rates',
    definition:
      'Mean over the neurons of the population (silent ones included) of each neuron’s spike count in the window divided by the window length.',
    reference: 'Standard; Confavreux et al. 2023 (NeurIPS), `rate`.',
    params: [],
    degenerate: { noSpikes: { value: 0 }, oneSpike: 'computed', oneNeuron: 'computed' },
    nanWhen: 'the population has no neurons or the window is empty.',
    typical: '1–50 Hz',
  },
  {
    id: 'rate_std',
    name: 'Rate heterogeneity',
    unit: 'Hz',
    group: 'rates',
    definition:
      'Standard deviation (population form, divided by N) across the neurons of the population of their single-neuron firing rates in the window.',
    reference: 'Confavreux et al. 2023 (NeurIPS), `std_rate_spatial`.',
    params: [],
    degenerate: { noSpikes: { value: 0 }, oneSpike: 'computed', oneNeuron: { value: 0 } },
    nanWhen: 'the population has no neurons or the window is empty.',
    typical: '0–5 Hz',
  },
  {
    id: 'silent_fraction',
    name: 'Silent fraction',
    unit: '',
    group: 'rates',
    definition: 'Fraction of the neurons of the population that emit no spike in the window.',
    reference: 'Standard.',
    params: [],
    degenerate: { noSpikes: { value: 1 }, oneSpike: 'computed', oneNeuron: 'computed' },
    nanWhen: 'the population has no neurons or the window is empty.',
  },
  {
    id: 'cv_isi',
    name: 'ISI coefficient of variation',
    unit: '',
    group: 'irregularity',
    definition:
      'For each neuron with at least minIsis inter-spike intervals (ISIs) in the window, std(ISI)/mean(ISI) (population std, divided by n); the metric is the mean over those neurons. 1 for a Poisson process, 0 for a regular train, 1/√k for a gamma process of shape k.',
    reference: 'Softky & Koch 1993 (J Neurosci); Elephant `cv`; Confavreux et al. 2023 `cv_isi`.',
    params: [
      {
        name: 'minIsis',
        default: 3,
        unit: 'ISIs',
        doc: 'Fewest ISIs for a neuron to count.',
        min: 2,
        max: 1000,
        integer: true,
      },
    ],
    degenerate: {
      noSpikes: { nan: 'no neuron has at least minIsis ISIs' },
      oneSpike: { nan: 'no neuron has at least minIsis ISIs' },
      oneNeuron: 'computed',
    },
    nanWhen: 'no neuron of the population has at least minIsis ISIs in the window.',
    typical: '0.7–2.7',
  },
  {
    id: 'cv_isi_std',
    name: 'Spread of ISI CV',
    unit: '',
    group: 'irregularity',
    definition:
      'Standard deviation (population form) across neurons of the per-neuron ISI CV, over the same neurons as cv_isi (at least minIsis ISIs).',
    reference: 'Confavreux et al. 2023 (NeurIPS), `std_cv`.',
    params: [
      {
        name: 'minIsis',
        default: 3,
        unit: 'ISIs',
        doc: 'Fewest ISIs for a neuron to count.',
        min: 2,
        max: 1000,
        integer: true,
      },
    ],
    degenerate: {
      noSpikes: { nan: 'no neuron has at least minIsis ISIs' },
      oneSpike: { nan: 'no neuron has at least minIsis ISIs' },
      oneNeuron: { value: 0 },
    },
    nanWhen: 'no neuron of the population has at least minIsis ISIs in the window.',
    typical: '0–0.2',
  },
  {
    id: 'cv2',
    name: 'CV2 (local)',
    unit: '',
    group: 'irregularity',
    definition:
      'For each neuron with at least 2 ISIs, the mean over consecutive ISI pairs of 2|I(i+1) − I(i)| / (I(i+1) + I(i)); the metric is the mean over those neurons. Insensitive to slow rate changes; 1 for Poisson, 0 for regular.',
    reference: 'Holt, Softky, Koch & Douglas 1996 (J Neurophysiol 75:1806); Elephant `cv2`.',
    params: [],
    degenerate: {
      noSpikes: { nan: 'no neuron has at least 2 ISIs' },
      oneSpike: { nan: 'no neuron has at least 2 ISIs' },
      oneNeuron: 'computed',
    },
    nanWhen: 'no neuron of the population has at least 2 ISIs in the window.',
  },
  {
    id: 'lv',
    name: 'Local variation LV',
    unit: '',
    group: 'irregularity',
    definition:
      'For each neuron with n ≥ 2 ISIs, LV = 3/(n−1) Σ (I(i) − I(i+1))² / (I(i) + I(i+1))²; the metric is the mean over those neurons. 1 for Poisson, 0 for regular, 3/(2k+1) for a gamma process of shape k.',
    reference: 'Shinomoto, Shima & Tanji 2003 (Neural Comput 15:2823); Elephant `lv`.',
    params: [],
    degenerate: {
      noSpikes: { nan: 'no neuron has at least 2 ISIs' },
      oneSpike: { nan: 'no neuron has at least 2 ISIs' },
      oneNeuron: 'computed',
    },
    nanWhen: 'no neuron of the population has at least 2 ISIs in the window.',
  },
  {
    id: 'lvr',
    name: 'Revised local variation LvR',
    unit: '',
    group: 'irregularity',
    definition:
      'For each neuron with n ≥ 2 ISIs, LvR = 3/(n−1) Σ (1 − 4 I(i) I(i+1) / (I(i) + I(i+1))²)(1 + 4R / (I(i) + I(i+1))), with refractoriness constant R; the metric is the mean over those neurons. Equals LV when R = 0.',
    reference: 'Shinomoto et al. 2009 (PLoS Comput Biol 5:e1000433); Elephant `lvr` (R = 5 ms recommended).',
    params: [{ name: 'refractoryMs', default: 5, unit: 'ms', doc: 'Refractoriness constant R.', min: 0, max: 1000 }],
    degenerate: {
      noSpikes: { nan: 'no neuron has at least 2 ISIs' },
      oneSpike: { nan: 'no neuron has at least 2 ISIs' },
      oneNeuron: 'computed',
    },
    nanWhen: 'no neuron of the population has at least 2 ISIs in the window.',
  },
  {
    id: 'kl_isi',
    name: 'ISI distance from exponential',
    unit: 'nats',
    group: 'irregularity',
    definition:
      'The ISIs of all neurons are pooled; P is their histogram (nBins equal bins on [0, histMaxMs], normalised), Q the probability of the same bins under the exponential distribution with the pooled mean ISI, renormalised to [0, histMaxMs]; the metric is KL(P‖Q) = Σ P log(P/Q) over bins with P > 0. ≈ 0 for a Poisson process (finite-sample bias ≈ (occupied bins − 1)/(2·nISIs)).',
    reference: 'Confavreux et al. 2023 (NeurIPS), `kl_isi` (100 bins on [0, 1] s).',
    params: [
      { name: 'histMaxMs', default: 1000, unit: 'ms', doc: 'Upper edge of the ISI histogram.', min: 1, max: 1e6 },
      { name: 'nBins', default: 100, unit: 'bins', doc: 'Histogram bins.', min: 2, max: 10_000, integer: true },
    ],
    degenerate: {
      noSpikes: { nan: 'fewer than 2 ISIs in the histogram range' },
      oneSpike: { nan: 'fewer than 2 ISIs in the histogram range' },
      oneNeuron: 'computed',
    },
    nanWhen: 'fewer than 2 pooled ISIs fall in [0, histMaxMs], or every ISI is 0 (coincident spikes).',
    typical: '0–0.5',
  },
  {
    id: 'fano_temporal',
    name: 'Temporal Fano factor',
    unit: '',
    group: 'variability',
    definition:
      'For each neuron that spikes in the window, the variance (unbiased, divided by B−1) over the B whole bins of binMs of its spike counts divided by their mean; the metric is the mean over those neurons. 1 for a stationary Poisson process.',
    reference: 'Fano 1947; Elephant `fanofactor`; Confavreux et al. 2023 `temporal_Fano` (100 ms bins).',
    params: [{ name: 'binMs', default: 100, unit: 'ms', doc: 'Counting bin.', min: 0.1, max: 1e6 }],
    degenerate: {
      noSpikes: { nan: 'no neuron spikes in the whole bins of the window' },
      oneSpike: 'computed',
      oneNeuron: 'computed',
    },
    nanWhen: 'no neuron spikes in the whole bins of the window, or the window holds fewer than 2 bins.',
    typical: '0.5–2.5',
  },
  {
    id: 'fano_spatial',
    name: 'Spatial Fano factor',
    unit: '',
    group: 'variability',
    definition:
      'For each bin of binMs with at least one spike, the variance (unbiased, divided by N−1) across the N neurons of their spike counts divided by their mean; the metric is the mean over those bins. 1 for independent Poisson neurons of equal rate.',
    reference: 'Confavreux et al. 2023 (NeurIPS), `spatial_Fano` (100 ms bins).',
    params: [{ name: 'binMs', default: 100, unit: 'ms', doc: 'Counting bin.', min: 0.1, max: 1e6 }],
    degenerate: {
      noSpikes: { nan: 'no bin holds a spike' },
      oneSpike: 'computed',
      oneNeuron: { nan: 'needs at least 2 neurons' },
    },
    nanWhen: 'the population has fewer than 2 neurons, or no whole bin holds a spike.',
    typical: '0.5–2.5',
  },
  {
    id: 'corr_pairwise',
    name: 'Pairwise count correlation',
    unit: '',
    group: 'synchrony',
    definition:
      'Mean Pearson correlation coefficient of the binned spike counts (bins of binMs) over a seeded sample of nPairs pairs of distinct neurons that spike in the window; pairs where a neuron’s counts do not vary are skipped. ≈ 0 for independent neurons, 1 for identical trains.',
    reference: 'Elephant `correlation_coefficient`; de la Rocha et al. 2007 (Nature 448:802).',
    params: [
      { name: 'binMs', default: 10, unit: 'ms', doc: 'Counting bin.', min: 0.1, max: 1e6 },
      ...PAIRS('correlation'),
    ],
    degenerate: {
      noSpikes: { nan: 'fewer than 2 neurons spike' },
      oneSpike: { nan: 'fewer than 2 neurons spike' },
      oneNeuron: { nan: 'fewer than 2 neurons spike' },
    },
    nanWhen: 'fewer than 2 neurons spike in the window, or no sampled pair has varying counts in both neurons.',
  },
  {
    id: 'sttc',
    name: 'Spike time tiling coefficient',
    unit: '',
    group: 'synchrony',
    definition:
      'Mean over a seeded sample of nPairs pairs of spiking neurons of STTC = ½[(P_A − T_B)/(1 − P_A·T_B) + (P_B − T_A)/(1 − P_B·T_A)], where P_A is the fraction of A’s spikes within ±dtMs of a spike of B and T_A the fraction of the window within ±dtMs of a spike of A. Rate-independent; ≈ 0 for independent, 1 for identical trains.',
    reference: 'Cutts & Eglen 2014 (J Neurosci 34:14288); Elephant `spike_time_tiling_coefficient`.',
    params: [
      { name: 'dtMs', default: 5, unit: 'ms', doc: 'Synchrony window ±dt.', min: 0.01, max: 1e5 },
      ...PAIRS('STTC'),
    ],
    degenerate: {
      noSpikes: { nan: 'fewer than 2 neurons spike' },
      oneSpike: { nan: 'fewer than 2 neurons spike' },
      oneNeuron: { nan: 'fewer than 2 neurons spike' },
    },
    nanWhen:
      'fewer than 2 neurons spike in the window, or every sampled pair is undefined (both trains tile the whole window).',
  },
  {
    id: 'spike_contrast',
    name: 'Spike-contrast synchrony',
    unit: '',
    group: 'synchrony',
    definition:
      'For bin sizes Δ from half the window down to max(minBinMs, min ISI/2), shrinking by shrink, spikes are counted in bins of Δ overlapping by half; with θ_k the spikes and n_k the active neurons in bin k, contrast = Σ|θ(k+1) − θ(k)| / (2·total spikes) and activeST = (Σ n_k θ_k / Σ θ_k − 1)/(N − 1); the metric is the maximum over Δ of contrast × activeST. 1 for a fully synchronous population, near 0 for asynchronous activity.',
    reference: 'Ciba et al. 2018 (J Neurosci Methods 303:114); Elephant `spike_contrast`.',
    params: [
      { name: 'minBinMs', default: 10, unit: 'ms', doc: 'Smallest bin size.', min: 0.01, max: 1e5 },
      { name: 'shrink', default: 0.9, unit: '', doc: 'Bin shrink factor per step.', min: 0.5, max: 0.99 },
    ],
    degenerate: {
      noSpikes: { nan: 'no spikes' },
      oneSpike: { value: 0 },
      oneNeuron: { nan: 'needs at least 2 neurons' },
    },
    nanWhen: 'the population has fewer than 2 neurons, no spikes in the window, or a window shorter than 2·minBinMs.',
  },
  {
    id: 'sync_chi',
    name: 'Synchrony χ of smoothed counts',
    unit: '',
    group: 'synchrony',
    definition:
      'Golomb’s synchrony measure computed on spike counts smoothed by a boxcar of binMs (true χ needs membrane potentials, hence this named variant): χ² = var_t(mean_i x_i(t)) / mean_i var_t(x_i(t)), the metric is χ = √χ². ≈ 1/√N for independent neurons, 1 for identical trains.',
    reference: 'Golomb 2007 (Scholarpedia 2:1347); Golomb & Rinzel 1993 (Phys Rev E 48:4810).',
    params: [{ name: 'binMs', default: 10, unit: 'ms', doc: 'Smoothing (counting) bin.', min: 0.1, max: 1e6 }],
    degenerate: { noSpikes: { nan: 'no neuron’s counts vary' }, oneSpike: 'computed', oneNeuron: { value: 1 } },
    nanWhen: 'no neuron’s smoothed counts vary in the window (e.g. no spikes), or the window holds fewer than 2 bins.',
  },
  {
    id: 'autocov',
    name: 'Autocovariance',
    unit: '',
    group: 'temporal',
    definition:
      'For each neuron whose counts in bins of binMs vary, the mean-removed autocorrelation ρ(τ) = Σ_t x(t)x(t+τ) / Σ_t x(t)² averaged over lags τ = 1 … maxLagMs/binMs bins (ρ is symmetric, so this is the mean over ±maxLagMs without lag 0); the metric is the mean over those neurons. ≈ 0 for Poisson, positive for bursting or slow rate fluctuations.',
    reference: 'Confavreux et al. 2023 (NeurIPS), `auto_cov` (10 ms bins, ±0.5 s).',
    params: [
      { name: 'binMs', default: 10, unit: 'ms', doc: 'Counting bin.', min: 0.1, max: 1e6 },
      { name: 'maxLagMs', default: 500, unit: 'ms', doc: 'Largest lag.', min: 0.1, max: 1e6 },
    ],
    degenerate: { noSpikes: { nan: 'no neuron’s counts vary' }, oneSpike: 'computed', oneNeuron: 'computed' },
    nanWhen: 'no neuron’s counts vary in the window, or the window is shorter than 2 bins.',
    typical: '0–0.1',
  },
  {
    id: 'pop_rate_std',
    name: 'Population-rate fluctuation',
    unit: 'Hz',
    group: 'temporal',
    definition:
      'Standard deviation over time (population form) of the population rate, the spike count of the population per bin of binMs divided by N·binMs. ≈ √(rate/(N·binMs)) for independent Poisson neurons.',
    reference:
      'Confavreux et al. 2023 (NeurIPS), `std_rate_temporal` (theirs is in spikes per neuron per 1 ms bin: ours × binMs/1000).',
    params: [{ name: 'binMs', default: 1, unit: 'ms', doc: 'Bin of the population rate.', min: 0.01, max: 1e5 }],
    degenerate: { noSpikes: { value: 0 }, oneSpike: 'computed', oneNeuron: 'computed' },
    nanWhen: 'the population has no neurons or the window holds no whole bin.',
  },
  {
    id: 'spectrum_peak_hz',
    name: 'Spectral peak frequency',
    unit: 'Hz',
    group: 'temporal',
    definition: `${SPECTRUM_DEFINITION} The metric is the frequency of the largest PSD value.`,
    reference: 'Welch 1967 (IEEE Trans Audio Electroacoust 15:70); Elephant `welch_psd`.',
    params: SPECTRUM_PARAMS,
    degenerate: { noSpikes: { nan: 'the population rate is constant' }, oneSpike: 'computed', oneNeuron: 'computed' },
    nanWhen: SPECTRUM_NAN,
  },
  {
    id: 'spectrum_peak_power',
    name: 'Relative spectral peak power',
    unit: '',
    group: 'temporal',
    definition: `${SPECTRUM_DEFINITION} The metric is the largest PSD value divided by the sum of the PSD over the same frequencies (≈ 1/number of frequencies for a flat spectrum, → 1 for a pure oscillation).`,
    reference: 'Welch 1967; Elephant `welch_psd`.',
    params: SPECTRUM_PARAMS,
    degenerate: { noSpikes: { nan: 'the population rate is constant' }, oneSpike: 'computed', oneNeuron: 'computed' },
    nanWhen: SPECTRUM_NAN,
  },
  {
    id: 'spectral_entropy',
    name: 'Spectral entropy',
    unit: '',
    group: 'temporal',
    definition: `${SPECTRUM_DEFINITION} With p the PSD normalised to sum 1 over the K frequencies, the metric is −Σ p log p / log K: 1 for a flat (white) spectrum, towards 0 for a single oscillation.`,
    reference: 'Inouye et al. 1991 (Electroencephalogr Clin Neurophysiol 79:204).',
    params: SPECTRUM_PARAMS,
    degenerate: { noSpikes: { nan: 'the population rate is constant' }, oneSpike: 'computed', oneNeuron: 'computed' },
    nanWhen: `${SPECTRUM_NAN} Also NaN when K < 2.`,
  },
  {
    id: 'fft_amplitude',
    name: 'Summed FFT amplitude',
    unit: 'Hz',
    group: 'temporal',
    definition:
      'Sum over positive frequencies (DC excluded, up to Nyquist) of the one-sided amplitude spectrum 2/B·|FFT| of the population rate (Hz) in B bins of binMs over the whole window (exact length, no padding).',
    reference:
      'Confavreux et al. 2023 (NeurIPS), `fft` (theirs is on spikes per neuron per 1 ms bin: ours × binMs/1000).',
    params: [{ name: 'binMs', default: 1, unit: 'ms', doc: 'Bin of the population rate.', min: 0.01, max: 1e5 }],
    degenerate: { noSpikes: { value: 0 }, oneSpike: 'computed', oneNeuron: 'computed' },
    nanWhen: 'the population has no neurons or the window holds fewer than 2 bins.',
  },
];

export function metricMeta(id: BuiltinMetricId): MetricMeta {
  const meta = METRIC_DEFINITIONS.find((m) => m.id === id);
  if (!meta) throw new Error(`no metadata for metric '${id}'`);
  return meta;
}

/** The parameter defaults of one metric as a plain object. */
export function defaultParams(id: BuiltinMetricId): Record<string, number> {
  const out: Record<string, number> = {};
  for (const p of metricMeta(id).params) out[p.name] = p.default;
  return out;
}
