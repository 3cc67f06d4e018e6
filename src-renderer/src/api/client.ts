// The only code that talks to the host: IPC through the preload when present, HTTP + WebSocket in browser mode.
import type { LodynApi, RawApi, Unsubscribe } from '../../../src-shared/contract/api';
import { callNames, type CallName } from '../../../src-shared/contract/channels';
import { LodynError, unwrap, type Envelope } from '../../../src-shared/contract/envelope';
import type { EventName, EventPayload } from '../../../src-shared/contract/events';
import {
  HTTP_CALL_PREFIX,
  HTTP_DOWNLOAD_PATH,
  WS_EVENTS_PATH,
  type EventMessage,
} from '../../../src-shared/contract/transport';

const TOKEN_KEY = 'lodyn.token';

/** The browser-mode token: from the URL on first load (then kept for reloads in this tab). */
export function browserToken(location: Location = window.location, storage: Storage = sessionStorage): string {
  const fromUrl = new URLSearchParams(location.search).get('token');
  if (fromUrl) storage.setItem(TOKEN_KEY, fromUrl);
  return fromUrl ?? storage.getItem(TOKEN_KEY) ?? '';
}

type Listener = (payload: unknown) => void;

/** Raw api over HTTP calls and one WebSocket for events (reconnecting with backoff). */
export function createHttpRawApi(baseUrl: string, token: string, fetchImpl: typeof fetch = fetch.bind(window)): RawApi {
  const listeners = new Map<string, Set<Listener>>();
  let socket: WebSocket | null = null;
  let retryMs = 500;

  const connect = () => {
    const wsUrl = new URL(WS_EVENTS_PATH, baseUrl);
    wsUrl.protocol = wsUrl.protocol === 'https:' ? 'wss:' : 'ws:';
    wsUrl.searchParams.set('token', token);
    socket = new WebSocket(wsUrl);
    socket.onopen = () => {
      retryMs = 500;
    };
    socket.onmessage = (message) => {
      const { event, payload } = JSON.parse(String(message.data)) as EventMessage;
      listeners.get(event)?.forEach((listener) => listener(payload));
    };
    socket.onclose = () => {
      socket = null;
      setTimeout(connect, retryMs);
      retryMs = Math.min(retryMs * 2, 10_000);
    };
  };

  const api: Record<string, unknown> = {};
  for (const name of callNames) {
    api[name] = async (request: unknown): Promise<Envelope<unknown>> => {
      const response = await fetchImpl(new URL(HTTP_CALL_PREFIX + encodeURIComponent(name), baseUrl), {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify(request ?? {}),
      });
      if (response.status === 401 || response.status === 403) {
        const body = (await response.json()) as Envelope<unknown>;
        if (!body.ok) return body;
      }
      return (await response.json()) as Envelope<unknown>;
    };
  }
  api.on = (event: string, listener: Listener): Unsubscribe => {
    if (!socket) connect();
    if (!listeners.has(event)) listeners.set(event, new Set());
    listeners.get(event)!.add(listener);
    return () => listeners.get(event)?.delete(listener);
  };
  return api as RawApi;
}

/** Unwraps envelopes so callers get values or a thrown LodynError. */
export function unwrapApi(raw: RawApi): LodynApi {
  const api: Record<string, unknown> = {};
  for (const name of callNames) {
    const call = raw[name] as (request: unknown) => Promise<Envelope<unknown>>;
    api[name] = async (request: unknown) => unwrap(await call(request));
  }
  api.on = <E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void) => raw.on(event, listener);
  return api as LodynApi;
}

let instance: LodynApi | null = null;

/** The app-wide api: IPC when running in Electron, HTTP/WebSocket otherwise. */
export function api(): LodynApi {
  instance ??= unwrapApi(window.lodyn ?? createHttpRawApi(window.location.origin, browserToken()));
  return instance;
}

/**
 * Browser mode: downloads a file the host wrote under the data root's exports/ folder (the desktop app writes where
 * the save dialog said, so it needs no download).
 */
export function downloadExported(path: string): void {
  const url = new URL(HTTP_DOWNLOAD_PATH, window.location.origin);
  url.searchParams.set('path', path);
  url.searchParams.set('token', browserToken());
  const a = document.createElement('a');
  a.href = url.toString();
  a.download = path.split(/[\\/]/).pop() ?? 'export';
  document.body.appendChild(a);
  a.click();
  a.remove();
}

/** The transport in use, for the status bar. */
export function transportName(): 'ipc' | 'http' {
  return window.lodyn ? 'ipc' : 'http';
}

export { LodynError };
export type { CallName };
