// Where worker entry files live: next to the Electron bundle (out/main/*.js) when built, else the tsx bootstraps.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * In the Electron build this module is inlined into out/main/index.js, and electron-vite emits each worker as
 * out/main/<name>.js beside it; from source (CLI via tsx, vitest) a .mjs bootstrap registers tsx first.
 */
function workerPath(name: string): string {
  const bundled = fileURLToPath(new URL(`./${name}.js`, import.meta.url));
  return existsSync(bundled)
    ? bundled
    : fileURLToPath(new URL(`./${name.replace('-worker', '')}-bootstrap.mjs`, import.meta.url));
}

/** Worker that runs one simulation. */
export const simulateWorkerPath = workerPath('simulate-worker');

/** Worker that computes library metric columns from stored spikes. */
export const metricsWorkerPath = workerPath('metrics-worker');

/** Worker that trains a posterior: the bundled .js, else the TypeScript source (loaded through tsx by its caller). */
export const trainWorkerPath = ((): string => {
  const bundled = fileURLToPath(new URL('./train-worker.js', import.meta.url));
  return existsSync(bundled) ? bundled : fileURLToPath(new URL('./train-worker.ts', import.meta.url));
})();
