// Handler types: one transport-free function per contract call, given the parsed request and the host context.
import type { CallName, CallParsed, CallResponse } from '../../src-shared/contract/channels';
import type { EventName, EventPayload } from '../../src-shared/contract/events';
import type { Catalogue } from '../engine/catalogue/catalogue';

export interface ApiContext {
  host: 'electron' | 'browser' | 'cli';
  dataRoot: string;
  catalogue: Catalogue;
  /** Pushes an event to every connected client (IPC windows, WebSocket sockets). */
  emit<E extends EventName>(event: E, payload: EventPayload<E>): void;
  startedAtMs: number;
  /** Versions of the Electron shell, when there is one. */
  shellVersions?: { electron?: string; chrome?: string };
  /** Native dialogs, when the host has them (Electron). */
  dialogs?: {
    chooseSavePath(defaultName: string, filters: { name: string; extensions: string[] }[]): Promise<string | null>;
  };
}

export type Handler<N extends CallName> = (
  request: CallParsed<N>,
  ctx: ApiContext,
) => Promise<CallResponse<N>> | CallResponse<N>;

export type HandlerMap = { [N in CallName]: Handler<N> };

/** Handlers of one domain: `handlersFor<typeof systemCalls>` keeps each file typed against its slice of the contract. */
export type DomainHandlers<C> = { [N in keyof C & CallName]: Handler<N> };
