// Figure export: PNG from the live chart, SVG re-rendered off-screen with echarts' SVG renderer.
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

export function chartToPng(chart: echarts.ECharts, background: string): Blob {
  const dataUrl = chart.getDataURL({ type: 'png', pixelRatio: 2, backgroundColor: background });
  const bytes = atob(dataUrl.split(',')[1]);
  const buf = new Uint8Array(bytes.length);
  for (let i = 0; i < bytes.length; i++) buf[i] = bytes.charCodeAt(i);
  return new Blob([buf], { type: 'image/png' });
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
