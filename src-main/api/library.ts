// Handlers of library:*, jobs:list and space:* calls, over one LibraryService per catalogue.
import { access } from 'node:fs/promises';
import path from 'node:path';
import type { libraryCalls } from '../../src-shared/contract/calls/library';
import { LodynError, validationError } from '../../src-shared/contract/envelope';
import { compileSpace, spaceColumns } from '../../src-shared/space/space';
import { exampleSpace } from '../../src-shared/space/example';
import { APP_VERSION } from '../engine/app-version';
import type { Catalogue } from '../engine/catalogue/catalogue';
import { exportLibrary, inspectLibraryFolder, mergeLibraryFolders } from '../engine/library/exports';
import { LIBRARIES_DIR, LibraryService, newId, specHashOf } from '../engine/library/library-service';
import { planLibrary } from '../engine/library/run-plan';
import { cp, mkdir, rm, writeFile } from 'node:fs/promises';
import type { LibraryRecord } from '../../src-shared/catalogue/records';
import { RESOURCES_DIR } from '../engine/package-root';
import type { ApiContext, DomainHandlers } from './types';

const services = new WeakMap<Catalogue, Promise<LibraryService>>();

/** The library service of a host context (created once; recovers jobs a crashed process left running). */
export function libraryService(ctx: ApiContext): Promise<LibraryService> {
  // The promise is cached, not the service: concurrent first calls all wait for recovery and the default library.
  let svc = services.get(ctx.catalogue);
  if (!svc) {
    svc = openLibraryService(ctx);
    services.set(ctx.catalogue, svc);
    svc.catch(() => services.delete(ctx.catalogue));
  }
  return svc;
}

async function openLibraryService(ctx: ApiContext): Promise<LibraryService> {
  const svc = new LibraryService(ctx.dataRoot, ctx.catalogue, APP_VERSION, {
    jobProgressed: (job) => ctx.emit('job:progressed', job),
    libraryChanged: (change) => ctx.emit('library:changed', change),
  });
  await svc.recoverAfterRestart();
  // The app (not the CLI) loads the shipped default library once, so a newcomer has real dynamics to browse.
  if (ctx.host !== 'cli')
    await loadDefaultLibrary(svc, ctx).catch((err: Error) => warn(ctx, `default library not loaded: ${err.message}`));
  return svc;
}

function warn(ctx: ApiContext, message: string): void {
  ctx.emit('system:logged', { level: 'warn', message, atIso: new Date().toISOString() });
}

/** Marker in the data root: the default library was loaded once (removing it later does not bring it back). */
export const DEFAULT_LIBRARY_MARKER = path.join(LIBRARIES_DIR, '.default-library-loaded');

/**
 * Copies resources/default-library into the data root and registers it, the first time only. Answers the record,
 * or null when it was loaded before or is not shipped. `LODYN_DEFAULT_LIBRARY` points elsewhere (tests, builds).
 */
export async function loadDefaultLibrary(svc: LibraryService, ctx: ApiContext): Promise<LibraryRecord | null> {
  const src = process.env.LODYN_DEFAULT_LIBRARY ?? path.join(RESOURCES_DIR, 'default-library');
  const marker = path.join(ctx.dataRoot, DEFAULT_LIBRARY_MARKER);
  if ((await exists(marker)) || !(await exists(path.join(src, 'library.json')))) return null;
  const folder = path.join(ctx.dataRoot, LIBRARIES_DIR, 'default-library');
  await rm(folder, { recursive: true, force: true });
  await cp(src, folder, { recursive: true, filter: (p) => !p.includes('.tmp-') });
  const rec = await svc.register(folder);
  await mkdir(path.dirname(marker), { recursive: true });
  await writeFile(marker, `${rec.id}\n`);
  return rec;
}

async function exists(p: string): Promise<boolean> {
  return access(p).then(
    () => true,
    () => false,
  );
}

async function startOrWait(svc: LibraryService, id: string, wait: boolean, concurrency?: number) {
  const { job, done } = await svc.startGeneration(id, { concurrency });
  const finished = wait ? await done : job;
  if (wait && finished.status === 'failed')
    throw new LodynError('Internal', `generation failed: ${finished.error ?? 'unknown error'}`);
  return { library: svc.record(id), job: wait ? finished : svc.job(job.id) };
}

