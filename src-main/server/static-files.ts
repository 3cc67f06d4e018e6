// Serves the built renderer (out/renderer) with correct content types; unknown paths fall back to index.html.
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type { ServerResponse } from 'node:http';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.wasm': 'application/wasm',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.map': 'application/json',
};

/** Writes the file under `root` addressed by `urlPath`; refuses paths escaping `root`. */
export async function serveStatic(root: string, urlPath: string, res: ServerResponse, csp: string): Promise<void> {
  const decoded = decodeURIComponent(urlPath.split('?')[0]);
  let file = path.normalize(path.join(root, decoded));
  if (!file.startsWith(path.normalize(root + path.sep)) && file !== path.normalize(root)) {
    res.writeHead(403).end('forbidden');
    return;
  }
  try {
    const info = await stat(file);
    if (info.isDirectory()) file = path.join(file, 'index.html');
  } catch {
    // Client-side routes (history mode) resolve to the app shell; missing assets get 404.
    file = path.extname(decoded) ? '' : path.join(root, 'index.html');
  }
  if (!file) {
    res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    return;
  }
  try {
    const body = await readFile(file);
    const type = TYPES[path.extname(file)] ?? 'application/octet-stream';
    res.writeHead(200, {
      'content-type': type,
      'content-security-policy': csp,
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
      'cache-control': type.startsWith('text/html') ? 'no-store' : 'max-age=3600',
    });
    res.end(body);
  } catch {
    res
      .writeHead(503, { 'content-type': 'text/plain; charset=utf-8' })
      .end('The renderer is not built yet: run `npm run build`, then reload.');
  }
}
