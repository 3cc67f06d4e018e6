// The evaluator: populations, windows, parameters and their validation, agreement with direct metric calls.
import { describe, expect, it } from 'vitest';
import { computeMetrics, computeMetricsDetailed } from '../../../../../src-main/engine/metrics/evaluate';
import { corrPairwise } from '../../../../../src-main/engine/metrics/builtin/corr-pairwise';
import { selectTrains, trainsFromArrays } from '../../../../../src-main/engine/metrics/trains';
import { denseCounts, pearson } from './reference-impl';
import { poissonRecord, toRecord } from './spike-gen';

describe('computeMetrics', () => {
  const rec = poissonRecord(3, 50, 20, 3000);
  it('reports E, I and all with every built-in metric', () => {
    const v = computeMetrics(rec);
    expect(Object.keys(v)).toEqual(['E', 'I', 'all']);
    expect(Object.keys(v.all)).toHaveLength(21);
  });
  it('skips the 200 ms warm-up by default and honours a given window', () => {
    const r = toRecord([[50, 150, 250, 350]], 1000);
    expect(computeMetricsDetailed(r).windowMs).toEqual([200, 1000]);
    // 2 spikes in 0.8 s.
    expect(computeMetrics(r, { metricIds: ['rate_mean'] }).all.rate_mean).toBeCloseTo(2.5, 12);
    expect(computeMetrics(r, { windowMs: [0, 1000], metricIds: ['rate_mean'] }).all.rate_mean).toBeCloseTo(4, 12);
  });
  it('is deterministic (seeded pair sampling)', () => {
    expect(computeMetrics(rec)).toEqual(computeMetrics(rec));
  });
  it('applies parameter overrides and checks them', () => {
    const a = computeMetrics(rec, { metricIds: ['corr_pairwise'], params: { corr_pairwise: { binMs: 50 } } });
    const b = computeMetrics(rec, { metricIds: ['corr_pairwise'] });
    expect(a.all.corr_pairwise).not.toBe(b.all.corr_pairwise);
    expect(() => computeMetrics(rec, { params: { corr_pairwise: { binMs: -1 } } })).toThrow(
      /params.corr_pairwise.binMs/,
    );
    expect(() => computeMetrics(rec, { params: { corr_pairwise: { bins: 1 } } })).toThrow(/unknown parameter/);
    expect(() => computeMetrics(rec, { params: { nope: {} } })).toThrow(/unknown metric/);
    expect(() => computeMetrics(rec, { metricIds: ['nope'] })).toThrow(/metricIds\[0\]/);
    expect(() => computeMetrics(rec, { windowMs: [500, 100] })).toThrow(/windowMs/);
  });
  it('corr_pairwise over all pairs equals the dense Pearson mean', () => {
    const t = selectTrains(poissonRecord(5, 6, 30, 2000), 0, 6, 0, 2000);
    let sum = 0;
    let n = 0;
    for (let a = 0; a < 6; a++)
      for (let b = a + 1; b < 6; b++) {
        sum += pearson(denseCounts(t, a, 10), denseCounts(t, b, 10));
        n++;
      }
    expect(corrPairwise(t, { binMs: 10, nPairs: 100, seed: 1 })).toBeCloseTo(sum / n, 10);
  });
  it('selectTrains keeps per-neuron order and window-relative times', () => {
    const t = selectTrains(toRecord([[5, 250], [300]], 1000), 0, 2, 200, 1000);
    expect(Array.from(t.offsets)).toEqual([0, 1, 2]);
    expect(Array.from(t.timesMs)).toEqual([50, 100]);
    expect(Array.from(trainsFromArrays([[3, 1]], 10).sortedTimes())).toEqual([1, 3]);
  });
});
