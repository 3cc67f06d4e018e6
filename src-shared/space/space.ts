// Compiles a parameter space (validates paths, expressions, ids) and turns a point of the unit cube into one spec.
import { validationError } from '../contract/envelope';
import { parseOrThrow } from '../contract/validate';
import { evaluateExpression, expressionVariables, parseExpression, type Expr } from './expression';
import { getAtPath, setAtPath, setAtPathInPlace } from './json-path';
import { priorFromUnit, priorLogProb, priorRange } from './priors';
import { parameterSpaceSchema, type ParameterSpace, type ParameterSpaceInput } from './schema';

export interface CompiledSpace {
  space: ParameterSpace;
  /** Number of free parameters = dimension of the design's unit cube. */
  dim: number;
  derivedExprs: Expr[];
  constraintExprs: Expr[];
}

/** One column that a space contributes to a library table. */
export interface SpaceColumn {
  id: string;
  label: string;
  unit: string;
  kind: 'parameter' | 'derived';
  /** Numeric range of the column when known (choice: index range). */
  min?: number;
  max?: number;
  /** For choice parameters: the value each index stands for. */
  choices?: unknown[];
}

/** A point of the space: free values (choice: index), derived values, the spec, and which constraints fail. */
export interface SpacePoint {
  /** Shape [dim]. */
  free: number[];
  /** Shape [nDerived]. */
  derived: number[];
  spec: Record<string, unknown>;
  /** Messages of the constraints this point violates (empty: valid). */
  violated: string[];
}

/** Validates `input` (schema, unique ids, paths present in the base spec, expressions) and compiles it. */
export function compileSpace(input: unknown, root = 'space'): CompiledSpace {
  const space = parseOrThrow(parameterSpaceSchema, input, root);
  const known = new Set<string>();
  space.free.forEach((p, i) => {
    if (known.has(p.id)) throw validationError(`${root}.free[${i}].id`, `duplicate id '${p.id}'`);
    known.add(p.id);
    checkPath(space.baseSpec, p.path, `${root}.free[${i}].path`);
  });
  const derivedExprs = space.derived.map((d, i) => {
    const field = `${root}.derived[${i}]`;
    if (known.has(d.id)) throw validationError(`${field}.id`, `duplicate id '${d.id}'`);
    const expr = parseField(d.expr, `${field}.expr`);
    checkVariables(expr, known, `${field}.expr`);
    if (d.path) checkPath(space.baseSpec, d.path, `${field}.path`);
    known.add(d.id);
    return expr;
  });
  const constraintExprs = space.constraints.map((c, i) => {
    const expr = parseField(c.expr, `${root}.constraints[${i}].expr`);
    checkVariables(expr, known, `${root}.constraints[${i}].expr`);
    return expr;
  });
  return { space, dim: space.free.length, derivedExprs, constraintExprs };
}

function parseField(source: string, field: string): Expr {
  try {
    return parseExpression(source);
  } catch (err) {
    throw validationError(field, (err as Error).message);
  }
}

function checkVariables(expr: Expr, known: Set<string>, field: string): void {
  for (const name of expressionVariables(expr)) {
    if (!known.has(name)) {
      throw validationError(field, `unknown variable '${name}' (known here: ${[...known].join(', ') || 'none'})`);
    }
  }
}

function checkPath(spec: unknown, path: string, field: string): void {
  try {
    // The parent must exist; the last key may be new (an optional spec field left at its default).
    setAtPath(spec, path, 0);
  } catch (err) {
    throw validationError(field, (err as Error).message);
  }
}

/**
 * Maps a point of the unit cube (shape [dim], each in [0, 1)) to parameter values and a concrete spec.
 * Pure: the same `u` always gives the same spec.
 */
export function pointFromUnit(compiled: CompiledSpace, u: ArrayLike<number>): SpacePoint {
  if (u.length !== compiled.dim) throw new Error(`unit point has ${u.length} coordinates, expected ${compiled.dim}`);
  const { space } = compiled;
  const free = space.free.map((p, i) => {
    const v = priorFromUnit(p.prior, u[i]);
    return p.integer && p.prior.kind !== 'choice' ? Math.round(v) : v;
  });
  return pointFromValues(compiled, free);
}

/** Like `pointFromUnit`, from free values (choice: index) directly: grids and re-runs use it. */
export function pointFromValues(compiled: CompiledSpace, free: number[]): SpacePoint {
  const { space } = compiled;
  const vars: Record<string, number> = {};
  // One deep copy per point; every value is then set into it in place.
  const spec = structuredClone(space.baseSpec);
  space.free.forEach((p, i) => {
    vars[p.id] = free[i];
    const value = p.prior.kind === 'choice' ? p.prior.values[free[i]] : free[i];
    setAtPathInPlace(spec, p.path, value);
  });
  const derived = space.derived.map((d, i) => {
    let v = evaluateExpression(compiled.derivedExprs[i], vars);
    if (d.integer) v = Math.round(v);
    vars[d.id] = v;
    if (d.path) setAtPathInPlace(spec, d.path, v);
    return v;
  });
  const violated: string[] = [];
  space.constraints.forEach((c, i) => {
    if (!evaluateExpression(compiled.constraintExprs[i], vars)) violated.push(c.message ?? c.expr);
  });
  return { free, derived, spec, violated };
}

/** Joint log prior of free values (shape [dim]); -Infinity outside the support or when a constraint fails. */
export function spaceLogProb(compiled: CompiledSpace, free: number[]): number {
  let lp = 0;
  compiled.space.free.forEach((p, i) => (lp += priorLogProb(p.prior, free[i])));
  if (!Number.isFinite(lp)) return lp;
  return pointFromValues(compiled, free).violated.length ? -Infinity : lp;
}

/** Column metadata of a space: free then derived parameters. */
export function spaceColumns(compiled: CompiledSpace): SpaceColumn[] {
  const cols: SpaceColumn[] = compiled.space.free.map((p) => ({
    id: p.id,
    label: p.label ?? p.id,
    unit: p.prior.kind === 'choice' ? '' : p.unit,
    kind: 'parameter',
    ...priorRange(p.prior),
    ...(p.prior.kind === 'choice' ? { choices: p.prior.values } : {}),
  }));
  for (const d of compiled.space.derived)
    cols.push({ id: d.id, label: d.label ?? d.id, unit: d.unit, kind: 'derived' });
  return cols;
}

/** Reads the base spec's value at a parameter's path (for defaults shown in editors). */
export function baseValue(compiled: CompiledSpace, path: string): unknown {
  return getAtPath(compiled.space.baseSpec, path);
}

export type { ParameterSpaceInput };
