// Zod schemas of parameter spaces: free parameters with priors, derived parameters and constraints as data.
import { z } from 'zod';

const finite = z.number().finite();
/** Ids are expression variables, so they follow identifier rules. */
const identifier = z
  .string()
  .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'must be an identifier (letters, digits, _; not starting with a digit)');

export const uniformPriorSchema = z
  .object({ kind: z.literal('uniform'), low: finite, high: finite })
  .strict()
  .refine((p) => p.high > p.low, { message: 'high must be greater than low', path: ['high'] });

export const logUniformPriorSchema = z
  .object({ kind: z.literal('logUniform'), low: finite.positive(), high: finite.positive() })
  .strict()
  .refine((p) => p.high > p.low, { message: 'high must be greater than low', path: ['high'] });

export const truncatedNormalPriorSchema = z
  .object({ kind: z.literal('truncatedNormal'), mean: finite, sd: finite.positive(), low: finite, high: finite })
  .strict()
  .refine((p) => p.high > p.low, { message: 'high must be greater than low', path: ['high'] });

const jsonValue: z.ZodType<unknown> = z.union([z.string(), z.number(), z.boolean(), z.record(z.string(), z.unknown())]);

export const choicePriorSchema = z
  .object({
    kind: z.literal('choice'),
    /** Values set at the path: numbers, strings (a model family id) or whole sub-specs. */
    values: z.array(jsonValue).min(1),
    /** Relative weights, one per value; equal when omitted. */
    weights: z.array(finite.nonnegative()).optional(),
  })
  .strict()
  .refine((p) => !p.weights || p.weights.length === p.values.length, {
    message: 'weights must have one entry per value',
    path: ['weights'],
  })
  .refine((p) => !p.weights || p.weights.some((w) => w > 0), {
    message: 'at least one weight must be positive',
    path: ['weights'],
  });

export const priorSchema = z.union([
  uniformPriorSchema,
  logUniformPriorSchema,
  truncatedNormalPriorSchema,
  choicePriorSchema,
]);
export type Prior = z.infer<typeof priorSchema>;

export const freeParameterSchema = z
  .object({
    /** Column name and expression variable. */
    id: identifier,
    /** Where the value goes in the model spec, e.g. `populations[name=E].n`. */
    path: z.string().min(1),
    label: z.string().optional(),
    unit: z.string().default(''),
    prior: priorSchema,
    /** Round the value to an integer before setting it (neuron counts). */
    integer: z.boolean().default(false),
  })
  .strict();
export type FreeParameter = z.output<typeof freeParameterSchema>;

export const derivedParameterSchema = z
  .object({
    id: identifier,
    /** Expression over free parameters and earlier derived ones, e.g. `0.8 * N`. */
    expr: z.string().min(1),
    /** Where to set it in the spec; omitted: only a column. */
    path: z.string().min(1).optional(),
    label: z.string().optional(),
    unit: z.string().default(''),
    integer: z.boolean().default(false),
  })
  .strict();
export type DerivedParameter = z.output<typeof derivedParameterSchema>;

export const constraintSchema = z
  .object({
    /** Boolean expression that a valid parameter set satisfies, e.g. `gI >= 2 * gE`. */
    expr: z.string().min(1),
    message: z.string().optional(),
  })
  .strict();
export type Constraint = z.output<typeof constraintSchema>;

export const parameterSpaceSchema = z
  .object({
    version: z.literal(1).default(1),
    name: z.string().default('space'),
    description: z.string().default(''),
    /** The model spec every run starts from (free and derived values are set into a copy). */
    baseSpec: z.record(z.string(), z.unknown()),
    free: z.array(freeParameterSchema).min(1),
    derived: z.array(derivedParameterSchema).default([]),
    constraints: z.array(constraintSchema).default([]),
  })
  .strict();
export type ParameterSpaceInput = z.input<typeof parameterSpaceSchema>;
export type ParameterSpace = z.output<typeof parameterSpaceSchema>;

/** JSON Schema of a parameter space file, for users' editors and docs. */
export function parameterSpaceJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(parameterSpaceSchema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
}
