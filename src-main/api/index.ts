// The complete handler map: one spread per domain. Startup fails if a declared call has no handler.
import { assertComplete } from './dispatch';
import { systemHandlers } from './system';
import { libraryHandlers } from './library';
import { simHandlers } from './sim';
import { metricsHandlers } from './metrics';
import { posteriorHandlers } from './posterior';
import type { HandlerMap } from './types';

export function createHandlers(): HandlerMap {
  const handlers = {
    ...systemHandlers,
    ...libraryHandlers,
    ...simHandlers,
    ...metricsHandlers,
    ...posteriorHandlers,
  };
  assertComplete(handlers);
  return handlers;
}
