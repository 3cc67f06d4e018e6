// The client-side shape of the contract: one async method per call, and `on` for events. Preload and HTTP client implement it.
import type { CallName, CallRequest, CallResponse } from './channels';
import type { Envelope } from './envelope';
import type { EventName, EventPayload } from './events';

export type Unsubscribe = () => void;

/** Raw transport surface: every call returns an envelope (the preload exposes exactly this). */
export type RawApi = {
  [N in CallName]: (request: CallRequest<N>) => Promise<Envelope<CallResponse<N>>>;
} & {
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): Unsubscribe;
};

/** The renderer-facing api: envelopes unwrapped, errors rethrown as LodynError. */
export type LodynApi = {
  [N in CallName]: (request: CallRequest<N>) => Promise<CallResponse<N>>;
} & {
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): Unsubscribe;
};
