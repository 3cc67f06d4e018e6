// Where worker entry files live. The Electron bundle swaps these for its bundled paths (one place to change).
import { fileURLToPath } from 'node:url';

/** Worker that runs one simulation: an .mjs bootstrap registering tsx, then importing simulate-worker.ts. */
export const simulateWorkerPath = fileURLToPath(new URL('./simulate-bootstrap.mjs', import.meta.url));
