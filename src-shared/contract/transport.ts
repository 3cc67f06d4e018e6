// Wire names shared by the hosts and the renderer client: IPC event channel and browser-mode paths.

/** IPC: each call uses its own name as channel; events share this one channel as `{ event, payload }`. */
export const IPC_EVENT_CHANNEL = 'lodyn:event';
/** HTTP: `POST /api/call/<name>` with the JSON request as body, answered with an envelope. */
export const HTTP_CALL_PREFIX = '/api/call/';
/** HTTP: `GET /api/download?path=<absolute path>` sends a file from the data root's `exports/` folder (browser mode). */
export const HTTP_DOWNLOAD_PATH = '/api/download';
/** Folder under the data root from which browser mode may download files. */
export const EXPORTS_DIR = 'exports';
/** WebSocket: events as `{ event, payload }` text messages. */
export const WS_EVENTS_PATH = '/api/events';

export interface EventMessage {
  event: string;
  payload: unknown;
}
