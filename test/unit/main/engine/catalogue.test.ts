// The catalogue: created on first start with a schema version, migrated, never silently replaced when corrupt.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openCatalogue } from '../../../../src-main/engine/catalogue/catalogue';
import { migrate } from '../../../../src-main/engine/catalogue/migrations';
import { CATALOGUE_SCHEMA_VERSION } from '../../../../src-shared/catalogue/records';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'lodyn-cat-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('catalogue', () => {
  it('is created on first start with the current schema version', async () => {
    const cat = await openCatalogue(path.join(dir, 'new'), '1.2.3');
    const onDisk = JSON.parse(await readFile(cat.file, 'utf8'));
    expect(onDisk.schemaVersion).toBe(CATALOGUE_SCHEMA_VERSION);
    expect(onDisk.libraries).toEqual([]);
    expect(onDisk.appVersion).toBe('1.2.3');
  });

  it('persists updates and serialises concurrent ones', async () => {
    const cat = await openCatalogue(dir, '1');
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        cat.update(
          (d) => void d.jobs.push({ id: `j${i}`, createdIso: new Date(0).toISOString() } as (typeof d.jobs)[number]),
        ),
      ),
    );
    const reopened = await openCatalogue(dir, '1');
    expect(reopened.data.jobs.map((j) => j.id)).toEqual(Array.from({ length: 20 }, (_, i) => `j${i}`));
  });

  it('migrates a version-0 file and keeps its records', async () => {
    await writeFile(path.join(dir, 'catalogue.json'), JSON.stringify({ libraries: [{ id: 'a', createdIso: 'x' }] }));
    const cat = await openCatalogue(dir, '1');
    expect(cat.data.schemaVersion).toBe(CATALOGUE_SCHEMA_VERSION);
    expect(cat.data.libraries).toEqual([{ id: 'a', createdIso: 'x' }]);
    expect(cat.data.posteriors).toEqual([]);
  });

  it('refuses a file from a newer app and a corrupt file, leaving both untouched', async () => {
    const file = path.join(dir, 'catalogue.json');
    await writeFile(file, JSON.stringify({ schemaVersion: 999 }));
    await expect(openCatalogue(dir, '1')).rejects.toThrow(/newer than this app/);
    expect(JSON.parse(await readFile(file, 'utf8'))).toEqual({ schemaVersion: 999 });
    await writeFile(file, '{"libraries": [');
    await expect(openCatalogue(dir, '1')).rejects.toThrow(/not valid JSON/);
    expect(await readFile(file, 'utf8')).toBe('{"libraries": [');
  });

  it('runs migration steps in order', () => {
    const steps = [
      (d: Record<string, unknown>) => ({ ...d, schemaVersion: 1, a: 1 }),
      (d: Record<string, unknown>) => ({ ...d, schemaVersion: 2, b: 2 }),
    ];
    expect(migrate({}, 2, steps)).toMatchObject({ schemaVersion: 2, a: 1, b: 2 });
    expect(() => migrate({ schemaVersion: 1 }, 3, steps)).toThrow(/no migration from catalogue schema version 2/);
  });
});
