// Inference: train on the default library in browser mode, pairplot, condition, calibration, and a restart keeps it.
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { test, expect } from '@playwright/test';
import { AppFrame } from './pages/app-frame';
import { InferencePage } from './pages/inference';

/** `lodyn serve` on a given data folder (kept across restarts, unlike the shared fixture's). */
async function serveOn(dataRoot: string): Promise<{ url: string; stop(): Promise<void> }> {
  const child = spawn(
    process.execPath,
    ['bin/lodyn.js', 'serve', '--port', '0', '--no-open', '--json', '--data', dataRoot],
    {
      env: { ...process.env, LODYN_HOME: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let stderr = '';
  child.stderr?.on('data', (c: Buffer) => (stderr += c.toString()));
  const first = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout! }).once('line', resolve);
    child.once('exit', (code) => reject(new Error(`lodyn serve exited (${code}): ${stderr}`)));
    setTimeout(() => reject(new Error(`lodyn serve did not start in 60 s: ${stderr}`)), 60_000);
  });
  return {
    url: (JSON.parse(first) as { url: string }).url,
    async stop() {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
    },
  };
}

const shot = (name: string) => `test-results/screenshots/inference-${name}.png`;

test('trains on the default library, shows and conditions the pairplot, checks calibration, survives a restart', async ({
  page,
}) => {
  test.setTimeout(600_000);
  const dataRoot = await mkdtemp(path.join(os.tmpdir(), 'lodyn-e2e-inf-'));
  let server = await serveOn(dataRoot);
  try {
    const frame = new AppFrame(page);
    await frame.open(server.url);
    await frame.goTo('inference');
    const inf = new InferencePage(page);
    // The default library is loaded on first start and chosen, with five metrics preselected.
    await expect(inf.library).toContainText('default library');
    await expect(page.getByTestId('metric-definitions').locator('li')).toHaveCount(5);
    await inf.setMaxEpochs(40);
    await inf.trainButton.click();
    await expect(inf.trainingStatus).toHaveText('running');
    await expect(page.getByTestId('training-epoch')).toContainText('epoch', { timeout: 60_000 });
    await page.getByTestId('inference-setup').screenshot({ path: shot('training') });
    await expect(inf.trainingStatus).toHaveText('done', { timeout: 240_000 });
    await expect(page.getByTestId('posterior-summary')).toContainText('trained on');

    // A library run as the target: the pairplot with its true parameters.
    await inf.setRun(7);
    await inf.sampleButton.click();
    await expect(inf.pairplot.locator('canvas').first()).toBeVisible();
    await page.getByTestId('pairplot-card').screenshot({ path: shot('pairplot') });

    // Condition on the most likely point: conditional pairplot and correlation matrix.
    await page.getByTestId('condition-map').click();
    await expect(inf.conditional).toBeVisible({ timeout: 60_000 });
    await expect(inf.correlation.locator('canvas').first()).toBeVisible();
    await inf.conditional.screenshot({ path: shot('conditional') });

    // CSV download of the samples.
    const download = page.waitForEvent('download');
    await page.getByTestId('download-csv').click();
    expect((await download).suggestedFilename()).toMatch(/\.csv$/);

    await inf.diagnoseButton.click();
    await expect(inf.verdict).toContainText(/calibrated/i, { timeout: 120_000 });
    await page.getByTestId('calibration-card').screenshot({ path: shot('calibration') });

    // Restart the server on the same data folder: the posterior is still there and samples.
    await server.stop();
    server = await serveOn(dataRoot);
    // A fresh tab: the old one keeps reconnecting to the stopped server.
    const page2 = await page.context().newPage();
    const frame2 = new AppFrame(page2);
    await frame2.open(server.url);
    await frame2.goTo('inference');
    const inf2 = new InferencePage(page2);
    await inf2.pickFirstPosterior();
    await expect(page2.getByTestId('posterior-summary')).toContainText('trained on');
    await inf2.sampleButton.click();
    await expect(inf2.pairplot.locator('canvas').first()).toBeVisible();
    await page2.getByTestId('pairplot-card').screenshot({ path: shot('after-restart') });
  } finally {
    await server.stop();
    await rm(dataRoot, { recursive: true, force: true });
  }
});
