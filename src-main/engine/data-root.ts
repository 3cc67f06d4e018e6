// Resolves the data root: LODYN_HOME, else --data, else the OS app-data folder.
import os from 'node:os';
import path from 'node:path';

/** The OS convention for per-user application data, without Electron (the CLI and server need it too). */
export function osAppDataDir(
  appName = 'lodyn',
  env: NodeJS.ProcessEnv = process.env,
  platform = process.platform,
): string {
  const home = os.homedir();
  if (platform === 'win32') return path.join(env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), appName);
  if (platform === 'darwin') return path.join(home, 'Library', 'Application Support', appName);
  return path.join(env.XDG_DATA_HOME ?? path.join(home, '.local', 'share'), appName);
}

export function resolveDataRoot(
  opts: { flag?: string; env?: NodeJS.ProcessEnv; platform?: NodeJS.Platform } = {},
): string {
  const env = opts.env ?? process.env;
  if (env.LODYN_HOME) return path.resolve(env.LODYN_HOME);
  if (opts.flag) return path.resolve(opts.flag);
  return osAppDataDir('lodyn', env, opts.platform ?? process.platform);
}
