// Binds every contract call to ipcMain (channel = call name) and forwards every event to the window.
import type { IpcMain, WebContents } from 'electron';
import { callNames } from '../../src-shared/contract/channels';
import type { HostContext } from '../api/context';
import type { Dispatch } from '../api/dispatch';
import { IPC_EVENT_CHANNEL, type EventMessage } from '../../src-shared/contract/transport';

/** Registers one `ipcMain.handle` per call; only our own app page may call (checked by sender URL). */
export function bindIpc(ipcMain: IpcMain, dispatch: Dispatch, isTrustedSender: (url: string) => boolean): string[] {
  for (const name of callNames) {
    ipcMain.handle(name, async (event, request: unknown) => {
      const url = event.senderFrame?.url ?? '';
      if (!isTrustedSender(url)) {
        return { ok: false, error: { name: 'Forbidden', message: `call '${name}' from untrusted page ${url}` } };
      }
      return dispatch(name, request);
    });
  }
  return [...callNames];
}

/** Forwards host events to one window's page; returns the remover. */
export function forwardEvents(ctx: HostContext, webContents: () => WebContents | null): () => void {
  return ctx.subscribe((event, payload) => {
    const wc = webContents();
    if (wc && !wc.isDestroyed()) wc.send(IPC_EVENT_CHANNEL, { event, payload } satisfies EventMessage);
  });
}
