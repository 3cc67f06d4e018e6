// Plot builders are pure: data in, echarts option out. Checked on small inputs with known answers.
import { describe, expect, it } from 'vitest';
import { histogram1d, histogram2d, finiteRange } from '../../../../src-renderer/src/plotting/binning';
import { packRaster, rasterOption } from '../../../../src-renderer/src/plotting/raster';
import { brushedRanges } from '../../../../src-renderer/src/plotting/parallel';
import { binPosition, pairplotOption } from '../../../../src-renderer/src/plotting/pairplot';
import { lineOption } from '../../../../src-renderer/src/plotting/line';

const populations = [
  { name: 'E', start: 0, count: 3 },
  { name: 'I', start: 3, count: 1 },
];

describe('raster', () => {
  it('packs spikes per population as [t, n] pairs', () => {
    const packed = packRaster({
      neuron: [0, 3, 2, 3],
      timeMs: [1, 2, 3, 4],
      nNeurons: 4,
      durationMs: 10,
      populations,
    });
    expect(packed.map((p) => p.count)).toEqual([2, 2]);
    expect(Array.from(packed[0].data)).toEqual([1, 0, 3, 2]);
    expect(Array.from(packed[1].data)).toEqual([2, 3, 4, 3]);
  });
  it('uses large mode and zoom on both axes', () => {
    const option = rasterOption({ neuron: [0], timeMs: [1], nNeurons: 4, durationMs: 10, populations });
    const series = option.series as { large: boolean }[];
    expect(series.every((s) => s.large)).toBe(true);
    expect((option.dataZoom as unknown[]).length).toBe(3);
  });
});

describe('binning', () => {
  it('counts values into bins, the right edge into the last bin, skipping non-finite values', () => {
    const h = histogram1d([0, 0.5, 1, 1.5, 2, NaN, Infinity], 2, [0, 2]);
    expect(Array.from(h.counts)).toEqual([2, 3]);
    expect(h.skipped).toBe(2);
    expect(Array.from(h.edges)).toEqual([0, 1, 2]);
  });
  it('widens a constant range', () => {
    expect(finiteRange([3, 3, NaN])).toEqual([2.5, 3.5]);
  });
  it('bins pairs row-major', () => {
    const h = histogram2d([0.1, 0.9, 0.9], [0.1, 0.1, 0.9], 2, [0, 1], [0, 1]);
    expect(Array.from(h.counts)).toEqual([1, 1, 0, 1]);
    expect(h.max).toBe(1);
  });
});

describe('parallel coordinates brushing', () => {
  it('turns axis intervals into ranges by column key', () => {
    const columns = [
      { key: 'a', label: 'a', values: [1] },
      { key: 'b', label: 'b', values: [1] },
    ];
    expect(
      brushedRanges(columns, [
        { dim: 0, intervals: [] },
        {
          dim: 1,
          intervals: [
            [3, 1],
            [5, 6],
          ],
        },
      ]),
    ).toEqual({ b: [1, 6] });
  });
});

describe('pairplot', () => {
  it('has d(d+1)/2 panels spanning prior bounds and marks the truth', () => {
    const p = (label: string) => ({ label, low: 0, high: 1, samples: [0.1, 0.2, 0.8], truth: 0.5 });
    const option = pairplotOption([p('a'), p('b'), p('c')], { bins: 10 });
    expect((option.grid as unknown[]).length).toBe(6);
    const series = option.series as { type: string }[];
    expect(series.filter((s) => s.type === 'bar').length).toBe(3);
    expect(series.filter((s) => s.type === 'heatmap').length).toBe(3);
    expect(series.filter((s) => s.type === 'scatter').length).toBe(3);
    expect(binPosition(0.5, 0, 1, 10)).toBe(4.5);
    const marker = (option.series as { type: string; data: unknown[][] }[]).find((s) => s.type === 'scatter')!;
    expect(marker.data[0]).toEqual(['5', '5']); // 0.5 lies in bin [0.5, 0.6), as the histograms count it
  });
});

describe('line', () => {
  it('builds x from x0 and dx', () => {
    const option = lineOption([{ name: 'r', y: [1, 2] }], { xName: 't', yName: 'r', x0: 5, dx: 2 });
    expect((option.series as { data: number[][] }[])[0].data).toEqual([
      [5, 1],
      [7, 2],
    ]);
  });
});
