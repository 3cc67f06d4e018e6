// Handlers of system:* calls.
import os from 'node:os';
import { access, constants } from 'node:fs/promises';
import type { systemCalls } from '../../src-shared/contract/calls/system';
import { APP_NAME, APP_VERSION } from '../engine/app-version';
import { selectTfBackend } from '../engine/tf/backend';
import type { DomainHandlers } from './types';

export const systemHandlers: DomainHandlers<typeof systemCalls> = {
  'system:info': async (_req, ctx) => {
    const tf = await selectTfBackend();
    const cpus = os.cpus();
    return {
      appName: APP_NAME,
      appVersion: APP_VERSION,
      host: ctx.host,
      versions: {
        node: process.versions.node,
        v8: process.versions.v8,
        ...(ctx.shellVersions?.electron ? { electron: ctx.shellVersions.electron } : {}),
        ...(ctx.shellVersions?.chrome ? { chrome: ctx.shellVersions.chrome } : {}),
      },
      platform: process.platform,
      arch: process.arch,
      cpuCount: os.availableParallelism?.() ?? cpus.length,
      cpuModel: cpus[0]?.model.trim() ?? 'unknown',
      memoryTotalBytes: os.totalmem(),
      memoryFreeBytes: os.freemem(),
      tensorflow: tf,
      dataRoot: ctx.dataRoot,
      catalogueSchemaVersion: ctx.catalogue.data.schemaVersion,
    };
  },
  'system:chooseSavePath': async (req, ctx) => {
    if (!ctx.dialogs) return { path: null, native: false };
    return { path: await ctx.dialogs.chooseSavePath(req.defaultName, req.filters), native: true };
  },
  'system:health': async (_req, ctx) => {
    const checks: { name: string; ok: boolean; message: string }[] = [];
    try {
      await access(ctx.dataRoot, constants.W_OK);
      checks.push({ name: 'dataRoot', ok: true, message: `${ctx.dataRoot} is writable` });
    } catch (err) {
      checks.push({
        name: 'dataRoot',
        ok: false,
        message: `${ctx.dataRoot} is not writable: ${(err as Error).message}`,
      });
    }
    try {
      await access(ctx.catalogue.file, constants.R_OK);
      checks.push({ name: 'catalogue', ok: true, message: `${ctx.catalogue.file} readable` });
    } catch (err) {
      checks.push({ name: 'catalogue', ok: false, message: (err as Error).message });
    }
    return { ok: checks.every((c) => c.ok), uptimeS: (Date.now() - ctx.startedAtMs) / 1000, checks };
  },
};
