// A minimal stand-in for the `electron` module (its binary cannot be downloaded here): records what the shell does.
import { vi } from 'vitest';

type Handler = (event: { senderFrame?: { url: string } }, ...args: unknown[]) => unknown;

export function createElectronMock() {
  const handlers = new Map<string, Handler>();
  const windows: {
    options: Record<string, unknown>;
    webContents: ReturnType<typeof fakeWebContents>;
    window: BrowserWindow;
  }[] = [];
  const exposed: Record<string, unknown> = {};
  const rendererListeners = new Map<string, Set<(...args: unknown[]) => void>>();

  function fakeWebContents() {
    const listeners = new Map<string, (...args: unknown[]) => void>();
    return {
      listeners,
      windowOpenHandler: null as null | ((d: { url: string }) => { action: string }),
      on: vi.fn((name: string, fn: (...args: unknown[]) => void) => listeners.set(name, fn)),
      setWindowOpenHandler: vi.fn(function (this: { windowOpenHandler: unknown }, fn: unknown) {
        this.windowOpenHandler = fn;
      }),
      send: vi.fn(),
      isDestroyed: () => false,
    };
  }

  class BrowserWindow {
    webContents = fakeWebContents();
    constructor(public options: Record<string, unknown>) {
      windows.push({ options, webContents: this.webContents, window: this });
    }
    once = vi.fn();
    on = vi.fn();
    show = vi.fn();
    loadFile = vi.fn(async () => undefined);
    loadURL = vi.fn(async () => undefined);
    isMinimized = () => false;
    restore = vi.fn();
    focus = vi.fn();
  }

  const ipcMain = {
    handle: vi.fn((channel: string, fn: Handler) => handlers.set(channel, fn)),
  };
  const ipcRenderer = {
    invoke: vi.fn(async (channel: string, request: unknown) => {
      const handler = handlers.get(channel);
      if (!handler) throw new Error(`no handler for ${channel}`);
      return handler({ senderFrame: { url: 'file:///app/out/renderer/index.html' } }, request);
    }),
    on: vi.fn((channel: string, fn: (...args: unknown[]) => void) => {
      if (!rendererListeners.has(channel)) rendererListeners.set(channel, new Set());
      rendererListeners.get(channel)!.add(fn);
    }),
    removeListener: vi.fn((channel: string, fn: (...args: unknown[]) => void) => {
      rendererListeners.get(channel)?.delete(fn);
    }),
  };
  const contextBridge = {
    exposeInMainWorld: vi.fn((key: string, value: unknown) => {
      exposed[key] = value;
    }),
  };
  const session = {
    defaultSession: {
      webRequest: { onHeadersReceived: vi.fn() },
      setPermissionRequestHandler: vi.fn(),
    },
  };
  const app = {
    requestSingleInstanceLock: vi.fn(() => true),
    on: vi.fn(),
    whenReady: vi.fn(async () => undefined),
    quit: vi.fn(),
    exit: vi.fn(),
    getVersion: () => '0.0.0-test',
    getPath: () => '/home/u/Documents',
  };
  const Menu = { setApplicationMenu: vi.fn(), buildFromTemplate: vi.fn((t: unknown) => t) };
  const shell = { openPath: vi.fn(), openExternal: vi.fn() };
  const dialog = {
    showMessageBox: vi.fn(),
    showErrorBox: vi.fn(),
    showSaveDialog: vi.fn(async () => ({ canceled: true }) as { canceled: boolean; filePath?: string }),
  };

  return {
    module: { app, BrowserWindow, ipcMain, ipcRenderer, contextBridge, session, Menu, shell, dialog },
    handlers,
    windows,
    exposed,
    rendererListeners,
  };
}
