// `lodyn library create|resume|list|show|export|import|merge|slurm|cancel`: libraries from scripts and clusters.
import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import type { JobRecord, LibraryRecord } from '../../../src-shared/catalogue/records';
import { validationError } from '../../../src-shared/contract/envelope';
import { slurmScript } from '../../engine/library/exports';
import { withContext, type CliCall } from '../context';
import type { HostContext } from '../../api/context';
import type { CliIo } from '../io';

function formatEta(s: number | null | undefined): string {
  if (s === null || s === undefined || !Number.isFinite(s)) return '?';
  if (s < 90) return `${Math.round(s)} s`;
  if (s < 5400) return `${Math.round(s / 60)} min`;
  return `${(s / 3600).toFixed(1)} h`;
}

/** Prints job progress lines on stderr (at most one per second, plus the last). */
function followProgress(ctx: HostContext, io: CliIo): () => void {
  let last = 0;
  return ctx.subscribe((event, payload) => {
    if (event !== 'job:progressed') return;
    const j = payload as JobRecord;
    const now = Date.now();
    if (now - last < 1000 && j.status === 'running' && j.done !== j.total) return;
    last = now;
    const pct = j.total ? ((100 * (j.done ?? 0)) / j.total).toFixed(1) : '0';
    io.progress(
      `${j.title ?? j.id}: ${j.done}/${j.total} runs (${pct}%), ${(j.runsPerS ?? 0).toFixed(1)} runs/s, ETA ${formatEta(j.etaS)} [${j.status}]`,
    );
  });
}

function parseSlice(text: string | undefined): { index: number; count: number } | undefined {
  if (!text) return undefined;
  const m = /^(\d+)\/(\d+)$/.exec(text);
  if (!m || Number(m[1]) >= Number(m[2]))
    throw validationError('shard', `expected i/n with 0 ≤ i < n (e.g. 0/4), got '${text}'`);
  return { index: Number(m[1]), count: Number(m[2]) };
}

function positiveInt(field: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const n = Number(text);
  if (!Number.isInteger(n) || n < 0) throw validationError(field, `expected a non-negative integer, got '${text}'`);
  return n;
}

interface CreateOpts {
  space: string;
  runs?: string;
  seeds?: string;
  design?: string;
  name?: string;
  shard?: string;
  out?: string;
  seed?: string;
  runsPerShard?: string;
  metrics?: string;
  maxNeurons?: string;
  concurrency?: string;
  json?: boolean;
}

/** Builds a library spec from a space file (or a whole library spec file) and the options. */
export async function specFromOptions(opts: CreateOpts): Promise<Record<string, unknown>> {
  const file = JSON.parse(await readFile(opts.space, 'utf8')) as Record<string, unknown>;
  const isLibrarySpec = typeof file.space === 'object' && file.space !== null;
  const spec: Record<string, unknown> = isLibrarySpec
    ? { ...file }
    : { name: String(file.name ?? 'library'), space: file };
  if (opts.name) spec.name = opts.name;
  const runs = positiveInt('runs', opts.runs);
  if (runs !== undefined) spec.nSets = runs;
  if (spec.nSets === undefined) throw validationError('runs', '--runs N is required (number of parameter sets)');
  const seeds = positiveInt('seeds', opts.seeds);
  if (seeds !== undefined) spec.seedsPerSet = seeds;
  if (opts.design) spec.design = opts.design === 'sobol' ? { kind: 'sobol', scramble: 'owen' } : { kind: opts.design };
  const seed = positiveInt('seed', opts.seed);
  if (seed !== undefined) spec.seed = seed;
  const rps = positiveInt('runs-per-shard', opts.runsPerShard);
  if (rps !== undefined) spec.runsPerShard = rps;
  if (opts.metrics)
    spec.metrics = opts.metrics
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
  const maxNeurons = positiveInt('max-neurons', opts.maxNeurons);
  if (maxNeurons !== undefined) spec.recording = { maxNeurons };
  return spec;
}

