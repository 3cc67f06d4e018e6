// `lodyn sbibm --task T --sims N`: trains NPE on an sbibm task and prints C2ST against the reference posterior.
import { writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { validationError } from '../../../src-shared/contract/envelope';
import { runSbibmObservations, type SbibmObservationResult } from '../../engine/sbi/benchmark';
import type { EstimatorId } from '../../engine/sbi/estimators';
import type { Matrix } from '../../engine/sbi/matrix';
import { SBIBM_TASKS } from '../../engine/sbi/tasks';
import type { CliIo } from '../io';

function intOption(name: string, value: string | undefined, min: number, max: number): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max)
    throw validationError(name, `expected an integer in [${min}, ${max}], got '${value}'`);
  return n;
}

/** `--obs`: one number, a list `1,3,5`, a range `1-10`, or `all` (1..10). */
export function parseObservations(value: string): number[] {
  if (value === 'all') return Array.from({ length: 10 }, (_, i) => i + 1);
  const out: number[] = [];
  for (const part of value.split(',')) {
    const range = /^(\d+)-(\d+)$/.exec(part.trim());
    if (range) {
      const a = intOption('obs', range[1], 1, 10)!;
      const b = intOption('obs', range[2], 1, 10)!;
      if (b < a) throw validationError('obs', `expected a range low-high within 1..10, got '${part}'`);
      for (let k = a; k <= b; k++) out.push(k);
    } else out.push(intOption('obs', part.trim(), 1, 10)!);
  }
  return [...new Set(out)];
}

function writeSamples(file: string, samples: Matrix): void {
  const header = Array.from({ length: samples.cols }, (_, j) => `theta_${j + 1}`).join(',');
  const lines = [header];
  for (let i = 0; i < samples.rows; i++)
    lines.push(Array.from(samples.data.subarray(i * samples.cols, (i + 1) * samples.cols)).join(','));
  writeFileSync(file, `${lines.join('\n')}\n`);
}

/** With several observations, `out.csv` becomes `out-obs3.csv` and so on. */
function samplesPath(file: string, num: number, many: boolean): string {
  if (!many) return file;
  const dot = file.lastIndexOf('.');
  return dot > file.lastIndexOf('/') ? `${file.slice(0, dot)}-obs${num}${file.slice(dot)}` : `${file}-obs${num}`;
}

export function register(program: Command, io: CliIo): void {
  program
    .command('sbibm')
    .description('benchmark neural posterior estimation on an sbibm task (C2ST against the reference posterior)')
    .requiredOption('--task <task>', `task: ${Object.keys(SBIBM_TASKS).join(', ')}`)
    .requiredOption('--sims <n>', 'number of simulations to train on')
    .option('--estimator <id>', 'density estimator: maf, nsf or mdn', 'maf')
    .option('--obs <k>', 'observation number 1..10, a list (1,3), a range (1-10) or all; one training serves all', '1')
    .option('--samples-out <file>', 'write the posterior samples as CSV (theta_1..theta_d); -obsK added if several')
    .option('--seed <n>', 'seed of simulations, training and sampling', '0')
    .option('--max-epochs <n>', 'cap on training epochs (default: until early stopping)')
    .option('--c2st-samples <n>', 'posterior and reference samples for C2ST', '10000')
    .option('--batch-size <n>', "training batch size (default sbi's 200; sbibm's published NPE runs used 10000)")
    .option('--ensemble <k>', 'train k flows (seeds seed..seed+k-1) and sample their equal-weight mixture', '1')
    .option('--transform <t>', 'parameter space the flow learns in: none, or logit (box priors; no leakage)', 'none')
    .option('--c2st-workers <n>', 'worker threads for the C2ST folds (default: min(5, cores))')
    .option('--json', 'print one JSON document')
    .action(
      async (opts: {
        task: string;
        sims: string;
        estimator: string;
        obs: string;
        samplesOut?: string;
        seed: string;
        maxEpochs?: string;
        c2stSamples: string;
        batchSize?: string;
        ensemble: string;
        transform: string;
        c2stWorkers?: string;
        json?: boolean;
      }) => {
        if (!['maf', 'nsf', 'mdn'].includes(opts.estimator)) {
          throw validationError('estimator', `expected maf, nsf or mdn, got '${opts.estimator}'`);
        }
        if (opts.transform !== 'none' && opts.transform !== 'logit')
          throw validationError('transform', `expected none or logit, got '${opts.transform}'`);
        const observations = parseObservations(opts.obs);
        const many = observations.length > 1;
        const strip = ({ samples: _samples, ...r }: SbibmObservationResult): Omit<SbibmObservationResult, 'samples'> =>
          r;
        const result = await runSbibmObservations({
          task: opts.task,
          sims: intOption('sims', opts.sims, 10, 10_000_000)!,
          estimator: opts.estimator as EstimatorId,
          observations,
          seed: intOption('seed', opts.seed, 0, 2 ** 31 - 1),
          maxEpochs: intOption('max-epochs', opts.maxEpochs, 1, 1_000_000),
          c2stSamples: intOption('c2st-samples', opts.c2stSamples, 100, 1_000_000),
          batchSize: intOption('batch-size', opts.batchSize, 1, 1_000_000),
          ensemble: intOption('ensemble', opts.ensemble, 1, 16),
          transformTheta: opts.transform,
          c2stWorkers: intOption('c2st-workers', opts.c2stWorkers, 1, 64),
          onEpoch: (p) =>
            io.progress(
              `${p.member !== undefined ? `member ${p.member} ` : ''}epoch ${p.epoch}: train ${p.trainLoss.toFixed(4)} ` +
                `val ${p.valLoss.toFixed(4)} (best ${p.bestEpoch}, ${p.epochSeconds.toFixed(2)} s)`,
            ),
          onObservation: (r) => {
            if (opts.samplesOut) writeSamples(samplesPath(opts.samplesOut, r.observationIndex, many), r.samples);
            io.progress(`observation ${r.observationIndex}: C2ST ${r.c2st.toFixed(4)} (${r.c2stSeconds.toFixed(1)} s)`);
          },
        });
        const { results, meanC2st, ...summary } = result;
        // One observation keeps the flat document (c2st, observation, …); several add the per-observation list.
        const doc = many
          ? { ...summary, observations, meanC2st, results: results.map(strip) }
          : { ...summary, ...strip(results[0]) };
        io.result(doc, Boolean(opts.json), () =>
          many
            ? `${summary.task} (${summary.estimator}, ${summary.sims} sims): mean C2ST ${meanC2st.toFixed(3)} over ` +
              `observations ${observations.join(',')} (${results.map((r) => r.c2st.toFixed(3)).join(' ')}); ` +
              `trained ${summary.trainSeconds.toFixed(1)} s over ${summary.epochs} epochs on ${summary.backend}`
            : `${summary.task} (${summary.estimator}, ${summary.sims} sims, observation ${observations[0]}): ` +
              `C2ST ${results[0].c2st.toFixed(3)}; trained ${summary.trainSeconds.toFixed(1)} s over ` +
              `${summary.epochs} epochs on ${summary.backend}`,
        );
      },
    );
}
