// Handlers of posterior:* calls over one PosteriorService per catalogue (training as a job, store, targets, checks).
import type { posteriorCalls } from '../../src-shared/contract/calls/posterior';
import { LodynError } from '../../src-shared/contract/envelope';
import { APP_VERSION } from '../engine/app-version';
import type { Catalogue } from '../engine/catalogue/catalogue';
import { PosteriorService } from '../engine/inference/posterior-service';
import { libraryService } from './library';
import type { ApiContext, DomainHandlers } from './types';

const services = new WeakMap<Catalogue, PosteriorService>();

/** The posterior service of a host context (created once, after the library service so jobs recover first). */
export async function posteriorService(ctx: ApiContext): Promise<PosteriorService> {
  let svc = services.get(ctx.catalogue);
  if (!svc) {
    const libs = await libraryService(ctx);
    svc = services.get(ctx.catalogue);
    if (svc) return svc;
    svc = new PosteriorService(ctx.dataRoot, ctx.catalogue, libs, APP_VERSION, {
      jobProgressed: (job) => ctx.emit('job:progressed', job),
      progressed: (p) => ctx.emit('posterior:progressed', p),
      changed: (c) => ctx.emit('posterior:changed', c),
    });
    services.set(ctx.catalogue, svc);
  }
  return svc;
}

export const posteriorHandlers: DomainHandlers<typeof posteriorCalls> = {
  'posterior:train': async (req, ctx) => {
    const svc = await posteriorService(ctx);
    const { wait, ...train } = req;
    const { done, ...started } = await svc.startTraining(train);
    if (!wait) return started;
    const rec = await done;
    const job = ctx.catalogue.data.jobs.find((j) => j.id === started.job.id)!;
    if (!rec) {
      throw new LodynError(
        job.status === 'cancelled' ? 'Cancelled' : 'Internal',
        `training ${job.status}${job.error ? `: ${job.error}` : ''}`,
      );
    }
    return { ...started, job: { ...job }, posterior: rec };
  },
  'posterior:cancel': async (req, ctx) => (await posteriorService(ctx)).cancel(req.jobId),
  'posterior:list': async (_req, ctx) => (await posteriorService(ctx)).list(),
  'posterior:get': async (req, ctx) => (await posteriorService(ctx)).record(req.id),
  'posterior:remove': async (req, ctx) => {
    await (await posteriorService(ctx)).remove(req.id);
    return { removed: req.id };
  },
  'posterior:sample': async (req, ctx) => (await posteriorService(ctx)).sample(req.id, req.target, req.n, req.seed),
  'posterior:conditional': async (req, ctx) =>
    (await posteriorService(ctx)).conditional(req.id, req.target, req.point, req.gridSize),
  'posterior:diagnose': async (req, ctx) =>
    (await posteriorService(ctx)).diagnose(req.id, req.nSbc, req.nPosteriorSamples, req.seed),
  'posterior:predictive': async (req, ctx) =>
    (await posteriorService(ctx)).predictive(req.id, req.target, req.k, req.seed, req.maxSpikes),
};
