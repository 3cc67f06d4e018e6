// System calls: what the host is (versions, cores, memory, TensorFlow.js backends, data root) and whether it is healthy.
import { z } from 'zod';
import { defineCall } from '../define';

export type TfBackendName = 'tensorflow' | 'wasm' | 'cpu';

export interface TfBackendStatus {
  name: TfBackendName;
  /** Whether the backend loaded and initialised in this process. */
  available: boolean;
  /** Why it is unavailable, when it is. */
  reason?: string;
}

export interface SystemInfo {
  appName: string;
  appVersion: string;
  /** `electron` for the desktop shell, `browser` for `lodyn serve`, `cli` for the command line. */
  host: 'electron' | 'browser' | 'cli';
  versions: { node: string; electron?: string; chrome?: string; v8: string };
  platform: string;
  arch: string;
  cpuCount: number;
  cpuModel: string;
  memoryTotalBytes: number;
  memoryFreeBytes: number;
  tensorflow: { backends: TfBackendStatus[]; used: TfBackendName | null; tfjsVersion: string };
  dataRoot: string;
  /** Schema version of catalogue.json. */
  catalogueSchemaVersion: number;
}

export interface SystemHealth {
  ok: boolean;
  uptimeS: number;
  checks: { name: string; ok: boolean; message: string }[];
}

export interface SavePathChoice {
  /** The chosen path, or null when the user cancelled or the host has no native dialog. */
  path: string | null;
  /** Whether a native save dialog was shown (Electron); browser mode downloads instead. */
  native: boolean;
}

const fileFilter = z
  .object({ name: z.string().min(1).max(100), extensions: z.array(z.string().min(1).max(20)) })
  .strict();

export const systemCalls = {
  'system:info': defineCall<SystemInfo>()(
    z.object({}).strict(),
    'Versions, CPU, memory, TensorFlow.js backends, data root.',
  ),
  'system:health': defineCall<SystemHealth>()(z.object({}).strict(), 'Liveness checks of the data root and catalogue.'),
  'system:chooseSavePath': defineCall<SavePathChoice>()(
    z.object({ defaultName: z.string().min(1).max(500), filters: z.array(fileFilter).max(10).default([]) }).strict(),
    'Asks where to save a file: the native save dialog in the desktop app; { path: null, native: false } elsewhere.',
  ),
} as const;
