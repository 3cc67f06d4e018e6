// The app loads in browser mode, shows real system info, and the host enforces token, Host and Origin.
import os from 'node:os';
import { test, expect } from './fixtures';
import { AppFrame } from './pages/app-frame';

test('loads with the tokened URL and shows the real backend and CPU count', async ({ page, served, request }) => {
  const info = await (
    await request.post(`http://127.0.0.1:${served.port}/api/call/system:info`, {
      headers: { authorization: `Bearer ${served.token}` },
      data: {},
    })
  ).json();
  expect(info.ok).toBe(true);

  const frame = new AppFrame(page);
  await frame.open(served.url);
  await expect(frame.statusBar).toBeVisible();
  await expect(frame.backend).toHaveText(`Training backend: ${info.value.tensorflow.used}`);
  const cpus = os.availableParallelism();
  await expect(frame.cpus).toHaveText(`${cpus} CPU${cpus === 1 ? '' : 's'}`);
  await expect(frame.host).toContainText('Browser mode');
  await page.screenshot({ path: 'test-results/screenshots/app-frame-catalogue.png' });

  await frame.goTo('settings');
  await expect(page.getByTestId('about')).toContainText(info.value.appVersion);
  await expect(page.getByTestId('about')).toContainText(served.dataRoot);
  await expect(page.getByTestId('backends')).toContainText('in use');
  await page.screenshot({ path: 'test-results/screenshots/app-frame-settings.png', fullPage: true });

  for (const view of ['explorer', 'inference', 'jobs'] as const) {
    await frame.goTo(view);
    await expect(page.locator('h1')).toBeVisible();
  }
});

test('refuses requests without the token (401) and from foreign origins (403)', async ({ served, request }) => {
  const base = `http://127.0.0.1:${served.port}`;
  expect((await request.get(`${base}/`)).status()).toBe(401);
  expect((await request.post(`${base}/api/call/system:info`, { data: {} })).status()).toBe(401);
  const foreign = await request.get(served.url, { headers: { origin: 'http://evil.example' } });
  expect(foreign.status()).toBe(403);
  const rebinding = await request.get(served.url, { headers: { host: `evil.example:${served.port}` } });
  expect(rebinding.status()).toBe(403);
});

test('a bad request crosses as an error envelope naming the field', async ({ served, request }) => {
  const res = await request.post(`http://127.0.0.1:${served.port}/api/call/system:info`, {
    headers: { authorization: `Bearer ${served.token}` },
    data: { bogus: 1 },
  });
  const body = await res.json();
  expect(body.ok).toBe(false);
  expect(body.error.name).toBe('ValidationError');
  expect(body.error.field).toBe('bogus');
});
