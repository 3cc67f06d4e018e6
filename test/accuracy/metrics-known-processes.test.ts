// Built-in metrics on processes with known answers (Poisson, gamma, regular, synchronous, modulated), seeded.
// Tolerances come from the sample sizes: a mean over N neurons of a per-neuron estimate with spread s is allowed
// 4 s/√N (plus a stated O(1/n) bias bound for ratio estimators over n ISIs); CI runs fewer, shorter trains.
import { describe, expect, it } from 'vitest';
import { computeMetrics } from '../../src-main/engine/metrics/evaluate';
import { selectTrains, type PopulationTrains } from '../../src-main/engine/metrics/trains';
import { quantityValues } from '../../src-main/engine/metrics/user/statistic';
import {
  gammaTrain,
  modulatedPoissonTrain,
  poissonTrain,
  seeded,
  toRecord,
} from '../unit/main/engine/metrics/spike-gen';

const CI = Boolean(process.env.CI);
const N = CI ? 200 : 1000;
const DURATION_MS = CI ? 10_200 : 20_200;
const RATE_HZ = 10;
const WINDOW: [number, number] = [200, DURATION_MS];
const T_S = (WINDOW[1] - WINDOW[0]) / 1000;

/** Per-neuron values of an ISI quantity (for the spread s in 4 s/√N). */
function spread(trains: PopulationTrains, quantity: 'cv_isi' | 'lv'): number {
  const v = quantityValues(trains, {
    quantity,
    statistic: 'std',
    binMs: 100,
    id: 'x',
    unit: '',
    description: '',
    kind: 'statistic',
  });
  const m = v.reduce((s, x) => s + x, 0) / v.length;
  return Math.sqrt(v.reduce((s, x) => s + (x - m) ** 2, 0) / (v.length - 1));
}

describe(`homogeneous Poisson (N=${N}, ${T_S} s, ${RATE_HZ} Hz)`, () => {
  const rand = seeded(11);
  const rec = toRecord(
    Array.from({ length: N }, () => poissonTrain(rand, RATE_HZ, DURATION_MS)),
    DURATION_MS,
  );
  const v = computeMetrics(rec, { windowMs: WINDOW }).all;
  const trains = selectTrains(rec, 0, N, WINDOW[0], WINDOW[1]);
  const nIsi = RATE_HZ * T_S - 1;
  it('rate_mean within 4 SE of the true rate (SE = √(rate/(N·T)))', () => {
    expect(Math.abs(v.rate_mean - RATE_HZ)).toBeLessThan(4 * Math.sqrt(RATE_HZ / (N * T_S)));
  });
  it('cv_isi ≈ 1 (4 s/√N + bias bound 2/n)', () => {
    expect(Math.abs(v.cv_isi - 1)).toBeLessThan((4 * spread(trains, 'cv_isi')) / Math.sqrt(N) + 2 / nIsi);
  });
  it('lv and cv2 ≈ 1 (4 s/√N; LV is an unbiased mean of local terms)', () => {
    const tol = (4 * spread(trains, 'lv')) / Math.sqrt(N);
    expect(Math.abs(v.lv - 1)).toBeLessThan(tol);
    expect(Math.abs(v.cv2 - 1)).toBeLessThan(tol);
  });
  it('fano_temporal ≈ 1 (per-neuron Var(F) ≈ 2/(B−1))', () => {
    const bins = T_S * 10;
    expect(Math.abs(v.fano_temporal - 1)).toBeLessThan(4 * Math.sqrt(2 / (bins - 1) / N));
  });
  it('fano_spatial ≈ 1 (per-bin Var(F) ≈ 2/(N−1), B independent bins)', () => {
    expect(Math.abs(v.fano_spatial - 1)).toBeLessThan(4 * Math.sqrt(2 / (N - 1) / (T_S * 10)));
  });
  it('kl_isi ≈ 0 (plug-in bias ≤ (bins − 1)/(2 nISI); allowed twice that)', () => {
    const pooled = N * nIsi;
    expect(v.kl_isi).toBeGreaterThanOrEqual(0);
    expect(v.kl_isi).toBeLessThan(99 / pooled);
  });
  it('corr_pairwise ≈ 0 (per-pair SE 1/√B, 500 pairs)', () => {
    const bins = T_S * 100;
    expect(Math.abs(v.corr_pairwise)).toBeLessThan(4 / Math.sqrt(bins * 500));
  });
  it('sttc ≈ 0 (P_A is a proportion with p = T ≈ 2·dt·rate over rate·T spikes; 2 terms, 500 pairs)', () => {
    const p = 2 * 0.005 * RATE_HZ;
    expect(Math.abs(v.sttc)).toBeLessThan(4 * Math.sqrt((p * (1 - p)) / (RATE_HZ * T_S) / 2 / 500));
  });
  it('sync_chi ≈ 1/√N (relative error of a variance ratio ≈ √(2/B) each)', () => {
    const bins = T_S * 100;
    expect(Math.abs(v.sync_chi * Math.sqrt(N) - 1)).toBeLessThan(4 * Math.sqrt(2 / bins));
  });
  it('autocov ≈ 0 (per-lag SE 1/√B, mean over N neurons; bias −1/B)', () => {
    const bins = T_S * 100;
    expect(Math.abs(v.autocov)).toBeLessThan(4 / Math.sqrt(bins * N) + 2 / bins);
  });
  it('pop_rate_std ≈ √(rate/(N·bin)) (relative SE √(1/(2B)))', () => {
    const expected = Math.sqrt(RATE_HZ / (N * 0.001));
    expect(Math.abs(v.pop_rate_std / expected - 1)).toBeLessThan(4 * Math.sqrt(1 / (2 * T_S * 1000)));
  });
  it('flat spectrum: entropy ≈ 1 (Welch PSD relative variance ≈ 1/segments) and no dominant peak', () => {
    const segments = Math.floor((T_S * 1000 - 2048) / 1024) + 1;
    const k = CI ? 1024 : 1024;
    expect(1 - v.spectral_entropy).toBeLessThan(3 / (2 * segments * Math.log(k)) + 0.01);
    // Max of K ≈ 1000 gamma(≥8) variates of mean 1 stays below 4× the mean.
    expect(v.spectrum_peak_power).toBeLessThan(4 / k);
  });
});

