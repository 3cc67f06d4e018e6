// The library spec: a parameter space plus design, sizes, seeds, recording and metrics. Run i is a pure function of it.
import { z } from 'zod';
import { parameterSpaceSchema } from './schema';

export const designSchema = z.discriminatedUnion('kind', [
  z
    .object({
      kind: z.literal('sobol'),
      /** `owen`: hash-based nested uniform scrambling (Burley 2020); `shift`: random digital shift; `none`: raw. */
      scramble: z.enum(['owen', 'shift', 'none']).default('owen'),
    })
    .strict(),
  z.object({ kind: z.literal('lhs') }).strict(),
  z.object({ kind: z.literal('random') }).strict(),
  z
    .object({
      kind: z.literal('grid'),
      /** Levels per free parameter (a choice parameter's levels are best its number of values). */
      levels: z.array(z.number().int().min(1).max(10000)).min(1).max(3),
    })
    .strict(),
]);
export type Design = z.output<typeof designSchema>;
export type DesignKind = Design['kind'];

export const librarySpecSchema = z
  .object({
    version: z.literal(1).default(1),
    name: z.string().min(1).max(200),
    description: z.string().default(''),
    space: parameterSpaceSchema,
    design: designSchema.default({ kind: 'sobol', scramble: 'owen' }),
    /** Parameter sets; a grid design requires the product of its levels. */
    nSets: z.number().int().min(1).max(100_000_000),
    /** Seeds per parameter set (robustness to initialisation): runs = nSets × seedsPerSet. */
    seedsPerSet: z.number().int().min(1).max(1000).default(1),
    /** The library seed: with the spec, it fixes every run. */
    seed: z.number().int().min(0).max(0xffffffff).default(1),
    /** Runs per shard: the unit of crash safety and of parallel slices. */
    runsPerShard: z.number().int().min(1).max(100_000).default(256),
    recording: z
      .object({
        /** Record spikes of at most this many neurons, chosen by a seeded draw per run; 0: record none. */
        maxNeurons: z.number().int().min(0).optional(),
      })
      .strict()
      .default({}),
    /** Metric ids computed per run (built-in or user-defined). */
    metrics: z.array(z.string().min(1)).default([]),
  })
  .strict()
  .refine((s) => s.design.kind !== 'grid' || s.design.levels.length === s.space.free.length, {
    message: 'grid design needs one level count per free parameter',
    path: ['design', 'levels'],
  })
  .refine((s) => s.design.kind !== 'grid' || s.design.levels.reduce((a, b) => a * b, 1) === s.nSets, {
    message: 'nSets must equal the product of the grid levels',
    path: ['nSets'],
  });

export type LibrarySpecInput = z.input<typeof librarySpecSchema>;
export type LibrarySpec = z.output<typeof librarySpecSchema>;

export function totalRuns(spec: Pick<LibrarySpec, 'nSets' | 'seedsPerSet'>): number {
  return spec.nSets * spec.seedsPerSet;
}

export function shardCount(spec: Pick<LibrarySpec, 'nSets' | 'seedsPerSet' | 'runsPerShard'>): number {
  return Math.ceil(totalRuns(spec) / spec.runsPerShard);
}
