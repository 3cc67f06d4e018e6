// Building blocks of the typed contract: a call pairs a zod request schema with a response type; an event names a payload type.
import type { z } from 'zod';

/** One request/response call. `request` validates at the host boundary; `response` is a phantom type only. */
export interface CallDef<Req extends z.ZodType, Res> {
  readonly request: Req;
  /** Never set at runtime: carries the response type for inference. */
  readonly response?: Res;
  /** One line shown in `lodyn --help`-like listings and docs. */
  readonly doc: string;
}

/** One push event from host to renderer. */
export interface EventDef<Payload> {
  readonly payload?: Payload;
  readonly doc: string;
}

/** Declares a call: `defineCall<Response>()(requestSchema, doc)`. */
export function defineCall<Res>() {
  return <Req extends z.ZodType>(request: Req, doc: string): CallDef<Req, Res> => ({ request, doc });
}

/** Declares an event: `defineEvent<Payload>(doc)`. */
export function defineEvent<Payload>(doc: string): EventDef<Payload> {
  return { doc };
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- variance of the schema type parameter
export type AnyCallDef = CallDef<any, unknown>;
export type AnyEventDef = EventDef<unknown>;
