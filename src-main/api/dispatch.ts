// Runs one call through validation and its handler, always answering with an envelope (errors as data).
import { calls, callNames, isCallName, type CallName } from '../../src-shared/contract/channels';
import { LodynError, toErrorData, type Envelope } from '../../src-shared/contract/envelope';
import { parseOrThrow } from '../../src-shared/contract/validate';
import type { ApiContext, Handler, HandlerMap } from './types';

/** Throws at startup when a declared call has no handler, or a handler has no declared call. */
export function assertComplete(handlers: Partial<Record<string, unknown>>): asserts handlers is HandlerMap {
  const missing = callNames.filter((name) => typeof handlers[name] !== 'function');
  const extra = Object.keys(handlers).filter((name) => !isCallName(name));
  if (missing.length || extra.length) {
    throw new Error(
      `API contract mismatch: ${missing.length ? `no handler for ${missing.join(', ')}` : ''}` +
        `${missing.length && extra.length ? '; ' : ''}${extra.length ? `undeclared handlers ${extra.join(', ')}` : ''}`,
    );
  }
}

export type Dispatch = (name: string, request: unknown) => Promise<Envelope<unknown>>;

/** Binds a complete handler map to a context; the result serves every transport. */
export function createDispatch(handlers: HandlerMap, ctx: ApiContext): Dispatch {
  assertComplete(handlers);
  return async (name, request) => {
    try {
      if (!isCallName(name)) throw new LodynError('NotFound', `unknown call '${name}'`);
      const parsed = parseOrThrow(calls[name].request, request ?? {});
      const handler = handlers[name] as Handler<CallName>;
      const value = await handler(parsed as never, ctx);
      return { ok: true, value };
    } catch (err) {
      return { ok: false, error: toErrorData(err) };
    }
  };
}
