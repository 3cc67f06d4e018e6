// Runs CLI commands through the same handlers as the hosts, so the CLI, IPC and HTTP answer identically.
import type { Command } from 'commander';
import type { CallName, CallRequest, CallResponse } from '../../src-shared/contract/channels';
import { unwrap } from '../../src-shared/contract/envelope';
import { createHandlers } from '../api';
import { createHostContext, type HostContext } from '../api/context';
import { createDispatch } from '../api/dispatch';
import { resolveDataRoot } from '../engine/data-root';

export type CliCall = <N extends CallName>(name: N, request: CallRequest<N>) => Promise<CallResponse<N>>;

/** The data root from LODYN_HOME, else the global --data option, else the OS app-data folder. */
export function dataRootOf(program: Command): string {
  return resolveDataRoot({ flag: program.opts<{ data?: string }>().data });
}

/** Opens the host context for one command and hands it a typed `call`. */
export async function withContext<T>(
  program: Command,
  body: (call: CliCall, ctx: HostContext) => Promise<T>,
): Promise<T> {
  const ctx = await createHostContext({ host: 'cli', dataRoot: dataRootOf(program) });
  const dispatch = createDispatch(createHandlers(), ctx);
  const call: CliCall = async (name, request) => unwrap(await dispatch(name, request)) as CallResponse<typeof name>;
  return body(call, ctx);
}
