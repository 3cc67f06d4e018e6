// The Electron shell, with `electron` mocked: every call bound, the window hardened, the preload equal to the contract.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { callNames } from '../../../../src-shared/contract/channels';
import { IPC_EVENT_CHANNEL } from '../../../../src-shared/contract/transport';
import { createElectronMock } from './electron-mock';

const mock = createElectronMock();
vi.mock('electron', () => mock.module);

let dataRoot: string;
let loadedFile: () => string;

beforeAll(async () => {
  dataRoot = await mkdtemp(path.join(os.tmpdir(), 'lodyn-shell-'));
  process.env.LODYN_HOME = dataRoot;
  await import('../../../../src-main/app/main');
  // main.ts starts itself on import; wait until the window exists.
  await vi.waitFor(() => expect(mock.windows.length).toBe(1), { timeout: 20_000 });
  loadedFile = () => String((mock.windows[0].window.loadFile.mock.calls[0] as unknown[])[0]);
});

afterAll(async () => {
  delete process.env.LODYN_HOME;
  await rm(dataRoot, { recursive: true, force: true });
});

describe('main process', () => {
  it('binds exactly one ipcMain handler per contract call', () => {
    expect([...mock.handlers.keys()].sort()).toEqual([...callNames].sort());
  });

  it('takes the single-instance lock', () => {
    expect(mock.module.app.requestSingleInstanceLock).toHaveBeenCalled();
  });

  it('creates the window with context isolation, sandbox and no node integration', () => {
    const prefs = mock.windows[0].options.webPreferences as Record<string, unknown>;
    expect(prefs.contextIsolation).toBe(true);
    expect(prefs.sandbox).toBe(true);
    expect(prefs.nodeIntegration).toBe(false);
    expect(prefs.webviewTag).toBe(false);
    expect(String(prefs.preload)).toMatch(/preload[\\/]index\.cjs$/);
  });

  it('denies navigation away from the app and every new window', () => {
    const wc = mock.windows[0].webContents;
    const navigate = wc.listeners.get('will-navigate')!;
    const prevented = { preventDefault: vi.fn() };
    navigate(prevented, 'https://example.com/');
    expect(prevented.preventDefault).toHaveBeenCalled();
    expect(wc.windowOpenHandler!({ url: 'https://example.com' })).toEqual({ action: 'deny' });
    expect(mock.module.shell.openExternal).toHaveBeenCalledWith('https://example.com');
    expect(wc.windowOpenHandler!({ url: 'file:///etc/passwd' })).toEqual({ action: 'deny' });
  });

  it('sets a strict CSP with wasm-unsafe-eval on every response and refuses permissions', () => {
    const onHeaders = mock.module.session.defaultSession.webRequest.onHeadersReceived.mock.calls[0][0] as (
      d: { responseHeaders: Record<string, string[]> },
      cb: (r: { responseHeaders: Record<string, string[]> }) => void,
    ) => void;
    let headers: Record<string, string[]> = {};
    onHeaders({ responseHeaders: {} }, (r) => (headers = r.responseHeaders));
    const csp = headers['Content-Security-Policy'][0];
    expect(csp).toContain("script-src 'self' 'wasm-unsafe-eval'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).not.toMatch(/'unsafe-eval'/);
    const permission = mock.module.session.defaultSession.setPermissionRequestHandler.mock.calls[0][0] as (
      wc: unknown,
      p: string,
      cb: (granted: boolean) => void,
    ) => void;
    const granted = vi.fn();
    permission(null, 'geolocation', granted);
    expect(granted).toHaveBeenCalledWith(false);
  });

  it('installs an app menu with open data folder, about and quit', () => {
    const template = mock.module.Menu.buildFromTemplate.mock.calls[0][0] as { submenu: { label?: string }[] }[];
    const labels = template[0].submenu.map((i) => i.label);
    expect(labels).toContain('Open Data Folder');
    expect(labels).toContain('About Library of Dynamics');
    expect(labels).toContain('Quit');
  });

  it('answers a call over IPC from the app page, and refuses other pages', async () => {
    const handler = mock.handlers.get('system:info')!;
    const loaded = loadedFile();
    const appUrl = pathToFileURL(loaded).href;
    const ok = (await handler({ senderFrame: { url: appUrl } }, {})) as {
      ok: boolean;
      value: { host: string; dataRoot: string };
    };
    expect(ok.ok).toBe(true);
    expect(ok.value.host).toBe('electron');
    expect(ok.value.dataRoot).toBe(dataRoot);
    for (const url of ['https://evil.example/', appUrl.replace('/renderer/', '/renderer-evil/')]) {
      const denied = (await handler({ senderFrame: { url } }, {})) as { ok: boolean };
      expect(denied.ok).toBe(false);
    }
  });
});

describe('native dialogs', () => {
  it('answers system:chooseSavePath with the save dialog in the desktop app', async () => {
    const handler = mock.handlers.get('system:chooseSavePath')!;
    mock.module.dialog.showSaveDialog.mockResolvedValueOnce({ canceled: false, filePath: '/home/u/runs.csv' });
    const url = pathToFileURL(loadedFile()).href;
    const res = (await handler({ senderFrame: { url } }, { defaultName: 'runs.csv' })) as {
      ok: boolean;
      value: { path: string; native: boolean };
    };
    expect(res).toEqual({ ok: true, value: { path: '/home/u/runs.csv', native: true } });
    mock.module.dialog.showSaveDialog.mockResolvedValueOnce({ canceled: true });
    const cancelled = (await handler({ senderFrame: { url } }, { defaultName: 'runs.csv' })) as {
      value: { path: string | null };
    };
    expect(cancelled.value.path).toBeNull();
  });
});

describe('preload', () => {
  it('exposes exactly the contract calls plus `on`, as window.lodyn', async () => {
    await import('../../../../src-main/app/preload/index');
    const exposed = mock.exposed.lodyn as Record<string, unknown>;
    expect(mock.module.contextBridge.exposeInMainWorld).toHaveBeenCalledTimes(1);
    expect(Object.keys(exposed).sort()).toEqual([...callNames, 'on'].sort());
    for (const value of Object.values(exposed)) expect(typeof value).toBe('function');
  });

  it('relays only known events and can unsubscribe', async () => {
    const exposed = mock.exposed.lodyn as { on: (e: string, l: (p: unknown) => void) => () => void };
    expect(() => exposed.on('not:an-event', () => undefined)).toThrow(/unknown event/);
    const seen: unknown[] = [];
    const off = exposed.on('system:logged', (p) => seen.push(p));
    const relay = [...mock.rendererListeners.get(IPC_EVENT_CHANNEL)!][0];
    relay({}, { event: 'system:logged', payload: { message: 'hi' } });
    relay({}, { event: 'other:event', payload: {} });
    off();
    expect(seen).toEqual([{ message: 'hi' }]);
    expect(mock.rendererListeners.get(IPC_EVENT_CHANNEL)!.size).toBe(0);
  });
});
