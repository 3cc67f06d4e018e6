// `lodyn posterior train|sample|list|show|diagnose`: neural posterior estimation from libraries, from scripts.
import { readFile, writeFile } from 'node:fs/promises';
import type { Command } from 'commander';
import type { PosteriorRecord } from '../../../src-shared/catalogue/records';
import type { PosteriorProgress, PosteriorTarget } from '../../../src-shared/contract/calls/posterior';
import { validationError } from '../../../src-shared/contract/envelope';
import { withContext } from '../context';
import type { CliIo } from '../io';

function intOption(field: string, text: string | undefined, min = 0): number | undefined {
  if (text === undefined) return undefined;
  const n = Number(text);
  if (!Number.isInteger(n) || n < min) throw validationError(field, `expected an integer ≥ ${min}, got '${text}'`);
  return n;
}

/** `--run LIB:INDEX` or `--observation FILE.json` ({"metric": value, ...} or {"values": {...}}) to a target. */
export async function targetFromOptions(opts: { run?: string; observation?: string }): Promise<PosteriorTarget> {
  if (opts.run && opts.observation) throw validationError('run', 'give either --run or --observation, not both');
  if (opts.run) {
    const m = /^(.+):(\d+)$/.exec(opts.run);
    if (!m) throw validationError('run', `expected LIB:INDEX (e.g. default-library:12), got '${opts.run}'`);
    return { kind: 'run', libraryId: m[1], runIndex: Number(m[2]) };
  }
  if (opts.observation) {
    let doc: unknown;
    try {
      doc = JSON.parse(await readFile(opts.observation, 'utf8'));
    } catch (err) {
      throw validationError('observation', `cannot read ${opts.observation} as JSON: ${(err as Error).message}`);
    }
    const values = (doc as { values?: unknown }).values ?? doc;
    if (typeof values !== 'object' || values === null || Array.isArray(values)) {
      throw validationError('observation', 'expected a JSON object of metric id -> value');
    }
    return { kind: 'values', values: values as Record<string, number> };
  }
  throw validationError('observation', 'give --observation FILE.json or --run LIB:INDEX');
}

function human(p: PosteriorRecord): string {
  return [
    `${p.id}  ${p.name}`,
    `  library ${p.libraryId}, estimator ${p.estimator}, metrics ${p.metricIds.join(', ')}`,
    `  parameters ${p.params.map((q) => `${q.id}${q.scale === 'log' ? ' (log)' : ''}`).join(', ')}`,
    `  trained on ${p.counts.trained} runs (${p.counts.heldOut} held out; left out ${JSON.stringify(p.counts.excluded)})`,
    `  ${p.epochs} epochs (best ${p.bestEpoch}, ${p.stoppedBy}), ${p.trainSeconds.toFixed(1)} s on ${p.backend ?? '?'}`,
  ].join('\n');
}

