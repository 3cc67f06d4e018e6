// Explorer: edit parameters (ranges enforced), run one network, see raster, rates and metrics, define a metric.
import { readFile } from 'node:fs/promises';
import type { Page } from '@playwright/test';
import { test, expect } from './fixtures';
import { AppFrame } from './pages/app-frame';
import { ExplorerPage } from './pages/explorer';

test('runs a COBA network and shows raster, rates and metrics', async ({ page, served }) => {
  const frame = new AppFrame(page);
  await frame.open(served.url);
  await frame.goTo('explorer');
  const explorer = new ExplorerPage(page);

  // A value outside its range is explained next to the field and blocks the run.
  await explorer.findParam('Neurons');
  await explorer.setParam('network.nNeurons', '0');
  await expect(explorer.param('network.nNeurons')).toContainText('allowed range');
  await expect(explorer.runButton).toBeDisabled();
  // Reset to the benchmark default (4000 neurons: self-sustained activity without external input).
  await explorer.param('network.nNeurons').getByRole('button', { name: /Reset/ }).click();
  await expect(explorer.runButton).toBeEnabled();
  await page.getByPlaceholder('Find a parameter').fill('');

  await explorer.run();
  await expect(explorer.status).toHaveText('completed', { timeout: 90_000 });
  await expect(page.getByTestId('rate-E')).toContainText('Hz');
  await expect(explorer.raster.locator('canvas').first()).toBeVisible();
  await expect(explorer.metricsTable).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId('metric-cv_isi')).toBeVisible();
  await page.screenshot({ path: 'test-results/screenshots/explorer-run.png', fullPage: true });

  // The raster's PNG export holds the spikes: large-mode points once went missing from exported images.
  const download = page.waitForEvent('download');
  await page.getByTestId('export-png-raster').click({ force: true });
  const png = await readFile(await (await download).path());
  expect(await colouredFraction(page, png)).toBeGreaterThan(0.05);

  // Define a metric without code, preview it on this run, save it: it joins the metrics table.
  await page.getByTestId('define-metric').click();
  await page.getByText('Expression over metrics').click();
  await page.getByTestId('metric-id-input').locator('input').fill('ei_ratio');
  await page.getByTestId('metric-expression-input').locator('input').fill('rate_mean[E] / (rate_mean[I]');
  await expect(page.getByTestId('metric-problem')).toBeVisible();
  await page.getByTestId('metric-expression-input').locator('input').fill('rate_mean[E] / rate_mean[I]');
  await expect(page.getByTestId('metric-problem')).toBeHidden();
  await page.getByTestId('metric-preview').click();
  await expect(page.getByTestId('metric-editor').getByTestId('metric-ei_ratio')).toBeVisible();
  await page.screenshot({ path: 'test-results/screenshots/explorer-metric-editor.png' });
  await page.getByTestId('metric-save').click();
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('metric-editor')).toBeHidden();
  await expect(explorer.metricsTable.getByTestId('metric-ei_ratio')).toBeVisible();

  await page.getByTestId('brian2-button').click();
  await expect(page.getByTestId('brian2-script')).toContainText('from brian2 import');
});

test('imports recorded spike trains as an observation and rejects a bad file clearly', async ({ page, served }) => {
  const frame = new AppFrame(page);
  await frame.open(served.url);
  await frame.goTo('explorer');
  await page.getByTestId('import-button').click();
  const dialog = page.getByTestId('import-dialog');
  await dialog.getByTestId('import-file').setInputFiles({
    name: 'broken.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from('neuron,time_ms\n0,1.5\n1,abc\n'),
  });
  await expect(dialog.getByTestId('import-error')).toContainText(/row 3|line 3/i);
  await dialog.getByTestId('import-file').setInputFiles('resources/examples/example-spikes.csv');
  await expect(dialog).toContainText('622 spikes');
  await expect(dialog.getByTestId('metrics-table')).toBeVisible();
  await page.screenshot({ path: 'test-results/screenshots/explorer-import.png' });
});

/** Fraction of an image's pixels with a saturated colour (spikes), decoded by the page's own image decoder. */
async function colouredFraction(page: Page, png: Buffer): Promise<number> {
  // A string, not a function: the page evaluates it as is, with no transpiler helpers.
  return (await page.evaluate(`(async () => {
    const img = new Image();
    img.src = 'data:image/png;base64,${png.toString('base64')}';
    await img.decode();
    const canvas = document.createElement('canvas');
    canvas.width = img.width;
    canvas.height = img.height;
    const ctx = canvas.getContext('2d');
    ctx.drawImage(img, 0, 0);
    const d = ctx.getImageData(0, 0, canvas.width, canvas.height).data;
    let n = 0;
    for (let i = 0; i < d.length; i += 4) {
      if (Math.max(d[i], d[i + 1], d[i + 2]) - Math.min(d[i], d[i + 1], d[i + 2]) > 60) n++;
    }
    return n / (d.length / 4);
  })()`)) as number;
}
