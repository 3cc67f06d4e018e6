// Posterior pairplot: 1-D marginals on the diagonal, 2-D densities below it, axes spanning the prior bounds.
import type { EChartsOption } from 'echarts';
import { histogram1d, histogram2d } from './binning';
import { SEQUENTIAL } from './palette';

export interface PairplotParam {
  label: string;
  unit?: string;
  /** Prior bounds: the axes span exactly these. */
  low: number;
  high: number;
  /** Samples. Shape [nSamples]. */
  samples: ArrayLike<number>;
  /** The true value when the target is a catalogue run. */
  truth?: number;
  /** 'log' bins and draws the axis in log space (log-uniform priors), labelled in the parameter's own units. */
  scale?: 'linear' | 'log';
}

/** Axis coordinate of a value: the value itself, or its natural log on a log axis. */
function toAxis(p: PairplotParam, v: number): number {
  return p.scale === 'log' ? Math.log(v) : v;
}

/** The value (in the parameter's units) at the centre of bin `k` of `bins` on this parameter's axis. */
export function binCentre(p: PairplotParam, k: number, bins: number): number {
  const lo = toAxis(p, p.low);
  const u = lo + ((k + 0.5) * (toAxis(p, p.high) - lo)) / bins;
  return p.scale === 'log' ? Math.exp(u) : u;
}

/** Samples in axis coordinates. */
function axisSamples(p: PairplotParam): ArrayLike<number> {
  return p.scale === 'log' ? Array.from(p.samples, (v) => Math.log(v)) : p.samples;
}

export interface PairplotOptions {
  bins?: number;
  /** Pixel size of the whole figure's square plotting area. */
  sizePx?: number;
}

/** Bin index (fractional, for markers) of `v` on a [low, high] axis of `bins` bins. */
export function binPosition(v: number, low: number, high: number, bins: number): number {
  return ((v - low) / (high - low)) * bins - 0.5;
}

export function pairplotOption(params: PairplotParam[], o: PairplotOptions = {}): EChartsOption {
  const d = params.length;
  const bins = o.bins ?? 30;
  const gap = 2; // % between panels
  const left = 8;
  const top = 4;
  const span = 100 - left - 4;
  const cell = (span - gap * (d - 1)) / d;
  const grids: object[] = [];
  const xAxes: object[] = [];
  const yAxes: object[] = [];
  const series: object[] = [];
  const categories = Array.from({ length: bins }, (_, i) => String(i));
  const tickFormatter = (p: PairplotParam) => (value: string) => binCentre(p, Number(value), bins).toPrecision(2);
  const range = (p: PairplotParam): [number, number] => [toAxis(p, p.low), toAxis(p, p.high)];
  const truthBin = (p: PairplotParam) => binPosition(toAxis(p, p.truth!), ...range(p), bins);
  // A scatter on a category axis needs a category, not a fractional position: the truth's own bin.
  const truthCategory = (p: PairplotParam) => String(Math.min(bins - 1, Math.max(0, Math.round(truthBin(p)))));
  const axisName = (p: PairplotParam) =>
    `${p.label}${p.unit ? ` (${p.unit})` : ''}${p.scale === 'log' ? ' · log' : ''}`;
  let max2d = 1;

  for (let row = 0; row < d; row++) {
    for (let col = 0; col <= row; col++) {
      const g = grids.length;
      grids.push({
        left: `${left + col * (cell + gap)}%`,
        top: `${top + row * (cell + gap)}%`,
        width: `${cell}%`,
        height: `${cell}%`,
      });
      const px = params[col];
      const py = params[row];
      const showX = row === d - 1;
      const showY = col === 0 && row > 0;
      xAxes.push({
        type: 'category',
        gridIndex: g,
        data: categories,
        name: showX ? axisName(px) : '',
        nameLocation: 'middle',
        nameGap: 24,
        nameTextStyle: { fontSize: 11 },
        axisLabel: { show: showX, interval: Math.ceil(bins / 3) - 1, formatter: tickFormatter(px), fontSize: 10 },
        axisTick: { show: false },
        splitLine: { show: false },
      });
      if (row === col) {
        const h = histogram1d(axisSamples(px), bins, range(px));
        yAxes.push({ type: 'value', gridIndex: g, show: false });
        series.push({
          type: 'bar',
          xAxisIndex: g,
          yAxisIndex: g,
          barCategoryGap: 0,
          data: Array.from(h.counts),
          itemStyle: { color: '#3b6ea8' },
          silent: true,
          markLine:
            px.truth !== undefined
              ? {
                  symbol: 'none',
                  silent: true,
                  lineStyle: { color: '#c4453c', width: 1.5 },
                  label: { show: false },
                  data: [{ xAxis: truthBin(px) }],
                }
              : undefined,
        });
      } else {
        yAxes.push({
          type: 'category',
          gridIndex: g,
          data: categories,
          name: showY ? axisName(py) : '',
          nameLocation: 'middle',
          nameGap: 34,
          nameTextStyle: { fontSize: 11 },
          // A rotated name longer than its row would run into the next one; the column below shows it in full.
          nameTruncate: { maxWidth: 90, ellipsis: '…' },
          axisLabel: { show: showY, interval: Math.ceil(bins / 3) - 1, formatter: tickFormatter(py), fontSize: 10 },
          axisTick: { show: false },
        });
        const h = histogram2d(axisSamples(px), axisSamples(py), bins, range(px), range(py));
        max2d = Math.max(max2d, h.max);
        const data: [number, number, number][] = [];
        for (let iy = 0; iy < bins; iy++) {
          for (let ix = 0; ix < bins; ix++) {
            const c = h.counts[iy * bins + ix];
            if (c > 0) data.push([ix, iy, c / h.max]);
          }
        }
        series.push({
          type: 'heatmap',
          xAxisIndex: g,
          yAxisIndex: g,
          data,
          // Row/column of the clicked panel travel with the event, for conditioning.
          name: `${col}:${row}`,
        });
        if (px.truth !== undefined && py.truth !== undefined) {
          series.push({
            type: 'scatter',
            xAxisIndex: g,
            yAxisIndex: g,
            symbol: 'diamond',
            symbolSize: 9,
            itemStyle: { color: '#c4453c', borderColor: '#fff', borderWidth: 1 },
            data: [[truthCategory(px), truthCategory(py)]],
            silent: true,
            z: 10,
          });
        }
      }
    }
  }
  const heatmapIndices = series.flatMap((s, i) => ((s as { type: string }).type === 'heatmap' ? [i] : []));
  return {
    animation: false,
    tooltip: { show: false },
    grid: grids,
    xAxis: xAxes,
    yAxis: yAxes,
    visualMap: {
      type: 'continuous',
      min: 0,
      max: 1,
      show: false,
      seriesIndex: heatmapIndices,
      inRange: { color: ['rgba(255,255,255,0)', ...SEQUENTIAL.slice(1)] },
    },
    series,
  } as EChartsOption;
}
