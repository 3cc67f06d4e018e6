// Builds the preload's api object from the contract: one method per call, plus `on` for events. Nothing else.
import type { IpcRenderer, IpcRendererEvent } from 'electron';
import type { RawApi } from '../../../src-shared/contract/api';
import { callNames } from '../../../src-shared/contract/channels';
import { isEventName } from '../../../src-shared/contract/events';
import { IPC_EVENT_CHANNEL, type EventMessage } from '../../../src-shared/contract/transport';

export function buildPreloadApi(ipc: Pick<IpcRenderer, 'invoke' | 'on' | 'removeListener'>): RawApi {
  const api: Record<string, unknown> = {};
  for (const name of callNames) {
    api[name] = (request: unknown) => ipc.invoke(name, request ?? {});
  }
  api.on = (event: string, listener: (payload: unknown) => void) => {
    if (!isEventName(event)) throw new Error(`unknown event '${event}'`);
    const relay = (_e: IpcRendererEvent, message: EventMessage) => {
      if (message.event === event) listener(message.payload);
    };
    ipc.on(IPC_EVENT_CHANNEL, relay);
    return () => ipc.removeListener(IPC_EVENT_CHANNEL, relay);
  };
  return api as RawApi;
}
