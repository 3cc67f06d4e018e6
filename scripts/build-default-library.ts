// Rebuilds resources/default-library with a fixed seed: `npm run build:default-library [-- --procs 2]` (resumable).
import { spawn } from 'node:child_process';
import { rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { exampleSpace } from '../src-shared/space/example';
import { generateLibrary } from '../src-main/engine/library/generator';
import { manifestFor } from '../src-main/engine/library/library-service';
import { loadLibraryTable } from '../src-main/engine/library/library-table';
import { planLibrary } from '../src-main/engine/library/run-plan';
import { readLibraryManifest, writeLibraryManifest } from '../src-main/engine/library/shard-store';
import { simulatorRuntime } from '../src-main/engine/library/sim-runtime';
import { APP_VERSION } from '../src-main/engine/app-version';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const OUT = path.join(ROOT, 'resources', 'default-library');
/** Budget for the shipped folder (the limit). */
const MAX_BYTES = 20 * 1024 * 1024;

/**
 * COBA LIF E/I, N = 1000, 1 s per run; five free parameters (E and I weights, connection probability, input rate,
 * membrane time constant); 2048 Sobol sets (a power of two keeps the Sobol balance); spikes of 60 seeded neurons per
 * run are kept (metrics use all 1000), which keeps the folder under 20 MB.
 */
export const DEFAULT_LIBRARY_SPEC = {
  name: 'COBA E/I networks (default library)',
  description:
    'Conductance-based LIF E/I networks of 1000 neurons, 1 s each, over E and I weights, connection probability, external input rate and membrane time constant. Built by scripts/build-default-library.ts with seed 20260101.',
  space: exampleSpace(),
  design: { kind: 'sobol' as const, scramble: 'owen' as const },
  nSets: 2048,
  seedsPerSet: 1,
  seed: 20260101,
  runsPerShard: 128,
  recording: { maxNeurons: 60 },
};

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

async function folderBytes(dir: string): Promise<number> {
  const { readdir } = await import('node:fs/promises');
  let total = 0;
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) total += (await stat(path.join(entry.parentPath, entry.name))).size;
  }
  return total;
}

async function main(): Promise<void> {
  const plan = planLibrary(DEFAULT_LIBRARY_SPEC);
  const runtime = simulatorRuntime();
  const slice = arg('--slice');
  if (slice) {
    // A child: make the shards s with s % count === index of the folder its parent prepared.
    const [index, count] = slice.split('/').map(Number);
    const lib = { ...(await readLibraryManifest(OUT)), slice: { index, count } };
    await generateLibrary({
      dir: OUT,
      lib,
      plan,
      runOne: runtime.runOne,
      metrics: runtime.metrics,
      onProgress: (p) => {
        if (p.done % 16 === 0 || p.done === p.total) {
          process.stderr.write(
            `[slice ${slice}] ${p.done}/${p.total} runs, ${p.runsPerS.toFixed(2)} runs/s, ETA ${Math.round(p.etaS ?? 0)} s\n`,
          );
        }
      },
    });
    return;
  }
  const want = manifestFor(plan, 'default-library', APP_VERSION, runtime.defaultMetricIds);
  const existing = await readLibraryManifest(OUT).catch(() => null);
  if (!existing || existing.specHash !== want.specHash || process.argv.includes('--fresh')) {
    await rm(OUT, { recursive: true, force: true });
    await writeLibraryManifest(OUT, want);
  }
  const procs = Math.max(1, Number(arg('--procs') ?? 1));
  process.stderr.write(`building ${plan.nRuns} runs into ${OUT} with ${procs} process(es)\n`);
  await Promise.all(
    Array.from(
      { length: procs },
      (_, i) =>
        new Promise<void>((resolve, reject) => {
          const child = spawn(
            process.execPath,
            ['--import', 'tsx', fileURLToPath(import.meta.url), '--slice', `${i}/${procs}`],
            {
              stdio: ['ignore', 'inherit', 'inherit'],
            },
          );
          child.on('exit', (code) =>
            code === 0 ? resolve() : reject(new Error(`slice ${i}/${procs} exited with ${code}`)),
          );
        }),
    ),
  );
  const m = await readLibraryManifest(OUT);
  const table = await loadLibraryTable(OUT, m);
  const bytes = await folderBytes(OUT);
  const counts: Record<string, number> = {};
  table.status.forEach((s) => {
    const name = ['ok', 'exploded', 'quiescent', 'failed', 'rejected'][s];
    counts[name] = (counts[name] ?? 0) + 1;
  });
  process.stderr.write(
    `done: ${table.nRows} runs (${JSON.stringify(counts)}), ${table.nSpikes} stored spikes, ` +
      `${(table.bytes.spikes / Math.max(1, table.nSpikes)).toFixed(3)} B/spike, folder ${(bytes / 1e6).toFixed(2)} MB\n`,
  );
  if (table.problems.length) throw new Error(`corrupt shards: ${JSON.stringify(table.problems)}`);
  if (bytes > MAX_BYTES) throw new Error(`default library is ${bytes} bytes, over the ${MAX_BYTES} budget`);
}

main().catch((err: unknown) => {
  process.stderr.write(`build-default-library: ${(err as Error).message}\n`);
  process.exitCode = 1;
});
