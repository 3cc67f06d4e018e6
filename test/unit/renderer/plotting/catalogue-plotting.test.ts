// Catalogue plot builders: overlay histograms on fixed bins, population rates and metric columns per population.
import { describe, expect, it } from 'vitest';
import { overlayHistogram, overlayHistogramOption } from '../../../../src-renderer/src/plotting/overlay-histogram';
import {
  catalogueParallelOption,
  catalogueScatterOption,
  compactNumber,
  niceRange,
  niceStep,
} from '../../../../src-renderer/src/plotting/catalogue-charts';
import { metricsByPopulation, populationRates } from '../../../../src-renderer/src/plotting/run-detail';

describe('overlay histogram', () => {
  it('bins the selection on the bins of all runs and counts every finite value once', () => {
    const all = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, NaN];
    const h = overlayHistogram(all, [2, 3, 10], 5);
    expect(Array.from(h.edges)).toEqual([0, 2, 4, 6, 8, 10]);
    expect(Array.from(h.all)).toEqual([2, 2, 2, 2, 3]);
    expect(Array.from(h.selected!)).toEqual([0, 2, 0, 0, 1]);
  });
  it('draws the selection over the grey bars, and only all runs without a filter', () => {
    const withSel = overlayHistogramOption([1, 2, 3], [2], { name: 'rate', unit: 'Hz' });
    const series = withSel.series as { name: string; barGap?: string }[];
    expect(series.map((s) => s.name)).toEqual(['all runs', 'filtered']);
    expect(series[1].barGap).toBe('-100%');
    expect((withSel.xAxis as { name: string }).name).toBe('rate (Hz)');
    expect((overlayHistogramOption([1, 2, 3], null, { name: 'cv', unit: '1' }).series as unknown[]).length).toBe(1);
  });
});

describe('run detail', () => {
  const populations = [
    { name: 'E', start: 0, count: 4 },
    { name: 'I', start: 4, count: 1 },
  ];
  it('population rate is spikes / (neurons × bin)', () => {
    // E: 4 spikes in bin 0 (10 ms) over 4 neurons -> 1 spike per neuron per 10 ms = 100 Hz; I: 1 spike in bin 1.
    const r = populationRates({ neuron: [0, 1, 2, 3, 4], timeMs: [1, 2, 3, 9.9, 15], durationMs: 20, populations }, 10);
    expect(Array.from(r[0].rateHz)).toEqual([100, 0]);
    expect(Array.from(r[1].rateHz)).toEqual([0, 100]);
  });
  it('splits flat metric columns by population suffix only for known metrics', () => {
    const known = new Set(['rate_mean', 'cv_isi']);
    const m = metricsByPopulation(
      { rate_mean: 5, rate_mean_E: 4, rate_mean_I: 9, cv_isi: null, my_metric_E: 2 },
      known,
      ['E', 'I'],
    );
    expect(m.values.E).toEqual({ rate_mean: 4 });
    expect(m.values.I).toEqual({ rate_mean: 9 });
    expect(m.values.all).toEqual({ rate_mean: 5, cv_isi: null, my_metric_E: 2 });
    expect(m.populations).toEqual(['E', 'I', 'all']);
  });
});

describe('catalogue charts', () => {
  it('rounds axis bounds outward to a 1-2-5 step', () => {
    expect(niceStep(10)).toBe(2);
    expect(niceStep(0.37)).toBeCloseTo(0.1, 12);
    expect(niceRange([0.541681301954668, 2.9414779889048077])).toEqual([0.5, 3]);
    expect(niceRange([-14.69, -3.58])).toEqual([-15, 0]);
    expect(compactNumber(2.9414779889048077)).toBe('2.94');
    expect(compactNumber(2_096_000_000)).toBe('2.1e+9');
  });
  it('parallel axes hold every column and thin the lines past maxLines', () => {
    const a = { id: 'wE', unit: 'nS', values: Float64Array.from({ length: 10 }, (_, i) => i) };
    const b = { id: 'rate', values: Float64Array.from({ length: 10 }, (_, i) => 2 * i) };
    const o = catalogueParallelOption([a, b], 5);
    expect((o.parallelAxis as { name: string }[]).map((x) => x.name)).toEqual(['wE\n(nS)', 'rate']);
    expect((o.series as { data: number[][] }[])[0].data).toEqual([
      [0, 0],
      [2, 4],
      [4, 8],
      [6, 12],
      [8, 16],
    ]);
  });
  it('scatter keeps runs with a NaN colour in a grey series and carries run indices', () => {
    const o = catalogueScatterOption(
      { id: 'x', values: [1, 2, NaN, 4] },
      { id: 'y', values: [1, 2, 3, 4] },
      { id: 'c', values: [0.5, NaN, 1, 2] },
      [10, 11, 12, 13],
    );
    const series = o.series as { data: number[][] }[];
    expect(series[0].data.map((v) => v[3])).toEqual([10, 13]);
    expect(series[1].data.map((v) => v[3])).toEqual([11]);
    expect((o.visualMap as { seriesIndex: number }).seriesIndex).toBe(0);
  });
});
