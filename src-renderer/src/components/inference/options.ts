// Option builders of the Inference view: conditional pairplot on grids, correlation matrix, SBC ranks, coverage.
import type { EChartsOption } from 'echarts';
import type { PosteriorParam } from '../../../../src-shared/catalogue/records';
import type { ConditionalResult } from '../../../../src-shared/contract/calls/posterior';
import { SEQUENTIAL } from '../../plotting/palette';

function axisName(p: PosteriorParam): string {
  return p.unit ? `${p.label} (${p.unit})` : p.label;
}

/**
 * Conditional pairplot: 1-D conditionals on the diagonal (lines), 2-D conditionals below (heatmaps), each with the
 * other parameters fixed at the clicked point (marked). Axes are the grids over the prior bounds.
 */
export function conditionalPairplotOption(params: PosteriorParam[], c: ConditionalResult): EChartsOption {
  const d = params.length;
  const G = c.grid[0].length;
  const gap = 2;
  const left = 11;
  const top = 4;
  const cell = (100 - left - 4 - gap * (d - 1)) / d;
  const grids: object[] = [];
  const xAxes: object[] = [];
  const yAxes: object[] = [];
  const series: object[] = [];
  const cats = (i: number) => c.grid[i].map((v) => v.toPrecision(2));
  const nearest = (i: number) => {
    let best = 0;
    c.grid[i].forEach((v, k) => {
      if (Math.abs(v - c.point[i]) < Math.abs(c.grid[i][best] - c.point[i])) best = k;
    });
    return best;
  };
  for (let row = 0; row < d; row++)
    for (let col = 0; col <= row; col++) {
      const g = grids.length;
      grids.push({
        left: `${left + col * (cell + gap)}%`,
        top: `${top + row * (cell + gap)}%`,
        width: `${cell}%`,
        height: `${cell}%`,
      });
      const showX = row === d - 1;
      xAxes.push({
        type: 'category',
        gridIndex: g,
        data: cats(col),
        name: showX ? axisName(params[col]) : '',
        nameLocation: 'middle',
        nameGap: 24,
        axisLabel: { show: showX, interval: Math.ceil(G / 3) - 1, fontSize: 10 },
        axisTick: { show: false },
      });
      if (row === col) {
        yAxes.push({ type: 'value', gridIndex: g, show: false, max: 1.05 });
        series.push({
          type: 'line',
          xAxisIndex: g,
          yAxisIndex: g,
          showSymbol: false,
          data: c.marginals[col],
          lineStyle: { color: '#3b6ea8', width: 1.5 },
          areaStyle: { color: 'rgba(59,110,168,0.2)' },
          markLine: {
            symbol: 'none',
            silent: true,
            lineStyle: { color: '#c4453c' },
            label: { show: false },
            data: [{ xAxis: nearest(col) }],
          },
          silent: true,
        });
      } else {
        yAxes.push({
          type: 'category',
          gridIndex: g,
          data: cats(row),
          name: col === 0 ? axisName(params[row]) : '',
          nameLocation: 'middle',
          nameGap: 34,
          axisLabel: { show: col === 0, interval: Math.ceil(G / 3) - 1, fontSize: 10 },
          axisTick: { show: false },
        });
        const pair = c.pairs.find((p) => p.i === row && p.j === col)!;
        const data: [number, number, number][] = [];
        for (let iy = 0; iy < G; iy++)
          for (let ix = 0; ix < G; ix++) {
            const v = pair.density[iy * G + ix];
            if (v > 1e-3) data.push([ix, iy, v]);
          }
        series.push({ type: 'heatmap', xAxisIndex: g, yAxisIndex: g, data, silent: true });
        series.push({
          type: 'scatter',
          xAxisIndex: g,
          yAxisIndex: g,
          symbol: 'circle',
          symbolSize: 7,
          itemStyle: { color: '#c4453c', borderColor: '#fff', borderWidth: 1 },
          data: [[nearest(col), nearest(row)]],
          silent: true,
          z: 10,
        });
      }
    }
  return {
    animation: false,
    grid: grids,
    xAxis: xAxes,
    yAxis: yAxes,
    visualMap: {
      type: 'continuous',
      min: 0,
      max: 1,
      show: false,
      seriesIndex: series.flatMap((s, i) => ((s as { type: string }).type === 'heatmap' ? [i] : [])),
      inRange: { color: ['rgba(255,255,255,0)', ...SEQUENTIAL.slice(1)] },
    },
    series,
  } as EChartsOption;
}

