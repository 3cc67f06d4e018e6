// The one map of push events: name `domain:happened` -> payload type, pushed by the host to every client.
import { defineEvent, type AnyEventDef } from './define';
import { libraryEvents } from './calls/library';
import { posteriorEvents } from './calls/posterior';

export interface LogEvent {
  level: 'info' | 'warn' | 'error';
  message: string;
  atIso: string;
}

export const events = {
  'system:logged': defineEvent<LogEvent>('A host log line meant for the user (warnings about backends, data root).'),
  ...libraryEvents,
  ...posteriorEvents,
  'sim:progressed': defineEvent<import('./calls/sim').SimProgressEvent>(
    'Progress of a sim:run (fraction of steps done).',
  ),
} as const satisfies Record<string, AnyEventDef>;

export type Events = typeof events;
export type EventName = keyof Events;
export type EventPayload<N extends EventName> = NonNullable<Events[N]['payload']>;

export const eventNames = Object.keys(events) as EventName[];

export function isEventName(name: string): name is EventName {
  return Object.prototype.hasOwnProperty.call(events, name);
}
