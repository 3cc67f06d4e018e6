// `npm start`: builds, then launches the desktop app; where Electron cannot start, says why in one line and
// starts browser mode instead, so a newcomer always gets the app.
import { execSync, spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);
const passThrough = process.argv.slice(2);

execSync('node scripts/ensure-build.mjs', { stdio: 'inherit' });

/** Why Electron cannot start here, or null when it can. Never triggers electron's own download. */
function electronUnavailableReason() {
  let dir;
  try {
    dir = path.dirname(require.resolve('electron/package.json'));
  } catch {
    return 'the electron package is not installed';
  }
  const pathFile = path.join(dir, 'path.txt');
  if (!existsSync(pathFile))
    return 'the Electron binary is not downloaded (run `npx install-electron` where the network allows)';
  const binary = path.join(dir, 'dist', readFileSync(pathFile, 'utf8'));
  if (!existsSync(binary)) return `the Electron binary is missing (${binary})`;
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
    return 'there is no display (DISPLAY and WAYLAND_DISPLAY are unset)';
  }
  return null;
}

function startBrowserMode() {
  const child = spawn(process.execPath, ['bin/lodyn.js', 'serve', ...passThrough], { stdio: 'inherit' });
  child.on('exit', (code) => process.exit(code ?? 0));
}

const reason = electronUnavailableReason();
if (reason) {
  console.error(`lodyn: the desktop app cannot start because ${reason}; starting browser mode instead.`);
  startBrowserMode();
} else {
  const dir = path.dirname(require.resolve('electron/package.json'));
  const binary = path.join(dir, 'dist', readFileSync(path.join(dir, 'path.txt'), 'utf8'));
  const child = spawn(binary, ['.', ...passThrough], { stdio: 'inherit' });
  child.on('error', (err) => {
    console.error(`lodyn: the desktop app failed to start (${err.message}); starting browser mode instead.`);
    startBrowserMode();
  });
  child.on('exit', (code) => process.exit(code ?? 0));
}
