// SIGKILL-resume: the `lodyn library create` process is killed at random points several times and resumed; the
// library must hold every run index exactly once with spikes, parameters and metrics identical to an uninterrupted run.
import { spawn } from 'node:child_process';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { generateLibrary } from '../../src-main/engine/library/generator';
import { mulberry32 } from '../../src-main/engine/library/hash-rng';
import { manifestFor } from '../../src-main/engine/library/library-service';
import { loadLibraryTable } from '../../src-main/engine/library/library-table';
import { planLibrary } from '../../src-main/engine/library/run-plan';
import { readLibraryManifest, readShard, writeLibraryManifest } from '../../src-main/engine/library/shard-store';
import { simulatorRuntime } from '../../src-main/engine/library/sim-runtime';
import { decodeSpikes, spikeBlobAt } from '../../src-main/engine/library/spike-codec';
import { exampleBaseSpec, exampleSpace } from '../../src-shared/space';

const CI = Boolean(process.env.CI);
const KILLS = CI ? 3 : 6;
const N_SETS = CI ? 24 : 48;
const ROOT = path.resolve(__dirname, '../..');

let tmp = '';
afterAll(async () => {
  if (tmp) await rm(tmp, { recursive: true, force: true });
});

/** A small but real network (N = 200, 300 ms) so each run takes tens of ms and a kill lands inside a shard. */
function smallSpec() {
  const base = exampleBaseSpec() as Record<string, Record<string, unknown>>;
  base.network = { ...base.network, nNeurons: 200 };
  base.simulation = { ...base.simulation, durationMs: 300 };
  return {
    name: 'kill-test',
    space: exampleSpace(base),
    nSets: N_SETS,
    seedsPerSet: 2,
    seed: 2024,
    runsPerShard: 4,
    metrics: ['rate_mean', 'cv_isi', 'rate_mean_E'],
    recording: { maxNeurons: 120 },
  };
}

async function shardCountIn(dir: string): Promise<number> {
  try {
    return (await readdir(path.join(dir, 'shards'))).filter((n) => /^shard-\d+\.json$/.test(n)).length;
  } catch {
    return 0;
  }
}

/** Starts the CLI on the folder; resolves with its exit code or signal. */
function startCli(specFile: string, out: string, home: string) {
  const child = spawn(
    process.execPath,
    [path.join(ROOT, 'bin/lodyn.js'), 'library', 'create', '--space', specFile, '--out', out, '--json'],
    {
      cwd: ROOT,
      env: { ...process.env, LODYN_HOME: home },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal, stderr })),
  );
  return { child, exited };
}

describe('library generation survives SIGKILL', () => {
  it(`is identical to an uninterrupted run after ${KILLS} kills at random points`, async () => {
    tmp = await mkdtemp(path.join(os.tmpdir(), 'lodyn-kill-'));
    const spec = smallSpec();
    const specFile = path.join(tmp, 'spec.json');
    await writeFile(specFile, JSON.stringify(spec));

    // Reference: uninterrupted, in this process.
    const refDir = path.join(tmp, 'reference');
    const plan = planLibrary(spec);
    const refManifest = manifestFor(plan, 'ref', 'test', spec.metrics);
    await writeLibraryManifest(refDir, refManifest);
    const runtime = simulatorRuntime();
    await generateLibrary({ dir: refDir, lib: refManifest, plan, runOne: runtime.runOne, metrics: runtime.metrics });
    const totalShards = Math.ceil((N_SETS * 2) / 4);
    expect(await shardCountIn(refDir)).toBe(totalShards);

    // Killed and resumed through the CLI, into its own folder.
    const out = path.join(tmp, 'killed');
    const home = path.join(tmp, 'home');
    const rand = mulberry32(7);
    const partialAtKill: number[] = [];
    for (let k = 0; k < KILLS; k++) {
      const before = await shardCountIn(out);
      const { child, exited } = startCli(specFile, out, home);
      // Wait until this attempt has written at least one new shard, then kill at a random point of the next ones.
      for (;;) {
        const done = await Promise.race([
          exited.then(() => true),
          new Promise<boolean>((r) => setTimeout(() => r(false), 25)),
        ]);
        if (done) break;
        if ((await shardCountIn(out)) > before) break;
      }
      await new Promise((r) => setTimeout(r, Math.floor(rand() * 250)));
      child.kill('SIGKILL');
      const res = await exited;
      partialAtKill.push(await shardCountIn(out));
      if (res.signal !== 'SIGKILL') break; // finished before the kill landed
    }
    console.info(`shards complete after each SIGKILL: ${partialAtKill.join(', ')} of ${totalShards}`);
    // Kills must have landed mid-generation for the test to mean anything.
    expect(partialAtKill.filter((n) => n > 0 && n < totalShards).length).toBeGreaterThanOrEqual(Math.min(2, KILLS));
    const final = await startCli(specFile, out, home).exited;
    expect(final.code, final.stderr).toBe(0);

    // Every run exactly once, and identical to the reference.
    const m = await readLibraryManifest(out);
    expect(m.specHash).toBe(refManifest.specHash);
    const killed = await loadLibraryTable(out, m);
    const ref = await loadLibraryTable(refDir, refManifest);
    expect(killed.problems).toEqual([]);
    expect(Array.from(killed.columns.get('runIndex')!)).toEqual(Array.from({ length: N_SETS * 2 }, (_, i) => i));
    for (const col of ['seed', 'wE', 'wI', 'p', 'rateIn', 'tauM', 'nSpikes', 'rate_mean', 'cv_isi', 'rate_mean_E']) {
      expect(Array.from(killed.columns.get(col)!), col).toEqual(Array.from(ref.columns.get(col)!));
    }
    expect(Array.from(killed.status)).toEqual(Array.from(ref.status));
    expect(killed.nSpikes).toBeGreaterThan(0);
    for (let s = 0; s < totalShards; s++) {
      const a = await readShard(out, s, m.specHash, { spikes: true });
      const b = await readShard(refDir, s, m.specHash, { spikes: true });
      for (let k = 0; k < a.manifest.nRuns; k++) {
        const ra = decodeSpikes(spikeBlobAt(a.spikes!, k));
        const rb = decodeSpikes(spikeBlobAt(b.spikes!, k));
        expect(ra).toEqual(rb);
      }
    }
  });
});
