// Each built-in metric on tiny inputs whose value is computed by hand in the comments.
import { describe, expect, it } from 'vitest';
import { autocov } from '../../../../../src-main/engine/metrics/builtin/autocov';
import { corrPairwise } from '../../../../../src-main/engine/metrics/builtin/corr-pairwise';
import { cv2 } from '../../../../../src-main/engine/metrics/builtin/cv2';
import { cvIsi } from '../../../../../src-main/engine/metrics/builtin/cv-isi';
import { cvIsiStd } from '../../../../../src-main/engine/metrics/builtin/cv-isi-std';
import { fanoSpatial } from '../../../../../src-main/engine/metrics/builtin/fano-spatial';
import { fanoTemporal } from '../../../../../src-main/engine/metrics/builtin/fano-temporal';
import { fftAmplitude } from '../../../../../src-main/engine/metrics/builtin/fft-amplitude';
import { klIsi } from '../../../../../src-main/engine/metrics/builtin/kl-isi';
import { lv } from '../../../../../src-main/engine/metrics/builtin/lv';
import { lvr } from '../../../../../src-main/engine/metrics/builtin/lvr';
import { popRateStd } from '../../../../../src-main/engine/metrics/builtin/pop-rate-std';
import { rateMean } from '../../../../../src-main/engine/metrics/builtin/rate-mean';
import { rateStd } from '../../../../../src-main/engine/metrics/builtin/rate-std';
import { silentFraction } from '../../../../../src-main/engine/metrics/builtin/silent-fraction';
import { spectralEntropy } from '../../../../../src-main/engine/metrics/builtin/spectral-entropy';
import { spectrumPeakHz } from '../../../../../src-main/engine/metrics/builtin/spectrum-peak-hz';
import { spectrumPeakPower } from '../../../../../src-main/engine/metrics/builtin/spectrum-peak-power';
import { spikeContrast } from '../../../../../src-main/engine/metrics/builtin/spike-contrast';
import { sttc } from '../../../../../src-main/engine/metrics/builtin/sttc';
import { syncChi } from '../../../../../src-main/engine/metrics/builtin/sync-chi';
import { trainsFromArrays } from '../../../../../src-main/engine/metrics/trains';
import { spikeContrastReference } from './reference-impl';
import { poissonTrain, seeded } from './spike-gen';

const welch = { binMs: 1, nSegments: 8, fMinHz: 1, fMaxHz: 500 };

describe('rates', () => {
  // Counts 2, 0, 1 in 1 s: rates 2, 0, 1 Hz.
  const t = trainsFromArrays([[100, 200], [], [300]], 1000);
  it('rate_mean is the mean rate', () => expect(rateMean(t)).toBeCloseTo(1, 12));
  it('rate_std is the population std of rates', () => expect(rateStd(t)).toBeCloseTo(Math.sqrt(2 / 3), 12));
  it('silent_fraction counts silent neurons', () => expect(silentFraction(t)).toBeCloseTo(1 / 3, 12));
});

describe('irregularity', () => {
  // Neuron 0: ISIs 10, 20, 30 (mean 20, population std √(200/3)); neuron 1: regular, CV 0.
  const t = trainsFromArrays(
    [
      [0, 10, 30, 60],
      [0, 10, 20, 30],
    ],
    1000,
  );
  const cv0 = Math.sqrt(200 / 3) / 20;
  it('cv_isi averages per-neuron CVs', () => expect(cvIsi(t, { minIsis: 3 })).toBeCloseTo(cv0 / 2, 12));
  it('cv_isi_std is their spread', () => expect(cvIsiStd(t, { minIsis: 3 })).toBeCloseTo(cv0 / 2, 12));
  it('cv_isi skips neurons with too few ISIs', () => expect(cvIsi(t, { minIsis: 4 })).toBeNaN());
  const single = trainsFromArrays([[0, 10, 30, 60]], 1000);
  it('cv2 follows Holt 1996', () => expect(cv2(single)).toBeCloseTo((20 / 30 + 20 / 50) / 2, 12));
  it('lv follows Shinomoto 2003', () => expect(lv(single)).toBeCloseTo(1.5 * (100 / 900 + 100 / 2500), 12));
  it('lvr follows Shinomoto 2009', () => {
    const expected = 1.5 * ((1 - 800 / 900) * (1 + 20 / 30) + (1 - 2400 / 2500) * (1 + 20 / 50));
    expect(lvr(single, { refractoryMs: 5 })).toBeCloseTo(expected, 12);
    expect(lvr(single, { refractoryMs: 0 })).toBeCloseTo(lv(single), 12);
  });
  it('kl_isi is KL of the 2-bin histogram from the truncated exponential', () => {
    // ISIs 100 and 700 ms: mean 400; bins [0, 500), [500, 1000].
    const k = trainsFromArrays([[0, 100, 800]], 2000);
    const z = 1 - Math.exp(-1000 / 400);
    const q = [(1 - Math.exp(-500 / 400)) / z, (Math.exp(-500 / 400) - Math.exp(-1000 / 400)) / z];
    const expected = 0.5 * Math.log(0.5 / q[0]) + 0.5 * Math.log(0.5 / q[1]);
    expect(klIsi(k, { histMaxMs: 1000, nBins: 2 })).toBeCloseTo(expected, 12);
  });
});

