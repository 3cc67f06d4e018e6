// Checks user metric definitions: schema, expression syntax, known references, no cycles; errors say what and where.
import { LodynError, validationError } from '../../../../src-shared/contract/envelope';
import { parseOrThrow } from '../../../../src-shared/contract/validate';
import { BUILTIN_METRIC_IDS, isBuiltinMetricId } from '../../../../src-shared/metrics/ids';
import { userMetricSchema, type UserMetricDefinition } from '../../../../src-shared/metrics/user-metric';
import { ExpressionError, expressionRefs, parseExpression, type ExprNode } from './expression';

export interface CompiledUserMetric {
  def: UserMetricDefinition;
  /** Parsed tree, for expression metrics. */
  tree?: ExprNode;
}

/** Where in an expression a problem lies: 0-based character offset and length. */
export interface ExpressionErrorDetails {
  position: number;
  length: number;
  expression: string;
}

function expressionFailure(field: string, expression: string, err: ExpressionError): LodynError {
  const details: ExpressionErrorDetails = { position: err.position, length: err.length, expression };
  return validationError(field, err.message, details);
}

function closest(id: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestD = 3;
  for (const c of candidates) {
    const d = editDistance(id, c);
    if (d < bestD) {
      bestD = d;
      best = c;
    }
  }
  return best;
}

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const cur = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = cur;
    }
  }
  return row[b.length];
}

/**
 * Validates one definition against the schema and, for expressions, the syntax and references
 * (built-in ids plus `otherUserIds`). Throws a ValidationError with `field` and, for expressions, the position.
 */
export function compileUserMetric(input: unknown, otherUserIds: readonly string[] = [], root = ''): CompiledUserMetric {
  const def = parseOrThrow(userMetricSchema, input, root);
  const field = root ? `${root}.expression` : 'expression';
  if (isBuiltinMetricId(def.id))
    throw validationError(root ? `${root}.id` : 'id', `'${def.id}' is a built-in metric id; choose another`);
  if (def.kind !== 'expression') return { def };
  let tree: ExprNode;
  try {
    tree = parseExpression(def.expression);
  } catch (err) {
    if (err instanceof ExpressionError) throw expressionFailure(field, def.expression, err);
    throw err;
  }
  const known = [...BUILTIN_METRIC_IDS, ...otherUserIds];
  for (const ref of expressionRefs(tree)) {
    if (ref.id === def.id)
      throw expressionFailure(
        field,
        def.expression,
        new ExpressionError(`a metric cannot refer to itself`, ref.pos, ref.id.length),
      );
    if (!known.includes(ref.id)) {
      const hint = closest(ref.id, known);
      throw expressionFailure(
        field,
        def.expression,
        new ExpressionError(
          `unknown metric '${ref.id}'${hint ? ` (did you mean '${hint}'?)` : ''}`,
          ref.pos,
          ref.id.length,
        ),
      );
    }
  }
  return { def, tree };
}

/**
 * Compiles a set of user metrics and orders them so every metric comes after the user metrics it refers to.
 * Throws on duplicate ids and on reference cycles (naming the cycle).
 */
export function compileUserMetrics(inputs: readonly unknown[], root = 'userMetrics'): CompiledUserMetric[] {
  const ids = inputs.map((d) => (d && typeof d === 'object' && 'id' in d ? String((d as { id: unknown }).id) : ''));
  const compiled = inputs.map((d, i) =>
    compileUserMetric(
      d,
      ids.filter((_, j) => j !== i),
      `${root}[${i}]`,
    ),
  );
  const byId = new Map<string, CompiledUserMetric>();
  compiled.forEach((c, i) => {
    if (byId.has(c.def.id)) throw validationError(`${root}[${i}].id`, `duplicate user metric id '${c.def.id}'`);
    byId.set(c.def.id, c);
  });
  const ordered: CompiledUserMetric[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (c: CompiledUserMetric, path: string[]) => {
    const s = state.get(c.def.id);
    if (s === 'done') return;
    if (s === 'visiting') {
      const cycle = [...path.slice(path.indexOf(c.def.id)), c.def.id].join(' → ');
      throw validationError(`${root}[${ids.indexOf(c.def.id)}].expression`, `reference cycle: ${cycle}`);
    }
    state.set(c.def.id, 'visiting');
    if (c.tree)
      for (const ref of expressionRefs(c.tree)) {
        const dep = byId.get(ref.id);
        if (dep) visit(dep, [...path, c.def.id]);
      }
    state.set(c.def.id, 'done');
    ordered.push(c);
  };
  for (const c of compiled) visit(c, []);
  return ordered;
}
