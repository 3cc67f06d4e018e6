// Figure export: the chart as shown (zoom included), re-rendered off-screen: PNG on a canvas, SVG with echarts' SVG
// renderer.
import * as echarts from 'echarts';
import type { EChartsOption } from 'echarts';

/** Saves a blob as a file: a download in browser mode, the save dialog in Electron. */
export function saveBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/**
 * The option as `chart` shows it now (its zoom windows), with progressive rendering off: an export draws every element
 * in one pass (echarts' getDataURL leaves progressively drawn layers out, which emptied exported rasters).
 */
export function exportOption(option: EChartsOption, chart: echarts.ECharts | null): EChartsOption {
  const live = (chart?.getOption() as { dataZoom?: { start?: number; end?: number }[] } | undefined)?.dataZoom;
  const zooms = option.dataZoom === undefined ? undefined : [option.dataZoom].flat();
  const series = option.series === undefined ? undefined : [option.series].flat();
  return {
    ...option,
    animation: false,
    ...(zooms
      ? { dataZoom: zooms.map((z, i) => (live?.[i] ? { ...z, start: live[i].start, end: live[i].end } : z)) }
      : {}),
    ...(series ? { series: series.map((s) => ({ ...s, progressive: 0 })) } : {}),
  } as EChartsOption;
}

/** A PNG of `option` at twice the given size (CSS pixels), rendered off-screen on a canvas. */
export function optionToPng(
  option: EChartsOption,
  widthPx: number,
  heightPx: number,
  background: string,
  theme?: string,
): Blob {
  // Rendered at the export's pixel ratio, so getDataURL copies the drawn canvas instead of re-drawing each element:
  // a re-draw loses large-mode scatter points under 4 px (echarts draws those after the path, on the context it first
  // drew on), which left exported rasters empty.
  const chart = echarts.init(document.createElement('div'), theme, {
    renderer: 'canvas',
    width: widthPx,
    height: heightPx,
    devicePixelRatio: 2,
  });
  try {
    chart.setOption({ ...option, backgroundColor: background });
    const dataUrl = chart.getDataURL({ type: 'png', pixelRatio: 2, backgroundColor: background });
    const bytes = atob(dataUrl.split(',')[1]);
    const buf = new Uint8Array(bytes.length);
    for (let i = 0; i < bytes.length; i++) buf[i] = bytes.charCodeAt(i);
    return new Blob([buf], { type: 'image/png' });
  } finally {
    chart.dispose();
  }
}

export function optionToSvg(option: EChartsOption, widthPx: number, heightPx: number, background: string): Blob {
  const chart = echarts.init(null, undefined, { renderer: 'svg', ssr: true, width: widthPx, height: heightPx });
  try {
    chart.setOption({ ...option, backgroundColor: background });
    return new Blob([chart.renderToSVGString()], { type: 'image/svg+xml' });
  } finally {
    chart.dispose();
  }
}
