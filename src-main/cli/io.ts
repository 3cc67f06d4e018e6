// Output conventions of the CLI: one JSON document on stdout with --json, progress and logs on stderr.
import { LodynError } from '../../src-shared/contract/envelope';

export interface CliIo {
  /** Prints the command's result: pretty JSON under --json, else `human(value)`. */
  result(value: unknown, json: boolean, human?: (value: never) => string): void;
  /** A progress or log line on stderr (never mixed with --json stdout). */
  progress(line: string): void;
}

export const stdio: CliIo = {
  result(value, json, human) {
    if (json || !human) process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
    else process.stdout.write(`${human(value as never)}\n`);
  },
  progress(line) {
    process.stderr.write(`${line}\n`);
  },
};

/** Prints an error the way scripts expect (JSON on stdout under --json) and sets a failing exit code. */
export function reportError(err: unknown, json: boolean): void {
  const data =
    err instanceof LodynError
      ? err.toData()
      : { name: 'Error', message: err instanceof Error ? err.message : String(err) };
  if (json) process.stdout.write(`${JSON.stringify({ error: data }, null, 2)}\n`);
  process.stderr.write(`lodyn: ${data.message}\n`);
  process.exitCode = data.name === 'ValidationError' ? 2 : 1;
}
