// Browser-mode downloads: sends a file from the data root's exports/ folder, and nothing outside it.
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import type { ServerResponse } from 'node:http';
import { EXPORTS_DIR } from '../../src-shared/contract/transport';

/** Resolves `requested` and answers it only when it is a file inside `<dataRoot>/exports`. */
export async function serveDownload(dataRoot: string, requested: string | null, res: ServerResponse): Promise<void> {
  const exportsDir = path.resolve(dataRoot, EXPORTS_DIR);
  const file = requested ? path.resolve(requested) : '';
  if (!file || !file.startsWith(exportsDir + path.sep)) {
    res
      .writeHead(403, { 'content-type': 'text/plain; charset=utf-8' })
      .end(`only files under ${exportsDir} can be downloaded`);
    return;
  }
  try {
    const info = await stat(file);
    if (!info.isFile()) throw new Error('not a file');
    res.writeHead(200, {
      'content-type': 'application/octet-stream',
      'content-length': String(info.size),
      'content-disposition': `attachment; filename="${path.basename(file).replace(/"/g, '')}"`,
      'cache-control': 'no-store',
    });
    createReadStream(file).pipe(res);
  } catch {
    res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end(`no file at ${file}`);
  }
}
