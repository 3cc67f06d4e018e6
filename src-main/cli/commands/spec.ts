// `lodyn spec --model F | --schema [--params]`: prints a family's default spec, the JSON Schema, or the parameter table.
import type { Command } from 'commander';
import { modelFamilies, type ModelFamily } from '../../../src-shared/model/network-spec';
import { validationError } from '../../../src-shared/contract/envelope';
import { withContext } from '../context';
import type { CliIo } from '../io';

export function register(program: Command, io: CliIo): void {
  program
    .command('spec')
    .description(`print the default spec of a model family (${modelFamilies.join('|')}) or the spec's JSON Schema`)
    .option('--model <family>', `model family: ${modelFamilies.join(', ')}`)
    .option('--schema', 'print the JSON Schema of the spec')
    .option('--params', 'with --model: print the parameter table (path, label, unit, default, min, max, doc)')
    .action(async (opts: { model?: string; schema?: boolean; params?: boolean }) => {
      await withContext(program, async (call) => {
        if (opts.schema) {
          io.result((await call('sim:schema', {})).jsonSchema, true);
          return;
        }
        if (!opts.model || !(modelFamilies as readonly string[]).includes(opts.model)) {
          throw validationError('model', `--model must be one of ${modelFamilies.join(', ')}`, {
            allowed: modelFamilies,
          });
        }
        const defaults = await call('sim:defaults', { model: opts.model as ModelFamily });
        io.result(opts.params ? defaults.params : defaults.spec, true);
      });
    });
}