describe('gamma renewal processes of known shape', () => {
  for (const k of [0.5, 2, 4, 9]) {
    it(`k = ${k}: CV = 1/√k, LV = 3/(2k+1)`, () => {
      const rand = seeded(100 + k);
      const n = CI ? 150 : 500;
      const rec = toRecord(
        Array.from({ length: n }, () => gammaTrain(rand, RATE_HZ, k, DURATION_MS)),
        DURATION_MS,
      );
      const v = computeMetrics(rec, { windowMs: WINDOW, metricIds: ['cv_isi', 'lv'] }).all;
      const trains = selectTrains(rec, 0, n, WINDOW[0], WINDOW[1]);
      const nIsi = RATE_HZ * T_S - 1;
      // CV's ratio-of-moments bias is O(1/n) with a constant growing with the ISI kurtosis (6/k for gamma).
      const bias = (2 + 6 / k) / nIsi;
      expect(Math.abs(v.cv_isi - 1 / Math.sqrt(k))).toBeLessThan((4 * spread(trains, 'cv_isi')) / Math.sqrt(n) + bias);
      expect(Math.abs(v.lv - 3 / (2 * k + 1))).toBeLessThan((4 * spread(trains, 'lv')) / Math.sqrt(n));
    });
  }
});

describe('regular trains', () => {
  it('CV = 0, LV = 0, CV2 = 0, LvR = 0 exactly (up to rounding)', () => {
    const rand = seeded(5);
    const rec = toRecord(
      Array.from({ length: 50 }, () => {
        const phase = rand() * 100;
        return Array.from({ length: 100 }, (_, i) => phase + i * 100);
      }),
      10_200,
    );
    const v = computeMetrics(rec, { metricIds: ['cv_isi', 'lv', 'cv2', 'lvr'] }).all;
    for (const id of ['cv_isi', 'lv', 'cv2']) expect(Math.abs(v[id])).toBeLessThan(1e-9);
    // LvR's refractory correction multiplies a zero term.
    expect(Math.abs(v.lvr)).toBeLessThan(1e-9);
  });
});

describe('fully synchronous population', () => {
  it('corr_pairwise = sttc = sync_chi = 1 and spike_contrast ≈ 1', () => {
    const rand = seeded(9);
    // Events: Poisson with a 30 ms dead time, so events are isolated at the 10 ms smallest bin.
    const events: number[] = [];
    for (let t = 0; ;) {
      t += 30 + (-Math.log(1 - rand()) * 1000) / RATE_HZ;
      if (t >= DURATION_MS) break;
      events.push(t);
    }
    const rec = toRecord(
      Array.from({ length: CI ? 50 : 200 }, () => events),
      DURATION_MS,
    );
    const v = computeMetrics(rec, { windowMs: WINDOW }).all;
    expect(v.corr_pairwise).toBeCloseTo(1, 9);
    expect(v.sttc).toBeCloseTo(1, 9);
    expect(v.sync_chi).toBeCloseTo(1, 9);
    expect(v.spike_contrast).toBeGreaterThan(0.99);
    expect(v.fano_spatial).toBeCloseTo(0, 9);
  });
});

describe('sinusoidally modulated Poisson', () => {
  for (const f of CI ? [12] : [6, 12, 40]) {
    it(`spectral peak at ${f} Hz (within one frequency bin of the Welch segment)`, () => {
      const rand = seeded(f);
      const n = CI ? 200 : 500;
      const rate = (t: number) => RATE_HZ * (1 + 0.5 * Math.sin((2 * Math.PI * f * t) / 1000));
      const rec = toRecord(
        Array.from({ length: n }, () => modulatedPoissonTrain(rand, rate, 1.5 * RATE_HZ, DURATION_MS)),
        DURATION_MS,
      );
      const v = computeMetrics(rec, { windowMs: WINDOW }).all;
      const bins = T_S * 1000;
      const segLen = 2 ** Math.floor(Math.log2((2 * bins) / 9));
      expect(Math.abs(v.spectrum_peak_hz - f)).toBeLessThanOrEqual(1000 / segLen);
      expect(v.spectral_entropy).toBeLessThan(0.99);
    });
  }
});