export const libraryHandlers: DomainHandlers<typeof libraryCalls> = {
  'library:list': async (_req, ctx) => (await libraryService(ctx)).list(),
  'library:get': async (req, ctx) => {
    const svc = await libraryService(ctx);
    const record = svc.record(req.id);
    const t = await svc.table(req.id);
    const job =
      svc.jobsList().find((j) => j.libraryId === req.id && (j.status === 'running' || j.status === 'paused')) ?? null;
    return { record, columns: t.meta, spec: t.manifest.spec, problems: t.problems, job };
  },
  'library:query': async (req, ctx) => {
    const { id, ...q } = req;
    return (await libraryService(ctx)).query(id, q);
  },
  'library:run': async (req, ctx) => (await libraryService(ctx)).run(req.id, req.runIndex),
  'library:create': async (req, ctx) => {
    const svc = await libraryService(ctx);
    if (req.out && (await exists(path.join(req.out, 'library.json')))) {
      // An existing slice folder: resume it when it holds the same spec, so re-submitted cluster jobs continue.
      const m = await inspectLibraryFolder(req.out);
      const plan = planLibrary(req.spec);
      const wantHash = specHashOf({ ...plan.spec, metrics: [] });
      if (m.specHash !== wantHash) throw validationError('out', `${req.out} holds a library with a different spec`);
      if (JSON.stringify(m.slice ?? null) !== JSON.stringify(req.shard ?? null)) {
        throw validationError(
          'shard',
          `${req.out} holds slice ${m.slice ? `${m.slice.index}/${m.slice.count}` : 'all'}`,
        );
      }
      const known = svc.list().find((l) => path.resolve(ctx.dataRoot, l.folder) === path.resolve(req.out!));
      const rec = known ?? (await svc.register(path.resolve(req.out)));
      if (!req.start) return { library: rec, job: null };
      return startOrWait(svc, rec.id, req.wait, req.concurrency);
    }
    const rec = await svc.create(req.spec, { slice: req.shard, folder: req.out });
    if (!req.start) return { library: rec, job: null };
    return startOrWait(svc, rec.id, req.wait, req.concurrency);
  },
  'library:resume': async (req, ctx) => {
    const svc = await libraryService(ctx);
    const paused = svc.jobsList().find((j) => j.libraryId === req.id && j.status === 'paused');
    if (paused) return { library: svc.record(req.id), job: await svc.unpause(paused.id) };
    return startOrWait(svc, req.id, req.wait, req.concurrency);
  },
  'library:pause': async (req, ctx) => (await libraryService(ctx)).pause(req.jobId),
  'library:cancel': async (req, ctx) => (await libraryService(ctx)).cancel(req.jobId),
  'library:export': async (req, ctx) => {
    const svc = await libraryService(ctx);
    const t = await svc.table(req.id);
    const out = path.resolve(req.out);
    const bytes = await exportLibrary(svc.folder(req.id), t, req.format, out);
    return { path: out, bytes };
  },
  'library:import': async (req, ctx) => {
    const svc = await libraryService(ctx);
    const src = path.resolve(req.path);
    const m = await inspectLibraryFolder(src);
    let folder = src;
    if (req.copy) {
      folder = path.join(ctx.dataRoot, LIBRARIES_DIR, newId('import'));
      await cp(src, folder, { recursive: true, filter: (p) => !p.includes('.tmp-') });
    }
    const rec = await svc.register(folder);
    if (rec.counts.corruptShards) {
      ctx.emit('system:logged', {
        level: 'warn',
        message: `imported library ${m.spec.name}: ${rec.counts.corruptShards} corrupt shard(s) skipped`,
        atIso: new Date().toISOString(),
      });
    }
    return rec;
  },
  'library:merge': async (req, ctx) => {
    const svc = await libraryService(ctx);
    const id = newId('lib');
    const folder = path.join(ctx.dataRoot, LIBRARIES_DIR, id);
    const report = await mergeLibraryFolders(
      req.paths.map((p) => path.resolve(p)),
      folder,
      id,
    );
    const rec = await svc.register(folder);
    if (req.name) {
      await ctx.catalogue.update((d) => {
        const l = d.libraries.find((x) => x.id === rec.id);
        if (l) l.name = req.name!;
      });
    }
    return { library: svc.record(rec.id), shards: report.shards };
  },
  'library:recompute': async (req, ctx) => {
    const svc = await libraryService(ctx);
    const { job, done } = await svc.startRecompute(req.id, req.metrics);
    const finished = req.wait ? await done : job;
    if (req.wait && finished.status === 'failed')
      throw new LodynError('Internal', `recompute failed: ${finished.error ?? ''}`);
    return { library: svc.record(req.id), job: finished };
  },
  'library:estimate': async (req, ctx) => (await libraryService(ctx)).estimate(req.spec, req.pilots),
  'library:remove': async (req, ctx) => {
    await (await libraryService(ctx)).remove(req.id);
    return { removed: req.id };
  },
  'jobs:list': async (_req, ctx) => (await libraryService(ctx)).jobsList(),
  'space:example': () => exampleSpace(),
  'space:check': (req) => {
    const compiled = compileSpace(req.space);
    return { dim: compiled.dim, columns: spaceColumns(compiled) };
  },
};
