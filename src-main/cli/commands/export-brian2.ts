// `lodyn export-brian2 --spec FILE [--seed N] > net.py`: prints a runnable Brian2 script of exactly that model.
import type { Command } from 'commander';
import { withContext } from '../context';
import type { CliIo } from '../io';
import { parseSeed, readSpecFile } from './simulate';

export function register(program: Command, _io: CliIo): void {
  program
    .command('export-brian2')
    .description('print a runnable Brian2 script of the spec (same model, connectivity rule and parameters)')
    .requiredOption('--spec <file>', 'spec JSON')
    .option('--seed <n>', "seed passed to Brian2's and numpy's generators", '1')
    .action(async (opts: { spec: string; seed?: string }) => {
      const spec = readSpecFile(opts.spec);
      const seed = parseSeed(opts.seed);
      const { script } = await withContext(program, (call) => call('sim:exportBrian2', { spec, seed }));
      process.stdout.write(script);
    });
}
