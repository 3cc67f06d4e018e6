// Catalogue: create a small library with the wizard, follow its job, brush the parallel coordinates, open a run.
import { readFile } from 'node:fs/promises';
import { test, expect } from './fixtures';
import { AppFrame } from './pages/app-frame';
import { CataloguePage, LibraryPage } from './pages/catalogue';

const shots = 'test-results/screenshots';

test('creates a library with the wizard, filters it by brushing and opens a run', async ({ page, served }) => {
  test.setTimeout(240_000);
  const frame = new AppFrame(page);
  await frame.open(served.url);
  await frame.goTo('catalogue');
  const cat = new CataloguePage(page);

  await cat.createButton.click();
  await expect(cat.wizard).toBeVisible();
  // CUBA LIF (Brette 2007): rest above threshold, so even a small network fires without input.
  await cat.pick(cat.wizard.getByTestId('wizard-family'), 'CUBA');
  await cat.setNumber(cat.wizard.getByTestId('wizard-neurons'), 300);
  await cat.setNumber(cat.wizard.getByTestId('wizard-duration'), 300);
  await cat.wizard.getByTestId('wizard-name').locator('input').fill('e2e CUBA sweep');
  await cat.pick(cat.wizard.getByTestId('wizard-free'), 'connectivity.EE.weight');
  await cat.pick(cat.wizard.getByTestId('wizard-free'), 'connectivity.IE.weight');
  await page.keyboard.press('Escape');
  await cat.setPrior('connectivity.EE.weight', 0.5, 3);
  // A bound outside the parameter's range is named with the allowed range, and blocks the start.
  await cat.setPrior('connectivity.IE.weight', -2000, -3);
  await expect(cat.prior('connectivity.IE.weight')).toContainText('allowed range [-1000, 1000]');
  await expect(cat.wizard.getByTestId('wizard-estimate-button')).toBeDisabled();
  await cat.setPrior('connectivity.IE.weight', -15, -3);
  await cat.setNumber(cat.wizard.getByTestId('wizard-sets'), 12);
  await expect(cat.wizard.getByTestId('wizard-runs')).toHaveText('12 runs');

  await cat.wizard.getByTestId('wizard-estimate-button').click();
  await expect(cat.wizard.getByTestId('wizard-estimate')).toContainText('on disk', { timeout: 60_000 });
  await page.screenshot({ path: `${shots}/catalogue-wizard.png` });
  await cat.wizard.getByTestId('wizard-create').click();
  await expect(cat.wizard).toBeHidden();

  // The job shows in the strip with its progress, and the library's card turns complete.
  await expect(cat.jobsStrip).toContainText('Generate e2e CUBA sweep');
  await page.screenshot({ path: `${shots}/catalogue-jobs.png` });
  const card = cat.card('e2e CUBA sweep');
  await expect(card.getByTestId('library-status')).toHaveText('complete', { timeout: 120_000 });
  await expect(cat.jobsStrip).toContainText('done');
  await expect(card.getByTestId('library-runs')).toHaveText('12');
  await page.screenshot({ path: `${shots}/catalogue-cards.png`, fullPage: true });

  await card.click();
  await page.waitForURL(/#\/catalogue\/.+/);
  const lib = new LibraryPage(page);
  await expect(lib.runsMatching).toContainText('12 of 12 runs');
  await expect(lib.rows.first()).toContainText(/\d/);
  await expect(lib.parallel.locator('canvas').first()).toBeVisible();
  await page.screenshot({ path: `${shots}/catalogue-library.png`, fullPage: true });

  // Brush the first axis (the E weight) over its upper part: fewer runs match, the chip names the range.
  await lib.brush(0, 0.02, 0.5);
  await expect(lib.chips).toContainText('∈');
  await expect.poll(() => lib.matching()).toBeLessThan(12);
  const kept = await lib.matching();
  expect(kept).toBeGreaterThan(0);
  await expect(lib.rows).toHaveCount(kept);
  await page.screenshot({ path: `${shots}/catalogue-brushed.png`, fullPage: true });
  await page.getByTestId('histograms').scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${shots}/catalogue-histograms.png` });

  await lib.openRow(0);
  await expect(lib.detail).toBeVisible();
  await expect(lib.raster.locator('canvas').first()).toBeVisible({ timeout: 30_000 });
  await expect(lib.detail.getByTestId('metrics-table')).toBeVisible();
  await page.screenshot({ path: `${shots}/catalogue-run.png` });
  await lib.detail.getByTestId('run-brian2-button').click();
  await expect(page.getByTestId('run-brian2-script')).toContainText('from brian2 import');
  await page.keyboard.press('Escape');

  // Export the library as CSV to the default path under the data root, and see where it went.
  await page.keyboard.press('Escape');
  await page.getByTestId('library-export').click();
  await expect(page.getByTestId('export-path').locator('input')).toHaveValue(/exports/);
  // Browser mode also hands the file to the browser's downloads.
  const download = page.waitForEvent('download');
  await page.getByTestId('export-run').click();
  await expect(page.getByTestId('export-done')).toContainText('.csv');
  const csvPath = (await page.getByTestId('export-done').locator('code').textContent())!;
  const csv = await readFile(csvPath, 'utf8');
  expect(csv.trim().split('\n')).toHaveLength(13);
  expect(await readFile((await (await download).path())!, 'utf8')).toBe(csv);
  await page.keyboard.press('Escape');

  // Add a metric after the fact: computed from the stored spikes as a job, it becomes a column.
  await page.getByTestId('library-add-metrics').click();
  await cat.pick(page.getByTestId('recompute-metrics'), 'Local variation');
  // A multiple select keeps its menu open: click the dialog's text to close it.
  await page.getByTestId('recompute-dialog').locator('p').first().click();
  await page.getByTestId('recompute-run').click();
  await expect(page.getByTestId('recompute-dialog')).toBeHidden();
  await expect(cat.jobsStrip.first()).toContainText('Recompute lv, lv_E, lv_I');
  const libraryId = new URL(page.url()).hash.split('/').pop()!;
  await expect
    .poll(
      async () => {
        const res = await page.request.post(`http://127.0.0.1:${served.port}/api/call/library:get`, {
          headers: { authorization: `Bearer ${served.token}` },
          data: { id: libraryId },
        });
        const body = (await res.json()) as { value?: { columns: { id: string; kind: string }[] } };
        return body.value?.columns.filter((c) => c.kind === 'metric').map((c) => c.id) ?? [];
      },
      { timeout: 90_000 },
    )
    .toEqual(expect.arrayContaining(['lv', 'lv_E', 'lv_I']));

  // Export as a folder and import it back, as another installation would: one more library in the catalogue.
  const countLibraries = async () => {
    const res = await page.request.post(`http://127.0.0.1:${served.port}/api/call/library:list`, {
      headers: { authorization: `Bearer ${served.token}` },
      data: {},
    });
    return ((await res.json()) as { value: unknown[] }).value.length;
  };
  const before = await countLibraries();
  await page.getByTestId('library-export').click();
  await page.getByTestId('export-format-folder').click();
  await page.getByTestId('export-run').click();
  await expect(page.getByTestId('export-done')).toBeVisible();
  const folder = (await page.getByTestId('export-done').locator('code').textContent())!;
  await page.keyboard.press('Escape');
  await page.goto(served.url);
  await page.getByTestId('import-library').click();
  await page.getByTestId('import-library-path').locator('input').fill(folder);
  await page.getByTestId('import-library-run').click();
  await expect(page.getByTestId('import-library-dialog')).toBeHidden();
  await expect.poll(countLibraries).toBe(before + 1);
});

