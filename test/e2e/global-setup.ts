// Before any e2e test: build the app if its sources changed, so tests never run against a stale renderer.
import { execFileSync } from 'node:child_process';

export default function globalSetup(): void {
  execFileSync(process.execPath, ['scripts/ensure-build.mjs'], { stdio: 'inherit' });
}
