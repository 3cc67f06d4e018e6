// Builds the host context shared by every transport: data root, catalogue and the event fan-out.
import type { EventName, EventPayload } from '../../src-shared/contract/events';
import { APP_VERSION } from '../engine/app-version';
import { openCatalogue } from '../engine/catalogue/catalogue';
import type { ApiContext } from './types';

export type EventSink = (event: EventName, payload: unknown) => void;

export interface HostContext extends ApiContext {
  /** Adds a transport's listener for every event; returns its remover. */
  subscribe(sink: EventSink): () => void;
}

export async function createHostContext(opts: {
  host: ApiContext['host'];
  dataRoot: string;
  shellVersions?: ApiContext['shellVersions'];
  dialogs?: ApiContext['dialogs'];
}): Promise<HostContext> {
  const catalogue = await openCatalogue(opts.dataRoot, APP_VERSION);
  const sinks = new Set<EventSink>();
  return {
    host: opts.host,
    dataRoot: opts.dataRoot,
    catalogue,
    startedAtMs: Date.now(),
    shellVersions: opts.shellVersions,
    dialogs: opts.dialogs,
    emit<E extends EventName>(event: E, payload: EventPayload<E>) {
      for (const sink of sinks) sink(event, payload);
    },
    subscribe(sink) {
      sinks.add(sink);
      return () => sinks.delete(sink);
    },
  };
}