test('browses the default library when it ships', async ({ page, served }) => {
  const spec = await readFile('resources/default-library/library.json', 'utf8').catch(() => null);
  test.skip(!spec, 'resources/default-library is not built in this checkout');
  const name = (JSON.parse(spec!) as { spec: { name: string } }).spec.name;
  // The dark theme (following the OS) this time: charts and tables must stay readable.
  await page.emulateMedia({ colorScheme: 'dark' });
  const frame = new AppFrame(page);
  await frame.open(served.url);
  await frame.goTo('catalogue');
  const cat = new CataloguePage(page);
  await expect(cat.card(name)).toBeVisible();
  await cat.card(name).focus();
  await page.keyboard.press('Enter');
  const lib = new LibraryPage(page);
  await expect(lib.rows.first()).toContainText(/\d/, { timeout: 30_000 });
  await expect(lib.parallel.locator('canvas').first()).toBeVisible();
  await lib.brush(1, 0.3, 0.9);
  await expect(lib.chips).toContainText('∈');
  await page.screenshot({ path: `${shots}/catalogue-default-library.png`, fullPage: true });
  await expect(lib.scatter.locator('canvas').first()).toBeVisible();
  await page.getByTestId('histograms').scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${shots}/catalogue-default-histograms.png` });
  // Keyboard: a focused row opens with Enter.
  await lib.rows.first().press('Enter');
  await expect(lib.raster.locator('canvas').first()).toBeVisible({ timeout: 30_000 });
  await page.screenshot({ path: `${shots}/catalogue-default-run.png` });
});
