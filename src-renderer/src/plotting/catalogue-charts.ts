// Catalogue charts over library columns: parallel coordinates on nice axis bounds, and a scatter that keeps NaN colours.
import type { EChartsOption } from 'echarts';
import { finiteRange } from './binning';
import { SEQUENTIAL } from './palette';

export interface LibraryColumn {
  /** Column id: short and unique, so it names axes. */
  id: string;
  unit?: string;
  /** Shape [nRows]. */
  values: ArrayLike<number>;
}

/** A tick step of 1, 2 or 5 × 10^k near span / 5. */
export function niceStep(span: number): number {
  if (!(span > 0) || !Number.isFinite(span)) return 1;
  const raw = span / 5;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const f = raw / mag;
  return (f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10) * mag;
}

/** Bounds rounded outward to the tick step, so the end labels are round numbers and never collide with ticks. */
export function niceRange(values: ArrayLike<number>): [number, number] {
  const [lo, hi] = finiteRange(values);
  const step = niceStep(hi - lo);
  // Strip float noise such as 0.30000000000000004 from the rounded bounds.
  const clean = (v: number) => Number(v.toPrecision(12));
  return [clean(Math.floor(lo / step) * step), clean(Math.ceil(hi / step) * step)];
}

/** Three significant digits, exponent only for very large or small magnitudes. */
export function compactNumber(v: number): string {
  const a = Math.abs(v);
  if (a !== 0 && (a < 1e-3 || a >= 1e6)) return v.toExponential(1);
  return String(Number(v.toPrecision(3)));
}

function axisName(c: LibraryColumn): string {
  return c.unit && c.unit !== '1' ? `${c.id}\n(${c.unit})` : c.id;
}

/** Every row a line; `maxLines` thins evenly (the table holds every run). Line opacity falls as lines multiply. */
export function catalogueParallelOption(columns: LibraryColumn[], maxLines = 3000): EChartsOption {
  const n = columns[0]?.values.length ?? 0;
  const step = Math.max(1, Math.ceil(n / maxLines));
  const data: number[][] = [];
  for (let i = 0; i < n; i += step) data.push(columns.map((c) => c.values[i]));
  const opacity = Math.min(0.8, Math.max(0.08, 8 / Math.sqrt(Math.max(1, data.length))));
  return {
    animation: false,
    parallel: { left: 40, right: 70, top: 58, bottom: 22 },
    parallelAxis: columns.map((c, dim) => {
      const [min, max] = niceRange(c.values);
      return {
        dim,
        name: axisName(c),
        min,
        max,
        nameGap: 10,
        nameTextStyle: { fontSize: 11, lineHeight: 13 },
        axisLabel: { fontSize: 10, formatter: (v: number) => compactNumber(v) },
      };
    }),
    series: [
      {
        type: 'parallel',
        lineStyle: { width: 0.8, opacity, color: '#3b6ea8' },
        inactiveOpacity: 0.03,
        activeOpacity: Math.min(0.9, opacity * 1.5),
        progressive: 500,
        smooth: false,
        data,
      },
    ],
  };
}

/**
 * Scatter of x and y coloured by `color`; runs whose colour is NaN stay visible in grey (a metric undefined for a
 * run is information, not a reason to hide it). `ids` (run indices) ride along as value[3] for click-through.
 */
export function catalogueScatterOption(
  x: LibraryColumn,
  y: LibraryColumn,
  color: LibraryColumn | null,
  ids: ArrayLike<number>,
): EChartsOption {
  const coloured: number[][] = [];
  const grey: number[][] = [];
  for (let i = 0; i < x.values.length; i++) {
    const a = x.values[i];
    const b = y.values[i];
    if (!Number.isFinite(a) || !Number.isFinite(b)) continue;
    const c = color ? color.values[i] : 0;
    (Number.isFinite(c) ? coloured : grey).push([a, b, c, ids[i]]);
  }
  const label = (c: LibraryColumn) => (c.unit && c.unit !== '1' ? `${c.id} (${c.unit})` : c.id);
  const cRange = color ? finiteRange(color.values) : [0, 1];
  const point = { symbolSize: 6, large: coloured.length > 5000 };
  return {
    animation: false,
    // top leaves room for the chart's PNG/SVG buttons.
    grid: { left: 62, right: color ? 96 : 18, top: 34, bottom: 46 },
    tooltip: {
      trigger: 'item',
      formatter: (p: unknown) => {
        const v = (p as { value: number[] }).value;
        const c = color ? `<br/>${color.id}: ${Number.isFinite(v[2]) ? compactNumber(v[2]) : 'NaN'}` : '';
        return `run ${v[3]}<br/>${x.id}: ${compactNumber(v[0])}<br/>${y.id}: ${compactNumber(v[1])}${c}`;
      },
    },
    xAxis: {
      type: 'value',
      name: label(x),
      nameLocation: 'middle',
      nameGap: 26,
      scale: true,
      axisLabel: { formatter: (v: number) => compactNumber(v), hideOverlap: true },
    },
    yAxis: {
      type: 'value',
      name: label(y),
      nameLocation: 'middle',
      nameGap: 44,
      scale: true,
      axisLabel: { formatter: (v: number) => compactNumber(v) },
    },
    visualMap: color
      ? {
          type: 'continuous',
          seriesIndex: 0,
          dimension: 2,
          min: cRange[0],
          max: cRange[1],
          right: 4,
          top: 'middle',
          itemHeight: 140,
          itemWidth: 12,
          text: [compactNumber(cRange[1]), compactNumber(cRange[0])],
          textStyle: { fontSize: 10 },
          inRange: { color: SEQUENTIAL },
          calculable: true,
        }
      : undefined,
    title: color
      ? { text: label(color), right: 2, top: 8, textStyle: { fontSize: 11, fontWeight: 'normal' } }
      : undefined,
    dataZoom: [
      { type: 'inside', xAxisIndex: 0, filterMode: 'none' },
      { type: 'inside', yAxisIndex: 0, filterMode: 'none' },
    ],
    series: [
      { type: 'scatter', name: 'runs', data: coloured, ...point, itemStyle: { opacity: 0.85 } },
      { type: 'scatter', name: 'colour NaN', data: grey, ...point, itemStyle: { color: '#9aa3ad', opacity: 0.7 } },
    ],
  };
}
