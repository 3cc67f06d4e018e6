// Browser mode: the same handlers over HTTP (calls) and WebSocket (events), on 127.0.0.1 only, behind a token.
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import type { Dispatch } from '../api/dispatch';
import type { HostContext } from '../api/context';
import {
  HTTP_CALL_PREFIX as CALL_PREFIX,
  HTTP_DOWNLOAD_PATH,
  WS_EVENTS_PATH as EVENTS_PATH,
} from '../../src-shared/contract/transport';
import { serveDownload } from './download';
import { contentSecurityPolicy } from './csp';
import { checkOrigin, presentedToken, TOKEN_COOKIE, tokenMatches } from './guard';
import { serveStatic } from './static-files';

export interface ServeOptions {
  /** 0 picks a free port. */
  port: number;
  /** Folder of the built renderer (index.html + assets). */
  rendererDir: string;
  dispatch: Dispatch;
  ctx: HostContext;
  /** Fixed token for tests; random (32 bytes, hex) otherwise. */
  token?: string;
  /** Largest accepted request body. @default 256 MiB (spike files travel base64-encoded) */
  maxBodyBytes?: number;
}

export interface RunningServer {
  url: string;
  port: number;
  token: string;
  server: Server;
  close(): Promise<void>;
}

function readBody(req: IncomingMessage, limit: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        reject(new Error(`request body larger than ${limit} bytes`));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(JSON.stringify(body));
}

export async function startServer(opts: ServeOptions): Promise<RunningServer> {
  const token = opts.token ?? randomBytes(32).toString('hex');
  const maxBody = opts.maxBodyBytes ?? 256 * 2 ** 20;
  let port = opts.port;
  const csp = () => contentSecurityPolicy([`ws://127.0.0.1:${port}`, `ws://localhost:${port}`]);

  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const origin = checkOrigin(req.headers, port);
    if (!origin.ok) {
      sendJson(res, 403, { ok: false, error: { name: 'Forbidden', message: origin.reason } });
      return;
    }
    const presented = presentedToken(req.headers, url);
    if (!tokenMatches(presented, token)) {
      sendJson(res, 401, {
        ok: false,
        error: { name: 'Unauthorized', message: 'missing or wrong token: open the URL printed by `lodyn serve`' },
      });
      return;
    }
    if (url.pathname.startsWith(CALL_PREFIX)) {
      if (req.method !== 'POST') {
        sendJson(res, 405, { ok: false, error: { name: 'MethodNotAllowed', message: 'calls are POST' } });
        return;
      }
      let request: unknown = {};
      try {
        const body = await readBody(req, maxBody);
        request = body ? JSON.parse(body) : {};
      } catch (err) {
        sendJson(res, 400, { ok: false, error: { name: 'BadRequest', message: (err as Error).message } });
        return;
      }
      const name = decodeURIComponent(url.pathname.slice(CALL_PREFIX.length));
      sendJson(res, 200, await opts.dispatch(name, request));
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405).end();
      return;
    }
    if (url.pathname === HTTP_DOWNLOAD_PATH) {
      await serveDownload(opts.ctx.dataRoot, url.searchParams.get('path'), res);
      return;
    }
    // The page's own asset requests carry no query token: a strict same-site cookie carries it for them.
    if (url.searchParams.has('token')) {
      res.setHeader('set-cookie', `${TOKEN_COOKIE}=${token}; HttpOnly; SameSite=Strict; Path=/`);
    }
    await serveStatic(opts.rendererDir, url.pathname, res, csp());
  });

  const sockets = new Set<WebSocket>();
  const wss = new WebSocketServer({ noServer: true });
  server.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const origin = checkOrigin(req.headers, port);
    const deny = (status: number, text: string) => {
      socket.write(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
      socket.destroy();
    };
    if (!origin.ok) return deny(403, 'Forbidden');
    if (!tokenMatches(presentedToken(req.headers, url), token)) return deny(401, 'Unauthorized');
    if (url.pathname !== EVENTS_PATH) return deny(404, 'Not Found');
    wss.handleUpgrade(req, socket, head, (ws) => {
      sockets.add(ws);
      ws.on('close', () => sockets.delete(ws));
    });
  });
  const unsubscribe = opts.ctx.subscribe((event, payload) => {
    const message = JSON.stringify({ event, payload });
    for (const ws of sockets) ws.send(message);
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, '127.0.0.1', () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/?token=${token}`,
    port,
    token,
    server,
    async close() {
      unsubscribe();
      for (const ws of sockets) ws.terminate();
      wss.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
