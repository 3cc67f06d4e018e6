// `lodyn serve [--port P] [--no-open]`: browser mode on 127.0.0.1 with a tokened URL.
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { createHandlers } from '../../api';
import { createHostContext } from '../../api/context';
import { createDispatch } from '../../api/dispatch';
import { RENDERER_DIR } from '../../engine/package-root';
import { startServer } from '../../server/server';
import { openBrowser } from '../../server/open-browser';
import { dataRootOf } from '../context';
import type { CliIo } from '../io';

export function register(program: Command, io: CliIo): void {
  program
    .command('serve')
    .description('serve the app to a browser on 127.0.0.1 (prints a URL with a secret token)')
    .option('--port <port>', 'port to listen on (0 picks a free one)', '0')
    .option('--no-open', 'do not open a browser')
    .option('--json', 'print {url, port, dataRoot} as one JSON line on stdout once listening')
    .action(async (opts: { port: string; open: boolean; json?: boolean }) => {
      const port = Number(opts.port);
      if (!Number.isInteger(port) || port < 0 || port > 65535) {
        throw new Error(`--port: expected an integer in [0, 65535], got '${opts.port}'`);
      }
      const dataRoot = dataRootOf(program);
      const ctx = await createHostContext({ host: 'browser', dataRoot });
      const dispatch = createDispatch(createHandlers(), ctx);
      if (!existsSync(path.join(RENDERER_DIR, 'index.html'))) {
        io.progress('lodyn: the renderer is not built (no out/renderer/index.html); run `npm run build` for the UI');
      }
      const running = await startServer({ port, rendererDir: RENDERER_DIR, dispatch, ctx });
      if (opts.json) process.stdout.write(`${JSON.stringify({ url: running.url, port: running.port, dataRoot })}\n`);
      else process.stdout.write(`Library of Dynamics is served at ${running.url}\n(data: ${dataRoot}; Ctrl+C stops)\n`);
      if (opts.open) openBrowser(running.url, (m) => io.progress(`lodyn: ${m}`));
      const stop = async () => {
        await running.close();
        process.exit(0);
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
}
