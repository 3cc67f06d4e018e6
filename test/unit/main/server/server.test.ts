// The browser-mode host end to end over real sockets: calls, events over WebSocket, 401 and 403.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createHandlers } from '../../../../src-main/api';
import { createHostContext, type HostContext } from '../../../../src-main/api/context';
import { createDispatch } from '../../../../src-main/api/dispatch';
import { startServer, type RunningServer } from '../../../../src-main/server/server';

let dir: string;
let server: RunningServer;
let ctx: HostContext;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'lodyn-server-'));
  const renderer = path.join(dir, 'renderer');
  await import('node:fs/promises').then((fs) => fs.mkdir(renderer));
  await writeFile(path.join(renderer, 'index.html'), '<!doctype html><title>app</title>');
  ctx = await createHostContext({ host: 'browser', dataRoot: path.join(dir, 'data') });
  server = await startServer({ port: 0, rendererDir: renderer, dispatch: createDispatch(createHandlers(), ctx), ctx });
});

afterAll(async () => {
  await server.close();
  await rm(dir, { recursive: true, force: true });
});

const base = () => `http://127.0.0.1:${server.port}`;
const auth = () => ({ authorization: `Bearer ${server.token}` });

describe('browser-mode server', () => {
  it('prints a loopback URL with a long random token', () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[0-9a-f]{64}$/);
  });

  it('serves the app with the token, sets a strict cookie and a CSP', async () => {
    const res = await fetch(server.url);
    expect(res.status).toBe(200);
    expect(res.headers.get('set-cookie')).toMatch(/HttpOnly; SameSite=Strict/);
    expect(res.headers.get('content-security-policy')).toContain("'wasm-unsafe-eval'");
    expect(await res.text()).toContain('<title>app</title>');
  });

  it('answers 401 without the token and 403 for a foreign origin', async () => {
    expect((await fetch(`${base()}/`)).status).toBe(401);
    expect((await fetch(`${base()}/api/call/system:health`, { method: 'POST', body: '{}' })).status).toBe(401);
    const foreign = await fetch(`${base()}/api/call/system:health`, {
      method: 'POST',
      headers: { ...auth(), origin: 'http://evil.example' },
      body: '{}',
    });
    expect(foreign.status).toBe(403);
  });

  it('answers calls with envelopes, errors included', async () => {
    const ok = await (
      await fetch(`${base()}/api/call/system:health`, { method: 'POST', headers: auth(), body: '{}' })
    ).json();
    expect(ok).toMatchObject({ ok: true, value: { ok: true } });
    const bad = await (
      await fetch(`${base()}/api/call/system:health`, { method: 'POST', headers: auth(), body: '{"a":1}' })
    ).json();
    expect(bad).toMatchObject({ ok: false, error: { name: 'ValidationError', field: 'a' } });
    const notJson = await fetch(`${base()}/api/call/system:health`, { method: 'POST', headers: auth(), body: '{' });
    expect(notJson.status).toBe(400);
  });

  it('pushes events over an authenticated WebSocket and refuses others', async () => {
    const wsUrl = `ws://127.0.0.1:${server.port}/api/events`;
    const refused = await new Promise<number>((resolve) => {
      const ws = new WebSocket(wsUrl);
      ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
      ws.on('error', () => undefined);
    });
    expect(refused).toBe(401);
    const foreign = await new Promise<number>((resolve) => {
      const ws = new WebSocket(`${wsUrl}?token=${server.token}`, { origin: 'http://evil.example' });
      ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
      ws.on('error', () => undefined);
    });
    expect(foreign).toBe(403);

    const ws = new WebSocket(`${wsUrl}?token=${server.token}`);
    await new Promise((resolve) => ws.once('open', resolve));
    const message = new Promise<unknown>((resolve) => ws.once('message', (data) => resolve(JSON.parse(String(data)))));
    const payload = { level: 'info' as const, message: 'hello', atIso: new Date(0).toISOString() };
    ctx.emit('system:logged', payload);
    expect(await message).toEqual({ event: 'system:logged', payload });
    ws.close();
  });

  it('downloads files from the exports folder only, and only with the token', async () => {
    const exportsDir = path.join(dir, 'data', 'exports');
    await import('node:fs/promises').then((fs) => fs.mkdir(exportsDir, { recursive: true }));
    const file = path.join(exportsDir, 'runs.csv');
    await writeFile(file, 'a,b\n1,2\n');
    const url = (p: string) => `${base()}/api/download?path=${encodeURIComponent(p)}`;
    const ok = await fetch(url(file), { headers: auth() });
    expect(ok.status).toBe(200);
    expect(ok.headers.get('content-disposition')).toContain('runs.csv');
    expect(await ok.text()).toBe('a,b\n1,2\n');
    expect((await fetch(url(file))).status).toBe(401);
    expect((await fetch(url(path.join(dir, 'data', 'catalogue.json')), { headers: auth() })).status).toBe(403);
    expect((await fetch(url(path.join(exportsDir, '..', 'catalogue.json')), { headers: auth() })).status).toBe(403);
    expect((await fetch(url(path.join(exportsDir, 'missing.csv')), { headers: auth() })).status).toBe(404);
  });

  it('binds 127.0.0.1 only', () => {
    const address = server.server.address();
    expect(typeof address === 'object' && address?.address).toBe('127.0.0.1');
  });
});
