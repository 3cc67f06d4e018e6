// e2e fixtures: each test file gets its own `lodyn serve` on a fresh temporary data folder, removed afterwards.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { test as base } from '@playwright/test';

export interface ServedApp {
  url: string;
  port: number;
  token: string;
  dataRoot: string;
}

export async function startServe(extraEnv: NodeJS.ProcessEnv = {}): Promise<ServedApp & { stop(): Promise<void> }> {
  const dataRoot = await mkdtemp(path.join(os.tmpdir(), 'lodyn-e2e-'));
  const child: ChildProcess = spawn(
    process.execPath,
    ['bin/lodyn.js', 'serve', '--port', '0', '--no-open', '--json', '--data', dataRoot],
    { env: { ...process.env, LODYN_HOME: '', ...extraEnv }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const first = await new Promise<string>((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! });
    lines.once('line', resolve);
    child.once('exit', (code) => reject(new Error(`lodyn serve exited (${code}): ${stderr}`)));
    setTimeout(() => reject(new Error(`lodyn serve did not start in 60 s: ${stderr}`)), 60_000);
  });
  const { url, port } = JSON.parse(first) as { url: string; port: number };
  return {
    url,
    port,
    token: new URL(url).searchParams.get('token')!,
    dataRoot,
    async stop() {
      child.kill('SIGTERM');
      await new Promise((resolve) => child.once('exit', resolve));
      await rm(dataRoot, { recursive: true, force: true });
    },
  };
}

export const test = base.extend<object, { served: ServedApp }>({
  served: [
    async ({}, use) => {
      const app = await startServe();
      await use(app);
      await app.stop();
    },
    { scope: 'worker' },
  ],
});

export { expect } from '@playwright/test';
