// The one map of calls: name `domain:verb` -> request schema and response type. Every host and client is typed from it.
import type { z } from 'zod';
import type { AnyCallDef } from './define';
import { systemCalls } from './calls/system';
import { libraryCalls } from './calls/library';
import { simCalls } from './calls/sim';
import { metricsCalls } from './calls/metrics';
import { posteriorCalls } from './calls/posterior';

export const calls = {
  ...systemCalls,
  ...libraryCalls,
  ...simCalls,
  ...metricsCalls,
  ...posteriorCalls,
} as const satisfies Record<string, AnyCallDef>;

export type Calls = typeof calls;
export type CallName = keyof Calls;
/** What a caller passes (schema input: defaults may be omitted). */
export type CallRequest<N extends CallName> = z.input<Calls[N]['request']>;
/** What a handler receives (schema output: defaults filled in). */
export type CallParsed<N extends CallName> = z.output<Calls[N]['request']>;
export type CallResponse<N extends CallName> = NonNullable<Calls[N]['response']>;

export const callNames = Object.keys(calls) as CallName[];

export function isCallName(name: string): name is CallName {
  return Object.prototype.hasOwnProperty.call(calls, name);
}
