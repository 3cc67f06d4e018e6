// Chooses the TensorFlow.js backend once per process: tfjs-node when installed, else wasm (SIMD), else cpu.
import * as tf from '@tensorflow/tfjs';
import type { TfBackendName, TfBackendStatus } from '../../../src-shared/contract/calls/system';

export interface BackendReport {
  backends: TfBackendStatus[];
  used: TfBackendName | null;
  tfjsVersion: string;
}

let selection: Promise<BackendReport> | null = null;

/** Order of preference: native libtensorflow, then wasm, then the pure-JS cpu backend. */
const PREFERENCE: TfBackendName[] = ['tensorflow', 'wasm', 'cpu'];

async function probeTensorflow(): Promise<TfBackendStatus> {
  try {
    // Optional dependency: absent on machines where libtensorflow cannot be downloaded.
    const moduleName = '@tensorflow/tfjs-node';
    await import(/* @vite-ignore */ moduleName);
    const ok = await tf.setBackend('tensorflow');
    return ok
      ? { name: 'tensorflow', available: true }
      : { name: 'tensorflow', available: false, reason: 'setBackend failed' };
  } catch (err) {
    const missing = (err as NodeJS.ErrnoException).code === 'ERR_MODULE_NOT_FOUND';
    const reason = missing ? 'optional @tensorflow/tfjs-node is not installed' : firstLine(err);
    return { name: 'tensorflow', available: false, reason };
  }
}

async function probeWasm(): Promise<TfBackendStatus> {
  try {
    await import('@tensorflow/tfjs-backend-wasm');
    const ok = await tf.setBackend('wasm');
    await tf.ready();
    return ok
      ? { name: 'wasm', available: true }
      : { name: 'wasm', available: false, reason: 'wasm backend failed to initialise' };
  } catch (err) {
    return { name: 'wasm', available: false, reason: firstLine(err) };
  }
}

async function probeCpu(): Promise<TfBackendStatus> {
  const ok = await tf.setBackend('cpu');
  return ok ? { name: 'cpu', available: true } : { name: 'cpu', available: false, reason: 'cpu backend failed' };
}

function firstLine(err: unknown): string {
  const text = err instanceof Error ? err.message : String(err);
  return text.split('\n')[0].slice(0, 200);
}

/**
 * Probes every backend, then activates the best available one (or `preferred` when given and available).
 * Memoised: later calls return the same report. Set LODYN_TF_BACKEND to force one (tests run each backend).
 */
export function selectTfBackend(preferred?: TfBackendName): Promise<BackendReport> {
  selection ??= (async () => {
    const statuses = [await probeTensorflow(), await probeWasm(), await probeCpu()];
    const forced = preferred ?? (process.env.LODYN_TF_BACKEND as TfBackendName | undefined);
    const order = forced ? [forced, ...PREFERENCE.filter((b) => b !== forced)] : PREFERENCE;
    let used: TfBackendName | null = null;
    for (const name of order) {
      if (statuses.find((s) => s.name === name)?.available && (await tf.setBackend(name))) {
        used = name;
        break;
      }
    }
    await tf.ready();
    return { backends: statuses, used, tfjsVersion: tf.version.tfjs };
  })();
  return selection;
}

export { tf };
