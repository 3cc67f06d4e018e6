// Parallel coordinates of parameters and metrics; brushing an axis selects a range (Allen Cell Types style).
import type { EChartsOption } from 'echarts';
import { finiteRange } from './binning';

export interface ParallelColumn {
  key: string;
  label: string;
  unit?: string;
  /** Shape [nRows]. */
  values: ArrayLike<number>;
}

/** Rows beyond `maxLines` are thinned evenly: the chart shows the shape of the library, the table holds every run. */
export function parallelOption(
  columns: ParallelColumn[],
  opts: { maxLines?: number; color?: string } = {},
): EChartsOption {
  const n = columns[0]?.values.length ?? 0;
  const maxLines = opts.maxLines ?? 3000;
  const step = Math.max(1, Math.ceil(n / maxLines));
  const data: number[][] = [];
  for (let i = 0; i < n; i += step) data.push(columns.map((c) => c.values[i]));
  return {
    animation: false,
    parallel: { left: 60, right: 80, top: 50, bottom: 30, parallelAxisDefault: { nameTextStyle: { fontSize: 11 } } },
    parallelAxis: columns.map((c, dim) => {
      const [min, max] = finiteRange(c.values);
      return { dim, name: c.unit ? `${c.label}\n(${c.unit})` : c.label, min, max, nameGap: 12 };
    }),
    series: [
      {
        type: 'parallel',
        lineStyle: { width: 0.5, opacity: 0.25, color: opts.color ?? '#3b6ea8' },
        inactiveOpacity: 0.02,
        activeOpacity: 0.5,
        progressive: 500,
        smooth: false,
        data,
      },
    ],
  };
}

/** Turns echarts' `axisareaselected` intervals into [lo, hi] ranges by column key (union of intervals per axis). */
export function brushedRanges(
  columns: ParallelColumn[],
  axes: { dim: number; intervals: [number, number][] }[],
): Record<string, [number, number]> {
  const out: Record<string, [number, number]> = {};
  for (const a of axes) {
    if (!a.intervals.length) continue;
    const lo = Math.min(...a.intervals.map((i) => Math.min(i[0], i[1])));
    const hi = Math.max(...a.intervals.map((i) => Math.max(i[0], i[1])));
    out[columns[a.dim].key] = [lo, hi];
  }
  return out;
}