function human(rec: LibraryRecord): string {
  const mb = (rec.sizes.arrowBytes + rec.sizes.spikesBytes) / 1e6;
  return `${rec.id}  ${rec.name}  ${rec.counts.runsStored}/${rec.counts.runsPlanned} runs  ${rec.status}  ${mb.toFixed(1)} MB  (${rec.free.map((f) => f.id).join(', ')})`;
}

async function run<T>(program: Command, io: CliIo, body: (call: CliCall, ctx: HostContext) => Promise<T>): Promise<T> {
  return withContext(program, async (call, ctx) => {
    const stop = followProgress(ctx, io);
    try {
      return await body(call, ctx);
    } finally {
      stop();
    }
  });
}

export function register(program: Command, io: CliIo): void {
  const lib = program
    .command('library')
    .description('create, resume, browse, export, import and merge libraries of runs');

  lib
    .command('create')
    .description('create a library from a parameter space and generate it (progress on stderr)')
    .requiredOption('--space <file>', 'parameter space JSON (or a whole library spec JSON)')
    .option('--runs <n>', 'parameter sets (runs = sets × seeds)')
    .option('--seeds <k>', 'seeds per parameter set', undefined)
    .option('--design <kind>', 'sobol | lhs | random (grid: give it in a library spec file)')
    .option('--name <name>', 'library name')
    .option('--seed <s>', 'library seed (fixes every run)')
    .option('--runs-per-shard <r>', 'runs per shard (unit of crash safety)')
    .option('--metrics <ids>', 'comma-separated metric ids (default: all built-in)')
    .option('--max-neurons <m>', 'record spikes of at most m neurons per run (seeded subset)')
    .option('--shard <i/n>', 'generate only slice i of n (0-based) into its own folder, for clusters')
    .option('--out <dir>', 'library folder (default: inside the data root); rerun with the same folder to resume')
    .option('--concurrency <c>', 'runs simulated at once')
    .option('--json', 'print the result as JSON')
    .action(async (opts: CreateOpts) => {
      const spec = await specFromOptions(opts);
      const res = await run(program, io, (call) =>
        call('library:create', {
          spec: spec as never,
          wait: true,
          ...(opts.shard ? { shard: parseSlice(opts.shard) } : {}),
          ...(opts.out ? { out: opts.out } : {}),
          ...(opts.concurrency ? { concurrency: positiveInt('concurrency', opts.concurrency) } : {}),
        }),
      );
      io.result(res, Boolean(opts.json), (r: typeof res) => human(r.library));
    });

  lib
    .command('resume <id>')
    .description('make the missing shards of a library (after a crash, restart or cancel)')
    .option('--concurrency <c>', 'runs simulated at once')
    .option('--json', 'print the result as JSON')
    .action(async (id: string, opts: { json?: boolean; concurrency?: string }) => {
      const res = await run(program, io, (call) =>
        call('library:resume', {
          id,
          wait: true,
          ...(opts.concurrency ? { concurrency: positiveInt('concurrency', opts.concurrency) } : {}),
        }),
      );
      io.result(res, Boolean(opts.json), (r: typeof res) => human(r.library));
    });

  lib
    .command('list')
    .description('list libraries')
    .option('--json', 'print one JSON document')
    .action(async (opts: { json?: boolean }) => {
      const list = await withContext(program, (call) => call('library:list', {}));
      io.result(list, Boolean(opts.json), (l: LibraryRecord[]) =>
        l.length ? l.map(human).join('\n') : 'no libraries',
      );
    });

  lib
    .command('show <id>')
    .description('show a library: record, columns, problems')
    .option('--json', 'print one JSON document')
    .action(async (id: string, opts: { json?: boolean }) => {
      const d = await withContext(program, (call) => call('library:get', { id }));
      io.result(d, Boolean(opts.json), (x: typeof d) =>
        [
          human(x.record),
          ...x.columns.map(
            (c) => `  ${c.id.padEnd(16)} ${c.kind.padEnd(10)} ${c.unit.padEnd(6)} ${c.min ?? ''} .. ${c.max ?? ''}`,
          ),
          ...x.problems.map((p) => `  shard ${p.shard}: ${p.message} (skipped)`),
        ].join('\n'),
      );
    });

  lib
    .command('export <id>')
    .description('export a library')
    .requiredOption('--format <format>', 'csv | arrow | hdf5 | spec | folder')
    .requiredOption('--out <path>', 'output file or folder')
    .option('--json', 'print the result as JSON')
    .action(async (id: string, opts: { format: string; out: string; json?: boolean }) => {
      const res = await withContext(program, (call) =>
        call('library:export', { id, format: opts.format as never, out: opts.out }),
      );
      io.result(res, Boolean(opts.json), (r: typeof res) => `wrote ${r.path} (${r.bytes} bytes)`);
    });

  lib
    .command('import <path>')
    .description('import a library folder (copied into the data root)')
    .option('--json', 'print the result as JSON')
    .action(async (p: string, opts: { json?: boolean }) => {
      const rec = await withContext(program, (call) => call('library:import', { path: p }));
      io.result(rec, Boolean(opts.json), human);
    });

  lib
    .command('merge <paths...>')
    .description('merge slice folders made with --shard i/n into one library')
    .option('--name <name>', 'name of the merged library')
    .option('--json', 'print the result as JSON')
    .action(async (paths: string[], opts: { name?: string; json?: boolean }) => {
      const res = await withContext(program, (call) =>
        call('library:merge', { paths, ...(opts.name ? { name: opts.name } : {}) }),
      );
      io.result(res, Boolean(opts.json), (r: typeof res) => `${human(r.library)} (merged ${r.shards} shards)`);
    });

  lib
    .command('recompute <id>')
    .description('recompute metric columns from the stored spikes (post-hoc metrics)')
    .requiredOption('--metrics <ids>', 'comma-separated metric column ids, e.g. rate_mean,cv_isi_E')
    .option('--json', 'print the result as JSON')
    .action(async (id: string, opts: { metrics: string; json?: boolean }) => {
      const metrics = opts.metrics
        .split(',')
        .map((x) => x.trim())
        .filter(Boolean);
      const res = await run(program, io, (call) => call('library:recompute', { id, metrics, wait: true }));
      io.result(res, Boolean(opts.json), (r: typeof res) => human(r.library));
    });

  lib
    .command('cancel <jobId>')
    .description('cancel a running job of this process')
    .option('--json', 'print the result as JSON')
    .action(async (jobId: string, opts: { json?: boolean }) => {
      const res = await withContext(program, (call) => call('library:cancel', { jobId }));
      io.result(res, Boolean(opts.json));
    });

  lib
    .command('slurm')
    .description('print a SLURM job-array script that generates a library in n slices')
    .requiredOption('--shards <n>', 'number of slices (array tasks)')
    .option('--space <file>', 'parameter space file', 'space.json')
    .option('--runs <n>', 'parameter sets', '10000')
    .option('--seeds <k>', 'seeds per set', '1')
    .option('--design <kind>', 'sobol | lhs | random', 'sobol')
    .option('--name <name>', 'library name', 'library')
    .option('--cpus <c>', 'CPUs per task', '8')
    .option('--time <hh:mm:ss>', 'time limit per task', '12:00:00')
    .action(
      (opts: {
        shards: string;
        space: string;
        runs: string;
        seeds: string;
        design: string;
        name: string;
        cpus: string;
        time: string;
      }) => {
        const shards = positiveInt('shards', opts.shards);
        if (!shards) throw validationError('shards', 'expected a positive integer');
        process.stdout.write(
          slurmScript({
            shards,
            spaceFile: opts.space,
            runs: positiveInt('runs', opts.runs)!,
            seeds: positiveInt('seeds', opts.seeds)!,
            design: opts.design,
            name: opts.name,
            cpusPerTask: positiveInt('cpus', opts.cpus),
            timeLimit: opts.time,
          }),
        );
      },
    );
}
