// Library and parameter-space calls and events: list, inspect, query, read runs, create/resume/cancel jobs, export.
import { z } from 'zod';
import type { JobRecord, LibraryRecord } from '../../catalogue/records';
import type { ColumnMeta, LibraryEstimate, QueryResult, RunDetail } from '../../space/library-types';
import { RUN_STATUSES } from '../../space/library-types';
import { librarySpecSchema } from '../../space/library-spec';
import type { ParameterSpaceInput } from '../../space/schema';
import type { SpaceColumn } from '../../space/space';
import { defineCall, defineEvent } from '../define';

const id = z.string().min(1);
const shardSlice = z.object({ index: z.number().int().min(0), count: z.number().int().min(1) }).strict();

export const libraryQuerySchema = z
  .object({
    id,
    filters: z
      .array(z.object({ column: z.string().min(1), min: z.number().optional(), max: z.number().optional() }).strict())
      .default([]),
    statuses: z.array(z.enum(RUN_STATUSES)).optional(),
    sort: z
      .object({ column: z.string().min(1), descending: z.boolean().default(false) })
      .strict()
      .optional(),
    offset: z.number().int().min(0).default(0),
    /** Page size; the run table asks for the rows it shows. */
    limit: z.number().int().min(0).max(10_000).default(100),
    columns: z.array(z.string().min(1)).optional(),
  })
  .strict();

export interface LibraryDetail {
  record: LibraryRecord;
  /** Every column with label, unit, kind and observed range (for tables, filters and axes). */
  columns: ColumnMeta[];
  spec: z.output<typeof librarySpecSchema>;
  /** Shards that failed verification and were skipped. */
  problems: { shard: number; message: string }[];
  /** The running job generating this library, if any. */
  job: JobRecord | null;
}

export interface LibraryStarted {
  library: LibraryRecord;
  /** Null when `start` was false. */
  job: JobRecord | null;
}

export interface LibraryExported {
  path: string;
  bytes: number;
}

export interface LibraryMerged {
  library: LibraryRecord;
  shards: number;
}

export interface SpaceChecked {
  dim: number;
  columns: SpaceColumn[];
}

export const libraryCalls = {
  'library:list': defineCall<LibraryRecord[]>()(z.object({}).strict(), 'Every library in the catalogue (for cards).'),
  'library:get': defineCall<LibraryDetail>()(
    z.object({ id }).strict(),
    'One library: record, columns with units, spec, problems.',
  ),
  'library:query': defineCall<QueryResult & { meta: ColumnMeta[] }>()(
    libraryQuerySchema,
    'Filter runs by ranges on any column and by status, sort, and return one page.',
  ),
  'library:run': defineCall<RunDetail>()(
    z.object({ id, runIndex: z.number().int().min(0) }).strict(),
    "One run's parameters, metrics, spec and spikes.",
  ),
  'library:create': defineCall<LibraryStarted>()(
    z
      .object({
        spec: librarySpecSchema,
        /** Start generating at once. */
        start: z.boolean().default(true),
        /** Answer only when generation ends (the CLI); else answer at once and report progress as events. */
        wait: z.boolean().default(false),
        /** Generate only slice index of count (shards s with s % count === index). */
        shard: shardSlice.optional(),
        /** Folder for the library (default: inside the data root); an existing folder with the same spec is resumed. */
        out: z.string().min(1).optional(),
        concurrency: z.number().int().min(1).max(1024).optional(),
      })
      .strict(),
    'Create a library from a spec and start its generation job.',
  ),
  'library:resume': defineCall<LibraryStarted>()(
    z
      .object({ id, wait: z.boolean().default(false), concurrency: z.number().int().min(1).max(1024).optional() })
      .strict(),
    'Resume a paused job, or make the missing shards after a crash, restart or cancel.',
  ),
  'library:pause': defineCall<JobRecord>()(z.object({ jobId: id }).strict(), 'Pause a running generation job.'),
  'library:cancel': defineCall<JobRecord>()(
    z.object({ jobId: id }).strict(),
    'Cancel a job; finished shards stay, resume completes.',
  ),
  'library:export': defineCall<LibraryExported>()(
    z
      .object({
        id,
        format: z.enum(['csv', 'arrow', 'hdf5', 'spec', 'folder']),
        out: z.string().min(1),
      })
      .strict(),
    'Export as CSV, Arrow/Feather, HDF5 (SONATA spikes), spec JSON or a library folder.',
  ),
  'library:import': defineCall<LibraryRecord>()(
    z.object({ path: z.string().min(1), copy: z.boolean().default(true) }).strict(),
    'Import a library folder exported by another installation.',
  ),
  'library:merge': defineCall<LibraryMerged>()(
    z.object({ paths: z.array(z.string().min(1)).min(1), name: z.string().min(1).optional() }).strict(),
    'Merge slice folders made with --shard i/n (specs must match, no run missing or doubled).',
  ),
  'library:recompute': defineCall<LibraryStarted>()(
    z.object({ id, metrics: z.array(z.string().min(1)).min(1), wait: z.boolean().default(false) }).strict(),
    'Recompute metric columns (new or existing) over a library from its stored spikes, as a job.',
  ),
  'library:estimate': defineCall<LibraryEstimate>()(
    z.object({ spec: librarySpecSchema, pilots: z.number().int().min(1).max(20).default(3) }).strict(),
    'Estimate time and disk of a library from a few pilot runs, before creating it.',
  ),
  'library:remove': defineCall<{ removed: string }>()(z.object({ id }).strict(), 'Remove a library and its folder.'),
  'jobs:list': defineCall<JobRecord[]>()(z.object({}).strict(), 'Every job with progress (done/total, runs/s, ETA).'),
  'space:example': defineCall<ParameterSpaceInput>()(z.object({}).strict(), 'An example parameter space.'),
  'space:check': defineCall<SpaceChecked>()(
    z.object({ space: z.unknown() }).strict(),
    'Validate a parameter space; answers its columns or a ValidationError naming the field.',
  ),
} as const;

export const libraryEvents = {
  'job:progressed': defineEvent<JobRecord>('A job advanced, paused, finished, failed or was cancelled.'),
  'library:changed': defineEvent<{ libraryId: string; reason: string }>(
    'A library was created, grew, changed status or was removed.',
  ),
} as const;
