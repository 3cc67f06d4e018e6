// lodyn's simulator against Brian2 running the exported script of the same model: for every family, E and I rates
// and the mean ISI CV over seeds must agree by Welch's t-test at α = 0.01 (seeds fixed, so the verdict is reproducible).
import { execFile, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { defaultSpec, modelFamilies, type ModelFamily, type NetworkSpec } from '../../src-shared/model/network-spec';
import { exportBrian2 } from '../../src-main/engine/sim/brian2-export';
import { runSimulation } from '../../src-main/engine/sim/run-simulation';
import { meanIsiCv, welchT } from './sim-stats';

const run = promisify(execFile);
const PYTHON = '/usr/bin/python3';
const CI = Boolean(process.env.CI);
// CI: 5 seeds per simulator and Brian2's numpy runtime (no C++ build); locally 10 seeds with cpp_standalone.
const SEEDS = CI ? 5 : 10;
const DEVICE = CI ? 'runtime' : 'cpp_standalone';
const ALPHA = 0.01;

const hasBrian2 = (() => {
  try {
    return existsSync(PYTHON) && spawnSync(PYTHON, ['-c', 'import brian2']).status === 0;
  } catch {
    return false;
  }
})();

const work = mkdtempSync(path.join(os.tmpdir(), 'lodyn-brian2-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

interface Stats {
  rateE: number;
  rateI: number;
  cvE: number;
  cvI: number;
}

async function brian2Run(spec: NetworkSpec, seed: number): Promise<Stats> {
  const file = path.join(work, `${spec.model}-${seed}.py`);
  writeFileSync(file, exportBrian2(spec, seed));
  const { stdout } = await run(
    PYTHON,
    [file, '--device', DEVICE, '--build-dir', path.join(work, `build-${spec.model}`)],
    {
      cwd: work,
      maxBuffer: 64 << 20,
    },
  );
  const line = stdout.split('\n').find((l) => l.startsWith('LODYN_RESULT '));
  if (!line) throw new Error(`no result from Brian2 for ${spec.model} seed ${seed}:\n${stdout}`);
  const r = JSON.parse(line.slice('LODYN_RESULT '.length));
  return {
    rateE: r.populations.E.rateHz,
    rateI: r.populations.I.rateHz,
    cvE: r.populations.E.meanCv ?? NaN,
    cvI: r.populations.I.meanCv ?? NaN,
  };
}

function lodynRun(spec: NetworkSpec, seed: number): Stats {
  const r = runSimulation(spec, seed);
  expect(r.status).toBe('completed');
  const cv = meanIsiCv(r.spikes);
  return { rateE: r.populations.E.rateHz, rateI: r.populations.I.rateHz, cvE: cv.E, cvI: cv.I };
}

const brianCache = new Map<ModelFamily, Stats[]>();
const KEYS = ['rateE', 'rateI', 'cvE', 'cvI'] as const;

/** Runs Brian2 seeds in child processes while lodyn's seeds run in this process. */
async function compare(family: ModelFamily) {
  const spec = defaultSpec(family);
  const seeds = Array.from({ length: SEEDS }, (_, i) => 1000 + i);
  const brian: Stats[] = [];
  // The first Brian2 run builds the standalone project; later seeds reuse it.
  brian.push(await brian2Run(spec, seeds[0]));
  const pending = seeds.slice(1);
  // Standalone runs of one model share a build folder, so they go one at a time; numpy runs go two at a time.
  const lanes = DEVICE === 'cpp_standalone' ? [0] : [0, 1];
  const workers = lanes.map(async () => {
    for (let s = pending.shift(); s !== undefined; s = pending.shift()) brian.push(await brian2Run(spec, s));
  });
  const ours = seeds.map((s) => lodynRun(spec, s));
  await Promise.all(workers);
  brianCache.set(family, brian);
  const rows = KEYS.map((key) => {
    const a = ours.map((s) => s[key]);
    const b = brian.map((s) => s[key]);
    return { key, ...welchT(a, b) };
  });
  console.log(
    `${family} (${SEEDS} seeds each, Brian2 ${DEVICE}):\n` +
      rows
        .map(
          (r) =>
            `  ${r.key}: lodyn ${r.meanA.toFixed(3)} ± ${r.sdA.toFixed(3)}, Brian2 ${r.meanB.toFixed(3)} ± ${r.sdB.toFixed(3)}, t = ${r.t.toFixed(2)}, df = ${r.df.toFixed(1)}, p = ${r.p.toFixed(3)}`,
        )
        .join('\n'),
  );
  return rows;
}

describe.skipIf(!hasBrian2)('simulator vs Brian2 (Welch t, α = 0.01)', () => {
  for (const family of modelFamilies) {
    it(`${family}: E/I rates and mean ISI CV agree`, async () => {
      const rows = await compare(family);
      for (const row of rows) {
        expect(Number.isFinite(row.meanA), `${row.key} lodyn`).toBe(true);
        expect(row.p, `${family} ${row.key}: p = ${row.p}`).toBeGreaterThan(ALPHA);
      }
    });
  }

  it('the test can fail: 10% stronger excitatory weights are detected (CUBA)', () => {
    // Guards against a comparison too weak to see a real regression: lodyn with J_E × 1.1, same seeds, against the
    // Brian2 runs of the default CUBA model above; at least one statistic must reject at α.
    const brian = brianCache.get('cuba-lif');
    expect(brian, 'the cuba-lif comparison must run first').toBeDefined();
    const spec = defaultSpec('cuba-lif');
    spec.connectivity.EE.weight *= 1.1;
    spec.connectivity.EI.weight *= 1.1;
    const ours = Array.from({ length: SEEDS }, (_, i) => lodynRun(spec, 1000 + i));
    const ps = KEYS.map(
      (key) =>
        welchT(
          ours.map((s) => s[key]),
          brian!.map((s) => s[key]),
        ).p,
    );
    console.log(`cuba-lif with J_E × 1.1: p = ${ps.map((p) => p.toExponential(2)).join(', ')}`);
    expect(Math.min(...ps)).toBeLessThan(ALPHA);
  });
});
