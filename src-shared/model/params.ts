// Parameter builders that carry unit, label, default, range and doc, and the walker that turns a spec schema into an editor table.
import { z } from 'zod';

/** One editable parameter, as the UI's generated editors and the docs see it. */
export interface ParamMeta {
  /** Dotted path in the spec, e.g. `neuron.tauMMs` or `connectivity.EE.weight`. */
  path: string;
  label: string;
  /** Unit as shown to users (`mV`, `ms`, `Hz`, `g_L`, `1` for dimensionless). */
  unit: string;
  kind: 'number' | 'integer' | 'boolean' | 'enum';
  default: number | boolean | string;
  min?: number;
  max?: number;
  /** Allowed values of an enum parameter. */
  options?: readonly string[];
  /** One line: what the parameter means and where its default comes from. */
  doc: string;
}

interface LeafMeta {
  label: string;
  unit: string;
  doc: string;
}

/** A number in [min, max] with a default; `int` makes it an integer. */
export function num(
  label: string,
  unit: string,
  def: number,
  min: number,
  max: number,
  doc: string,
  int = false,
): z.ZodDefault<z.ZodNumber> {
  let schema = z.number({ error: `expected a number in [${min}, ${max}] ${unit}` });
  if (int) schema = schema.int({ error: `expected an integer in [${min}, ${max}]` });
  schema = schema
    .min(min, { error: `must be ≥ ${min} ${unit} (allowed range [${min}, ${max}])` })
    .max(max, { error: `must be ≤ ${max} ${unit} (allowed range [${min}, ${max}])` });
  return schema.default(def).meta({
    label,
    unit,
    doc,
    description: `${doc} [${unit}]`,
    kind: int ? 'integer' : 'number',
    minimum: min,
    maximum: max,
  });
}

export function bool(label: string, def: boolean, doc: string): z.ZodDefault<z.ZodBoolean> {
  return z.boolean().default(def).meta({ label, unit: '', doc, description: doc, kind: 'boolean' });
}

export function choice<const T extends readonly [string, ...string[]]>(
  label: string,
  options: T,
  def: T[number],
  doc: string,
): z.ZodDefault<z.ZodEnum<{ [K in T[number]]: K }>> {
  return z
    .enum(options, { error: `expected one of ${options.join(', ')}` })
    .default(def as never)
    .meta({ label, unit: '', doc, description: doc, kind: 'enum' }) as never;
}

/** A group of parameters; missing groups and fields are filled with their defaults. */
export function group<S extends z.ZodRawShape>(shape: S) {
  // Every leaf has a default, so `{}` is a valid input; the generic S cannot show that to the compiler.
  return z.strictObject(shape).prefault({} as never);
}

type Def = { type: string; innerType?: z.ZodType; shape?: Record<string, z.ZodType>; entries?: Record<string, string> };

function defOf(schema: z.ZodType): Def {
  return (schema as unknown as { _zod: { def: Def } })._zod.def;
}

/** Flattens a spec schema into one row per leaf parameter, in declaration order. Literal fields are skipped. */
export function paramTable(schema: z.ZodType, prefix = ''): ParamMeta[] {
  const rows: ParamMeta[] = [];
  walk(schema, prefix, rows);
  return rows;
}

function walk(schema: z.ZodType, path: string, rows: ParamMeta[]): void {
  const def = defOf(schema);
  if (def.type === 'prefault' || def.type === 'optional') return walk(def.innerType as z.ZodType, path, rows);
  if (def.type === 'object') {
    for (const [key, child] of Object.entries(def.shape ?? {})) walk(child, path ? `${path}.${key}` : key, rows);
    return;
  }
  if (def.type !== 'default') return;
  const meta = (schema.meta() ?? {}) as Partial<LeafMeta> & {
    kind?: ParamMeta['kind'];
    minimum?: number;
    maximum?: number;
  };
  const inner = defOf(def.innerType as z.ZodType);
  const dflt = (def as unknown as { defaultValue: number | boolean | string }).defaultValue;
  const row: ParamMeta = {
    path,
    label: meta.label ?? path,
    unit: meta.unit ?? '',
    kind: meta.kind ?? 'number',
    default: dflt,
    doc: meta.doc ?? '',
  };
  if (meta.minimum !== undefined) row.min = meta.minimum;
  if (meta.maximum !== undefined) row.max = meta.maximum;
  if (inner.type === 'enum') row.options = Object.values(inner.entries ?? {});
  rows.push(row);
}
