// Scatter of two columns coloured by a third, with a continuous colour scale.
import type { EChartsOption } from 'echarts';
import { finiteRange } from './binning';
import { SEQUENTIAL } from './palette';

export interface ScatterColumn {
  name: string;
  unit?: string;
  values: ArrayLike<number>;
}

function label(c: ScatterColumn): string {
  return c.unit ? `${c.name} (${c.unit})` : c.name;
}

/** Points with a non-finite coordinate are left out; `ids` (run indices) travel with each point for click-through. */
export function scatterOption(
  x: ScatterColumn,
  y: ScatterColumn,
  color?: ScatterColumn,
  ids?: ArrayLike<number>,
): EChartsOption {
  const data: number[][] = [];
  for (let i = 0; i < x.values.length; i++) {
    const a = x.values[i];
    const b = y.values[i];
    if (!Number.isFinite(a) || !Number.isFinite(b)) continue;
    data.push([a, b, color ? color.values[i] : 0, ids ? ids[i] : i]);
  }
  const cRange = color ? finiteRange(color.values) : [0, 1];
  return {
    animation: false,
    grid: { left: 70, right: color ? 90 : 20, top: 20, bottom: 50 },
    tooltip: {
      trigger: 'item',
      formatter: (p: unknown) => {
        const v = (p as { value: number[] }).value;
        return `run ${v[3]}<br/>${x.name}: ${v[0].toPrecision(4)}<br/>${y.name}: ${v[1].toPrecision(4)}${
          color ? `<br/>${color.name}: ${Number(v[2]).toPrecision(4)}` : ''
        }`;
      },
    },
    xAxis: { type: 'value', name: label(x), nameLocation: 'middle', nameGap: 28, scale: true },
    yAxis: { type: 'value', name: label(y), nameLocation: 'middle', nameGap: 50, scale: true },
    visualMap: color
      ? {
          type: 'continuous',
          dimension: 2,
          min: cRange[0],
          max: cRange[1],
          right: 0,
          top: 'middle',
          itemHeight: 160,
          text: [label(color), ''],
          inRange: { color: SEQUENTIAL },
          calculable: true,
        }
      : undefined,
    dataZoom: [
      { type: 'inside', xAxisIndex: 0, filterMode: 'none' },
      { type: 'inside', yAxisIndex: 0, filterMode: 'none' },
    ],
    series: [{ type: 'scatter', symbolSize: 4, large: data.length > 5000, data, itemStyle: { opacity: 0.8 } }],
  };
}
