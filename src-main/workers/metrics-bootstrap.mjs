// Worker bootstrap for source checkouts (CLI via tsx, vitest): registers tsx in this thread, then loads the TS worker.
import { register } from 'tsx/esm/api';

register();
const mod = await import('./metrics-worker.ts');
export default mod.default;
