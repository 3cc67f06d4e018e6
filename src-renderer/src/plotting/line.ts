// Line charts over a uniform or explicit x axis: population rates, loss curves, coverage curves.
import type { EChartsOption } from 'echarts';

export interface LineSeries {
  name: string;
  /** y values. Shape [nPoints]. */
  y: ArrayLike<number>;
  /** x values (same length as y); omitted: x = x0 + i·dx. */
  x?: ArrayLike<number>;
  color?: string;
  dashed?: boolean;
}

export interface LineChartOptions {
  xName: string;
  yName: string;
  x0?: number;
  dx?: number;
  title?: string;
  /** Extra series drawn as a dashed diagonal y = x (calibration plots). */
  diagonal?: boolean;
  yMin?: number;
  yMax?: number;
  zoom?: boolean;
  /** Ticks on whole numbers only (epochs, counts). */
  integerX?: boolean;
}

export function lineOption(series: LineSeries[], o: LineChartOptions): EChartsOption {
  const x0 = o.x0 ?? 0;
  const dx = o.dx ?? 1;
  const data = series.map((s) =>
    Array.from({ length: s.y.length }, (_, i) => [s.x ? s.x[i] : x0 + i * dx, s.y[i]] as [number, number]),
  );
  const out: EChartsOption = {
    title: o.title ? { text: o.title, left: 'center', textStyle: { fontSize: 13 } } : undefined,
    animation: false,
    legend: series.length > 1 ? { top: 0, right: 10 } : undefined,
    grid: { left: 60, right: 20, top: 30, bottom: o.zoom ? 60 : 40 },
    tooltip: { trigger: 'axis' },
    xAxis: {
      type: 'value',
      name: o.xName,
      nameLocation: 'middle',
      nameGap: 26,
      scale: true,
      ...(o.integerX ? { minInterval: 1 } : {}),
    },
    yAxis: { type: 'value', name: o.yName, nameLocation: 'middle', nameGap: 44, min: o.yMin, max: o.yMax },
    dataZoom: o.zoom
      ? [
          { type: 'inside', xAxisIndex: 0, filterMode: 'none' },
          { type: 'slider', xAxisIndex: 0, height: 16, bottom: 8 },
        ]
      : undefined,
    series: [
      ...series.map((s, k) => ({
        type: 'line' as const,
        name: s.name,
        showSymbol: false,
        sampling: 'lttb' as const,
        lineStyle: { width: 1.4, type: s.dashed ? ('dashed' as const) : ('solid' as const) },
        itemStyle: s.color ? { color: s.color } : undefined,
        data: data[k],
      })),
      ...(o.diagonal
        ? [
            {
              type: 'line' as const,
              name: 'ideal',
              showSymbol: false,
              lineStyle: { type: 'dashed' as const, width: 1, color: '#888' },
              data: [
                [0, 0],
                [1, 1],
              ],
            },
          ]
        : []),
    ],
  };
  return out;
}
