// Locates the installed package's root folder (where package.json, out/ and resources/ live), from source or bundle.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export interface PackageJson {
  name: string;
  productName?: string;
  version: string;
}

function find(): { root: string; pkg: PackageJson } {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 8; i++) {
    try {
      const pkg = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as PackageJson;
      if (pkg.name === 'lodyn') return { root: dir, pkg };
    } catch {
      // not here: go up one folder
    }
    dir = path.dirname(dir);
  }
  throw new Error('cannot find the lodyn package.json above ' + fileURLToPath(import.meta.url));
}

const found = find();
export const PACKAGE_ROOT = found.root;
export const PACKAGE_JSON = found.pkg;
export const RENDERER_DIR = path.join(PACKAGE_ROOT, 'out', 'renderer');
export const RESOURCES_DIR = path.join(PACKAGE_ROOT, 'resources');