describe('variability', () => {
  it('fano_temporal: counts [2,0,1,1] have mean 1, unbiased variance 2/3', () => {
    const t = trainsFromArrays([[10, 20, 250, 350]], 400);
    expect(fanoTemporal(t, { binMs: 100 })).toBeCloseTo(2 / 3, 12);
  });
  it('fano_spatial: counts [2,0,1] across neurons have mean 1, unbiased variance 1', () => {
    const t = trainsFromArrays([[10, 20], [], [50]], 100);
    expect(fanoSpatial(t, { binMs: 100 })).toBeCloseTo(1, 12);
  });
});

describe('correlation and synchrony', () => {
  const opts = { binMs: 10, nPairs: 10, seed: 1 };
  it('corr_pairwise is 1 for identical and −1 for alternating trains', () => {
    expect(
      corrPairwise(
        trainsFromArrays(
          [
            [1, 21],
            [1, 21],
          ],
          40,
        ),
        opts,
      ),
    ).toBeCloseTo(1, 12);
    expect(
      corrPairwise(
        trainsFromArrays(
          [
            [1, 21],
            [11, 31],
          ],
          40,
        ),
        opts,
      ),
    ).toBeCloseTo(-1, 12);
  });
  it('sttc: coincident within dt gives 1, far apart gives −T', () => {
    const o = { dtMs: 5, nPairs: 10, seed: 1 };
    expect(sttc(trainsFromArrays([[100], [102]], 1000), o)).toBeCloseTo(1, 12);
    // P_A = P_B = 0, T_A = T_B = 10/1000: each term −0.01.
    expect(sttc(trainsFromArrays([[100], [500]], 1000), o)).toBeCloseTo(-0.01, 12);
  });
  it('sync_chi is 1 for identical trains and 1/√2 for one active of two neurons', () => {
    expect(
      syncChi(
        trainsFromArrays(
          [
            [5, 25],
            [5, 25],
          ],
          100,
        ),
        { binMs: 10 },
      ),
    ).toBeCloseTo(1, 12);
    // var(x/2) / ((var x + 0)/2) = 1/2.
    expect(syncChi(trainsFromArrays([[5, 25], []], 100), { binMs: 10 })).toBeCloseTo(Math.SQRT1_2, 12);
  });
  it('spike_contrast equals the line-by-line Elephant algorithm on random trains', () => {
    const rand = seeded(7);
    for (const [n, rate] of [
      [5, 5],
      [20, 20],
      [12, 80],
    ]) {
      const t = trainsFromArrays(
        Array.from({ length: n }, (_, k) => (k === 2 ? [] : poissonTrain(rand, rate, 3000))),
        3000,
      );
      expect(spikeContrast(t, { minBinMs: 10, shrink: 0.9 })).toBeCloseTo(spikeContrastReference(t, 10, 0.9), 10);
    }
  });
  it('spike_contrast is 1 for isolated synchronous events', () => {
    const events = [100, 400, 700, 1200, 1500];
    expect(spikeContrast(trainsFromArrays([events, events, events], 2000), { minBinMs: 10, shrink: 0.9 })).toBeCloseTo(
      1,
      12,
    );
  });
});

describe('temporal structure', () => {
  it('autocov of counts [1,0,1,0] over 3 lags is mean(−.75, .5, −.25)', () => {
    const t = trainsFromArrays([[1, 21]], 40);
    expect(autocov(t, { binMs: 10, maxLagMs: 30 })).toBeCloseTo(-0.5 / 3, 12);
  });
  it('pop_rate_std of counts [2,0,1,0] over 2 neurons in 1 ms bins', () => {
    const t = trainsFromArrays([[0.5], [0.7, 2.5]], 4);
    // rates [1000, 0, 500, 0] Hz: mean 375, variance 171875.
    expect(popRateStd(t, { binMs: 1 })).toBeCloseTo(Math.sqrt(171875), 9);
  });
  it('fft_amplitude on power-of-two and Bluestein lengths', () => {
    // [1000, 0, 1000, 0]: |X1| = 0, |X2| = 2000 → 2/4·2000.
    expect(fftAmplitude(trainsFromArrays([[0.5, 2.5]], 4), { binMs: 1 })).toBeCloseTo(1000, 9);
    // [1000, 0, 0]: |X1| = 1000 → 2/3·1000.
    expect(fftAmplitude(trainsFromArrays([[0.5]], 3), { binMs: 1 })).toBeCloseTo(2000 / 3, 9);
  });
  it('spectrum of a 50 Hz periodic population peaks at 50 Hz, concentrated, low entropy', () => {
    // 20 neurons, each spiking every 20 ms: the population count has period 20 ms.
    const trains = Array.from({ length: 20 }, (_, k) => Array.from({ length: 200 }, (_, i) => i * 20 + (k % 3)));
    const t = trainsFromArrays(trains, 4000);
    const df = 1000 / 512; // segment length 512 bins for 4000 bins and 8 segments.
    expect(Math.abs(spectrumPeakHz(t, welch) - 50)).toBeLessThanOrEqual(df);
    expect(spectrumPeakPower(t, welch)).toBeGreaterThan(0.1);
    expect(spectralEntropy(t, welch)).toBeLessThan(0.6);
  });
});
