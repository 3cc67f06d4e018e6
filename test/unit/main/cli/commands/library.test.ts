// The library and space commands as scripts call them: JSON on stdout, errors naming the field, the SLURM script.
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { specFromOptions } from '../../../../../src-main/cli/commands/library';
import { parameterSpaceSchema } from '../../../../../src-shared/space';

const run = promisify(execFile);
const ROOT = path.resolve(__dirname, '../../../../..');
let tmp: string;

async function lodyn(args: string[]): Promise<{ stdout: string; stderr: string; code: number }> {
  try {
    const r = await run(process.execPath, [path.join(ROOT, 'bin/lodyn.js'), ...args], {
      env: { ...process.env, LODYN_HOME: path.join(tmp, 'home') },
    });
    return { ...r, code: 0 };
  } catch (err) {
    const e = err as { stdout: string; stderr: string; code: number };
    return { stdout: e.stdout, stderr: e.stderr, code: e.code };
  }
}

beforeAll(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'lodyn-cli-'));
});
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

describe('lodyn space / library', () => {
  it('space --example prints a valid space file', async () => {
    const r = await lodyn(['space', '--example']);
    expect(r.code).toBe(0);
    expect(parameterSpaceSchema.safeParse(JSON.parse(r.stdout)).success).toBe(true);
  });

  it('library create rejects bad options naming the field, with JSON on stdout', async () => {
    const space = path.join(tmp, 'space.json');
    await writeFile(space, (await lodyn(['space', '--example'])).stdout);
    const r = await lodyn(['library', 'create', '--space', space, '--runs', '0', '--json']);
    expect(r.code).toBe(2);
    expect(JSON.parse(r.stdout).error).toMatchObject({ name: 'ValidationError', field: 'spec.nSets' });
    const s = await lodyn(['library', 'create', '--space', space, '--runs', '4', '--shard', '3/2']);
    expect(s.code).toBe(2);
    expect(s.stderr).toMatch(/shard/);
  });

  it('library slurm prints a job-array script over the slices', async () => {
    const r = await lodyn(['library', 'slurm', '--shards', '8', '--runs', '5000', '--space', 'my space.json']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^#!\/bin\/bash/);
    expect(r.stdout).toContain('#SBATCH --array=0-7');
    expect(r.stdout).toContain('--shard "${SLURM_ARRAY_TASK_ID}/8"');
    expect(r.stdout).toContain('--space "my space.json"');
    expect(r.stdout).toContain('lodyn library merge');
  });

  it('builds a library spec from a space file and options', async () => {
    const space = path.join(tmp, 'space2.json');
    await writeFile(space, JSON.stringify({ name: 'sp', baseSpec: { a: 1 }, free: [] }));
    const spec = await specFromOptions({ space, runs: '64', seeds: '3', design: 'lhs', name: 'n', maxNeurons: '50' });
    expect(spec).toMatchObject({
      name: 'n',
      nSets: 64,
      seedsPerSet: 3,
      design: { kind: 'lhs' },
      recording: { maxNeurons: 50 },
    });
    expect((spec.space as { name: string }).name).toBe('sp');
  });
});
