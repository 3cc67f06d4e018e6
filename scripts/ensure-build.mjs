// Builds the app when out/ is missing or older than the sources, so `npm test` always runs e2e on current code.
import { execSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

const outFile = 'out/renderer/index.html';
function newest(dir) {
  let t = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    t = Math.max(t, entry.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
}
const sourcesMs = Math.max(newest('src-renderer'), newest('src-shared'), newest('src-main'));
if (!existsSync(outFile) || statSync(outFile).mtimeMs < sourcesMs) {
  process.stderr.write('building the app (sources changed since the last build)…\n');
  execSync('npx electron-vite build', { stdio: 'inherit' });
}
