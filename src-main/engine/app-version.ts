// The app's name and version, read once from package.json (works from source, the CLI and the Electron bundle).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

function findPackageJson(): { name: string; productName?: string; version: string } {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    try {
      const pkg = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as { name?: string };
      if (pkg.name === 'lodyn') return pkg as { name: string; version: string };
    } catch {
      // not here: go up one folder
    }
    dir = path.dirname(dir);
  }
  return { name: 'lodyn', version: '0.0.0' };
}

const pkg = findPackageJson();
export const APP_NAME = pkg.productName ?? 'Library of Dynamics';
export const APP_VERSION = pkg.version;
