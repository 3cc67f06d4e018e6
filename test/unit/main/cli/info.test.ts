// `lodyn info --json` works straight from the source (as after `npm install`) and prints one JSON document.
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);

describe('lodyn info --json', () => {
  it('prints system:info with versions, CPUs, memory, backends and data root', async () => {
    const dataRoot = await mkdtemp(path.join(os.tmpdir(), 'lodyn-cli-'));
    try {
      const { stdout } = await run(process.execPath, ['bin/lodyn.js', 'info', '--json'], {
        env: { ...process.env, LODYN_HOME: dataRoot },
      });
      const info = JSON.parse(stdout);
      expect(info.appVersion).toMatch(/^\d+\.\d+\.\d+/);
      expect(info.versions.node).toBe(process.versions.node);
      expect(info.cpuCount).toBe(os.availableParallelism());
      expect(info.memoryTotalBytes).toBe(os.totalmem());
      expect(info.tensorflow.backends.map((b: { name: string }) => b.name)).toEqual(['tensorflow', 'wasm', 'cpu']);
      expect(['tensorflow', 'wasm', 'cpu']).toContain(info.tensorflow.used);
      expect(info.dataRoot).toBe(dataRoot);
      expect(info.host).toBe('cli');
    } finally {
      await rm(dataRoot, { recursive: true, force: true });
    }
  });

  it('exits non-zero with a clear message on a bad port', async () => {
    const err = (await run(process.execPath, ['bin/lodyn.js', 'serve', '--port', '99999', '--no-open']).catch(
      (e: unknown) => e,
    )) as { code: number; stderr: string };
    expect(err.code).not.toBe(0);
    expect(err.stderr).toMatch(/--port: expected an integer in \[0, 65535\]/);
  });
});
