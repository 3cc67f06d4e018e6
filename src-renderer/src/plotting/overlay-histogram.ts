// Histogram of one library column: every run in grey, the runs passing the filters on top, on the same bins.
import type { EChartsOption } from 'echarts';
import { histogram1d } from './binning';
import { compactNumber, niceRange } from './catalogue-charts';

export interface OverlayHistogram {
  /** Bin edges over the whole library's (rounded) range, so bins stay put while filters change. Shape [nBins + 1]. */
  edges: Float64Array;
  /** Counts of all runs per bin. Shape [nBins]. */
  all: Float64Array;
  /** Counts of the selected runs per bin (null: no filter). Shape [nBins]. */
  selected: Float64Array | null;
}

export function overlayHistogram(
  all: ArrayLike<number>,
  selected: ArrayLike<number> | null,
  nBins = 24,
): OverlayHistogram {
  // Round edges: axis end labels stay short and never collide with the tick labels next to them.
  const range = niceRange(all);
  const a = histogram1d(all, nBins, range);
  return { edges: a.edges, all: a.counts, selected: selected ? histogram1d(selected, nBins, range).counts : null };
}

export interface OverlayHistogramOptions {
  name: string;
  unit?: string;
  bins?: number;
  color?: string;
}

export function overlayHistogramOption(
  all: ArrayLike<number>,
  selected: ArrayLike<number> | null,
  o: OverlayHistogramOptions,
): EChartsOption {
  const h = overlayHistogram(all, selected, o.bins);
  const bar = (counts: Float64Array) =>
    Array.from(counts, (c, i) => [(h.edges[i] + h.edges[i + 1]) / 2, c, h.edges[i], h.edges[i + 1]]);
  const unit = o.unit && o.unit !== '1' ? o.unit : '';
  return {
    animation: false,
    // top leaves room for the chart's PNG/SVG buttons.
    grid: { left: 44, right: 12, top: 28, bottom: 40 },
    tooltip: {
      trigger: 'item',
      formatter: (p: unknown) => {
        const { value, seriesName } = p as { value: number[]; seriesName: string };
        return `${seriesName}: ${value[1]} runs in ${compactNumber(value[2])} – ${compactNumber(value[3])}`;
      },
    },
    xAxis: {
      type: 'value',
      name: unit ? `${o.name} (${unit})` : o.name,
      nameLocation: 'middle',
      nameGap: 24,
      nameTextStyle: { fontSize: 11 },
      min: h.edges[0],
      max: h.edges[h.edges.length - 1],
      axisLabel: { fontSize: 10, hideOverlap: true, formatter: (v: number) => compactNumber(v) },
    },
    yAxis: { type: 'value', minInterval: 1, axisLabel: { fontSize: 10 } },
    series: [
      {
        name: 'all runs',
        type: 'bar',
        data: bar(h.all),
        barWidth: '96%',
        itemStyle: { color: '#9aa3ad', opacity: h.selected ? 0.45 : 0.9 },
        encode: { x: 0, y: 1 },
      },
      ...(h.selected
        ? [
            {
              name: 'filtered',
              type: 'bar' as const,
              data: bar(h.selected),
              barWidth: '96%',
              // Drawn over the grey bars of the same bins, not beside them.
              barGap: '-100%',
              itemStyle: { color: o.color ?? '#3b6ea8' },
              encode: { x: 0, y: 1 },
            },
          ]
        : []),
    ],
  } as EChartsOption;
}
