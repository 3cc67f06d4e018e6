// Histogram of one column (bars), optionally with marker lines (a target value, a true parameter).
import type { EChartsOption } from 'echarts';
import { histogram1d } from './binning';

export interface HistogramOptions {
  name: string;
  unit?: string;
  bins?: number;
  range?: [number, number];
  color?: string;
  markers?: { label: string; value: number; color?: string }[];
  title?: string;
}

export function histogramOption(values: ArrayLike<number>, o: HistogramOptions): EChartsOption {
  const h = histogram1d(values, o.bins ?? 30, o.range);
  const data = Array.from(h.counts, (c, i) => [(h.edges[i] + h.edges[i + 1]) / 2, c, h.edges[i], h.edges[i + 1]]);
  const width = h.edges[1] - h.edges[0];
  return {
    title: o.title ? { text: o.title, left: 'center', textStyle: { fontSize: 13 } } : undefined,
    animation: false,
    grid: { left: 50, right: 16, top: o.title ? 30 : 14, bottom: 40 },
    tooltip: {
      trigger: 'item',
      formatter: (p: unknown) => {
        const v = (p as { value: number[] }).value;
        return `${v[2].toPrecision(3)} – ${v[3].toPrecision(3)}: ${v[1]}`;
      },
    },
    xAxis: {
      type: 'value',
      name: o.unit ? `${o.name} (${o.unit})` : o.name,
      nameLocation: 'middle',
      nameGap: 26,
      min: h.edges[0],
      max: h.edges[h.edges.length - 1],
    },
    yAxis: { type: 'value', name: 'count' },
    series: [
      {
        type: 'bar',
        barWidth: '96%',
        data,
        itemStyle: { color: o.color ?? '#3b6ea8' },
        encode: { x: 0, y: 1 },
        barCategoryGap: 0,
        markLine: o.markers?.length
          ? {
              symbol: 'none',
              label: { formatter: '{b}' },
              data: o.markers.map((m) => ({
                name: m.label,
                xAxis: m.value,
                lineStyle: { color: m.color ?? '#c4453c' },
              })),
            }
          : undefined,
      },
    ],
    // Bars are positioned by value: keep them as wide as a bin.
    barMaxWidth: width > 0 ? undefined : 4,
  } as EChartsOption;
}
