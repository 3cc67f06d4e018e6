// `lodyn info [--json]`: prints system:info.
import type { Command } from 'commander';
import { withContext } from '../context';
import type { CliIo } from '../io';
import type { SystemInfo } from '../../../src-shared/contract/calls/system';

export function register(program: Command, io: CliIo): void {
  program
    .command('info')
    .description('print versions, CPU, memory, TensorFlow.js backends and the data root')
    .option('--json', 'print one JSON document')
    .action(async (opts: { json?: boolean }) => {
      const info = await withContext(program, (call) => call('system:info', {}));
      io.result(info, Boolean(opts.json), (i: SystemInfo) =>
        [
          `${i.appName} ${i.appVersion} (node ${i.versions.node}, ${i.platform}/${i.arch})`,
          `CPU: ${i.cpuCount} × ${i.cpuModel}; memory ${(i.memoryTotalBytes / 2 ** 30).toFixed(1)} GiB`,
          `TensorFlow.js ${i.tensorflow.tfjsVersion}: using ${i.tensorflow.used} (${i.tensorflow.backends
            .map((b) => `${b.name} ${b.available ? 'ok' : 'unavailable'}`)
            .join(', ')})`,
          `data root: ${i.dataRoot}`,
        ].join('\n'),
      );
    });
}
