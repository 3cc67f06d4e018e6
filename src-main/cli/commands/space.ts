// `lodyn space --example | --schema | --check FILE`: example parameter space, its JSON Schema, or validation of a file.
import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { parameterSpaceJsonSchema } from '../../../src-shared/space/schema';
import { withContext } from '../context';
import type { CliIo } from '../io';

export function register(program: Command, io: CliIo): void {
  program
    .command('space')
    .description('print an example parameter space (--example), its JSON Schema (--schema), or check a space file')
    .option('--example', 'print an example parameter space file')
    .option('--schema', 'print the JSON Schema of parameter space files')
    .option('--check <file>', 'validate a parameter space file and list its columns')
    .option('--json', 'print one JSON document')
    .action(async (opts: { example?: boolean; schema?: boolean; check?: string; json?: boolean }) => {
      if (opts.schema) return io.result(parameterSpaceJsonSchema(), true);
      if (opts.check) {
        const space = JSON.parse(await readFile(opts.check, 'utf8')) as unknown;
        const checked = await withContext(program, (call) => call('space:check', { space }));
        return io.result(checked, Boolean(opts.json), (c: typeof checked) =>
          [
            `ok: ${c.dim} free parameter(s)`,
            ...c.columns.map((col) => `  ${col.id} [${col.unit || '-'}] ${col.kind}`),
          ].join('\n'),
        );
      }
      const example = await withContext(program, (call) => call('space:example', {}));
      io.result(example, true);
    });
}
