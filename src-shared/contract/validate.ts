// Validates data against a zod schema and turns the first issue into a ValidationError naming the field and the rule.
import type { z } from 'zod';
import { validationError } from './envelope';

/** Formats a zod issue path (`['populations', 0, 'n']`) as `populations[0].n`; `root` when empty. */
export function formatPath(path: readonly PropertyKey[], root = ''): string {
  let out = root;
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out ? `.${String(key)}` : String(key);
  }
  return out;
}

/** Parses `value` with `schema`; on failure throws a ValidationError whose `field` is the first failing path. */
export function parseOrThrow<S extends z.ZodType>(schema: S, value: unknown, root = ''): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issues = result.error.issues.map((issue) => {
    // An unknown key is best reported at the key itself, not at the object holding it.
    const keys = issue.code === 'unrecognized_keys' ? issue.keys : [];
    const path = keys.length ? [...issue.path, keys[0]] : issue.path;
    return { field: formatPath(path, root) || root || '(root)', message: issue.message };
  });
  const first = issues[0];
  return failWith(first.field, first.message, issues);
}

function failWith(field: string, message: string, issues: { field: string; message: string }[]): never {
  const more = issues.length > 1 ? ` (and ${issues.length - 1} more problem${issues.length > 2 ? 's' : ''})` : '';
  throw validationError(field, `${message}${more}`, { issues });
}