/** Heatmap of a correlation matrix in [-1, 1] with the values written in the cells. */
export function correlationOption(params: PosteriorParam[], corr: number[][]): EChartsOption {
  const labels = params.map((p) => p.label);
  const data: [number, number, number][] = [];
  corr.forEach((r, i) => r.forEach((v, j) => data.push([j, i, Math.round(v * 100) / 100])));
  return {
    animation: false,
    grid: { left: 150, right: 80, top: 10, bottom: 90 },
    tooltip: { formatter: (p: unknown) => `ρ = ${(p as { value: number[] }).value[2]}` },
    xAxis: { type: 'category', data: labels, axisLabel: { rotate: 30, fontSize: 11 } },
    yAxis: { type: 'category', data: labels, inverse: true, axisLabel: { fontSize: 11 } },
    visualMap: {
      min: -1,
      max: 1,
      calculable: false,
      orient: 'vertical',
      right: 10,
      top: 'center',
      inRange: { color: ['#3b6ea8', '#f4f4f4', '#c4453c'] },
    },
    series: [{ type: 'heatmap', data, label: { show: true, fontSize: 11 } }],
  } as EChartsOption;
}

/** SBC rank histograms, one small panel per parameter, with the expected count per bin dashed. */
export function sbcOption(params: PosteriorParam[], histograms: number[][], pValues: number[]): EChartsOption {
  const d = params.length;
  const cols = Math.min(d, 5);
  const rows = Math.ceil(d / cols);
  const w = 100 / cols;
  const h = 100 / rows;
  const total = histograms[0]?.reduce((a, b) => a + b, 0) ?? 0;
  const expected = histograms[0]?.length ? total / histograms[0].length : 0;
  return {
    animation: false,
    title: params.map((p, i) => ({
      text: `${p.label} (p = ${pValues[i].toFixed(3)})`,
      left: `${(i % cols) * w + w / 2}%`,
      top: `${Math.floor(i / cols) * h + 8}%`,
      textAlign: 'center',
      textStyle: { fontSize: 11, fontWeight: 'normal' },
    })),
    grid: params.map((_, i) => ({
      left: `${(i % cols) * w + 3}%`,
      width: `${w - 6}%`,
      top: `${Math.floor(i / cols) * h + 22}%`,
      height: `${h - 32}%`,
    })),
    xAxis: params.map((_, i) => ({
      type: 'category',
      gridIndex: i,
      data: histograms[i].map((_, k) => k),
      axisLabel: { show: false },
      axisTick: { show: false },
      name: 'rank',
      nameLocation: 'middle',
      nameGap: 6,
    })),
    yAxis: params.map((_, i) => ({ type: 'value', gridIndex: i, axisLabel: { fontSize: 9 } })),
    series: params.map((_, i) => ({
      type: 'bar',
      xAxisIndex: i,
      yAxisIndex: i,
      barCategoryGap: 0,
      data: histograms[i],
      itemStyle: { color: pValues[i] > 0.05 / d ? '#3b6ea8' : '#c4453c' },
      markLine: {
        symbol: 'none',
        silent: true,
        label: { show: false },
        lineStyle: { type: 'dashed', color: '#888' },
        data: [{ yAxis: expected }],
      },
    })),
  } as EChartsOption;
}
