// The complete handler map: one spread per domain. Startup fails if a declared call has no handler.
import { assertComplete } from './dispatch';
import { systemHandlers } from './system';
import { libraryHandlers } from './library';
import type { HandlerMap } from './types';

export function createHandlers(): HandlerMap {
  const handlers = {
    ...systemHandlers,
    ...libraryHandlers,
  };
  assertComplete(handlers);
  return handlers;
}
