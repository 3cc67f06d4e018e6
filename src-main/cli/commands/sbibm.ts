// `lodyn sbibm --task T --sims N`: trains NPE on an sbibm task and prints C2ST against the reference posterior.
import { writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { validationError } from '../../../src-shared/contract/envelope';
import { runSbibm } from '../../engine/sbi/benchmark';
import type { EstimatorId } from '../../engine/sbi/estimators';
import { SBIBM_TASKS } from '../../engine/sbi/tasks';
import type { CliIo } from '../io';

function intOption(name: string, value: string | undefined, min: number, max: number): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max)
    throw validationError(name, `expected an integer in [${min}, ${max}], got '${value}'`);
  return n;
}

export function register(program: Command, io: CliIo): void {
  program
    .command('sbibm')
    .description('benchmark neural posterior estimation on an sbibm task (C2ST against the reference posterior)')
    .requiredOption('--task <task>', `task: ${Object.keys(SBIBM_TASKS).join(', ')}`)
    .requiredOption('--sims <n>', 'number of simulations to train on')
    .option('--estimator <id>', 'density estimator: maf, nsf or mdn', 'maf')
    .option('--obs <k>', 'observation number 1..10', '1')
    .option('--samples-out <file>', 'write the posterior samples as CSV (theta_1..theta_d)')
    .option('--seed <n>', 'seed of simulations, training and sampling', '0')
    .option('--max-epochs <n>', 'cap on training epochs (default: until early stopping)')
    .option('--c2st-samples <n>', 'posterior and reference samples for C2ST', '10000')
    .option('--batch-size <n>', "training batch size (default sbi's 200; sbibm's published NPE runs used 10000)")
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
        json?: boolean;
      }) => {
        if (!['maf', 'nsf', 'mdn'].includes(opts.estimator)) {
          throw validationError('estimator', `expected maf, nsf or mdn, got '${opts.estimator}'`);
        }
        const result = await runSbibm({
          task: opts.task,
          sims: intOption('sims', opts.sims, 10, 10_000_000)!,
          estimator: opts.estimator as EstimatorId,
          observation: intOption('obs', opts.obs, 1, 10),
          seed: intOption('seed', opts.seed, 0, 2 ** 31 - 1),
          maxEpochs: intOption('max-epochs', opts.maxEpochs, 1, 1_000_000),
          c2stSamples: intOption('c2st-samples', opts.c2stSamples, 100, 1_000_000),
          batchSize: intOption('batch-size', opts.batchSize, 1, 1_000_000),
          onEpoch: (p) =>
            io.progress(
              `epoch ${p.epoch}: train ${p.trainLoss.toFixed(4)} val ${p.valLoss.toFixed(4)} (best ${p.bestEpoch}, ${p.epochSeconds.toFixed(2)} s)`,
            ),
        });
        const { samples, ...summary } = result;
        if (opts.samplesOut) {
          const header = Array.from({ length: samples.cols }, (_, j) => `theta_${j + 1}`).join(',');
          const lines = [header];
          for (let i = 0; i < samples.rows; i++)
            lines.push(Array.from(samples.data.subarray(i * samples.cols, (i + 1) * samples.cols)).join(','));
          writeFileSync(opts.samplesOut, `${lines.join('\n')}\n`);
        }
        io.result(
          summary,
          Boolean(opts.json),
          (r: typeof summary) =>
            `${r.task} (${r.estimator}, ${r.sims} sims, observation ${r.observationIndex}): C2ST ${r.c2st.toFixed(3)}; ` +
            `trained ${r.trainSeconds.toFixed(1)} s over ${r.epochs} epochs on ${r.backend}`,
        );
      },
    );
}