export function register(program: Command, io: CliIo): void {
  const cmd = program.command('posterior').description('train, sample and check posteriors (NPE) from libraries');

  cmd
    .command('train')
    .description('train a posterior on a library (progress per epoch on stderr)')
    .requiredOption('--library <id>', 'library id')
    .requiredOption('--metrics <ids>', 'comma-separated metric columns to condition on')
    .option('--estimator <kind>', 'maf | nsf | mdn', 'maf')
    .option('--seed <n>', 'seed (init, split, shuffling)')
    .option('--max-epochs <n>', 'upper bound on epochs (default 200; early stopping usually ends sooner)')
    .option('--name <name>', 'name of the posterior')
    .option('--json', 'print the saved record as JSON')
    .action(
      async (opts: {
        library: string;
        metrics: string;
        estimator: string;
        seed?: string;
        maxEpochs?: string;
        name?: string;
        json?: boolean;
      }) => {
        const res = await withContext(program, async (call, ctx) => {
          const stop = ctx.subscribe((event, payload) => {
            if (event !== 'posterior:progressed') return;
            const p = payload as PosteriorProgress;
            io.progress(
              `epoch ${p.epoch + 1}/${p.maxEpochs}: train ${p.trainLoss.toFixed(4)}, validation ${p.valLoss.toFixed(4)}, best epoch ${p.bestEpoch + 1} (stops after ${p.stopAfterEpochs} without improvement)`,
            );
          });
          try {
            return await call('posterior:train', {
              libraryId: opts.library,
              metricIds: opts.metrics
                .split(',')
                .map((s) => s.trim())
                .filter(Boolean),
              estimator: opts.estimator as 'maf',
              seed: intOption('seed', opts.seed),
              maxEpochs: intOption('max-epochs', opts.maxEpochs, 1),
              name: opts.name,
              wait: true,
            });
          } finally {
            stop();
          }
        });
        io.result(res.posterior, Boolean(opts.json), human);
      },
    );

  cmd
    .command('sample <id>')
    .description('draw posterior samples given a target (CSV with --out, else JSON/summary on stdout)')
    .option('--observation <file>', 'JSON object of metric id -> value')
    .option('--run <lib:index>', 'a library run as the target')
    .option('--n <n>', 'number of samples', '1000')
    .option('--seed <n>', 'seed')
    .option('--out <file>', 'write samples as CSV (one column per parameter)')
    .option('--json', 'print samples and target as JSON')
    .action(
      async (
        id: string,
        opts: { observation?: string; run?: string; n: string; seed?: string; out?: string; json?: boolean },
      ) => {
        const target = await targetFromOptions(opts);
        const n = intOption('n', opts.n, 1)!;
        const { res, rec } = await withContext(program, async (call) => ({
          res: await call('posterior:sample', { id, target, n, seed: intOption('seed', opts.seed) }),
          rec: await call('posterior:get', { id }),
        }));
        if (res.warning) io.progress(`warning: ${res.warning}`);
        if (res.target.ood.message) io.progress(`warning: ${res.target.ood.message}`);
        if (opts.out) {
          const lines = [rec.params.map((p) => p.id).join(','), ...res.samples.map((s) => s.join(','))];
          await writeFile(opts.out, `${lines.join('\n')}\n`);
          io.progress(`wrote ${res.samples.length} samples to ${opts.out}`);
        }
        const summary = {
          id,
          target: res.target,
          n: res.samples.length,
          acceptance: res.acceptance,
          map: Object.fromEntries(rec.params.map((p, j) => [p.id, res.map[j]])),
          ...(opts.out ? { out: opts.out } : { params: rec.params.map((p) => p.id), samples: res.samples }),
        };
        io.result(summary, Boolean(opts.json), () =>
          [
            `${res.samples.length} samples of ${id} given ${res.target.label} (acceptance ${(100 * res.acceptance).toFixed(1)}%)`,
            ...rec.params.map((p, j) => {
              const v = res.samples.map((s) => s[j]).sort((a, b) => a - b);
              const q = (f: number) => v[Math.min(v.length - 1, Math.floor(f * v.length))];
              return `  ${p.id}: median ${q(0.5).toPrecision(4)} [5% ${q(0.05).toPrecision(4)}, 95% ${q(0.95).toPrecision(4)}] ${p.unit}${res.target.truth ? `, true ${res.target.truth[j].toPrecision(4)}` : ''}`;
            }),
          ].join('\n'),
        );
      },
    );

  cmd
    .command('list')
    .description('list saved posteriors')
    .option('--json', 'print one JSON document')
    .action(async (opts: { json?: boolean }) => {
      const list = await withContext(program, (call) => call('posterior:list', {}));
      io.result(list, Boolean(opts.json), (l: PosteriorRecord[]) =>
        l.length ? l.map(human).join('\n') : 'no posteriors',
      );
    });

  cmd
    .command('show <id>')
    .description('show one posterior')
    .option('--json', 'print one JSON document')
    .action(async (id: string, opts: { json?: boolean }) => {
      const rec = await withContext(program, (call) => call('posterior:get', { id }));
      io.result(rec, Boolean(opts.json), human);
    });

  cmd
    .command('diagnose <id>')
    .description('SBC, expected coverage and TARP on the held-out runs, with a verdict')
    .option('--n-sbc <n>', 'held-out runs to use (default 200)')
    .option('--samples <n>', 'posterior samples per run (default 100)')
    .option('--json', 'print one JSON document')
    .action(async (id: string, opts: { nSbc?: string; samples?: string; json?: boolean }) => {
      const d = await withContext(program, (call) =>
        call('posterior:diagnose', {
          id,
          nSbc: intOption('n-sbc', opts.nSbc, 10),
          nPosteriorSamples: intOption('samples', opts.samples, 10),
        }),
      );
      io.result(d, Boolean(opts.json), () =>
        [
          d.verdict,
          `  SBC KS p-values: ${d.sbc.ksPValues.map((p) => p.toFixed(3)).join(', ')} (${d.sbc.passed ? 'pass' : 'fail'})`,
          `  expected coverage max deviation ${d.coverage.maxDeviation.toFixed(3)} (${d.coverage.passed ? 'pass' : 'fail'})`,
          `  TARP max deviation ${d.tarp.maxDeviation.toFixed(3)} (${d.tarp.passed ? 'pass' : 'fail'})`,
          `  ${d.nSbc} runs × ${d.nPosteriorSamples} samples in ${d.seconds.toFixed(1)} s`,
        ].join('\n'),
      );
    });
}
