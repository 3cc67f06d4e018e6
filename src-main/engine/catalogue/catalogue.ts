// The catalogue: catalogue.json in the data root (lowdb), created on first start, migrated on open, written atomically.
import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { Low } from 'lowdb';
import { JSONFile } from 'lowdb/node';
import { CATALOGUE_SCHEMA_VERSION, type CatalogueData } from '../../../src-shared/catalogue/records';
import { migrate } from './migrations';

export const CATALOGUE_FILE = 'catalogue.json';

export interface Catalogue {
  readonly file: string;
  /** The live document; mutate through `update` so every change is persisted. */
  readonly data: CatalogueData;
  /** Applies `change` and writes the file (lowdb/steno: temp file + rename, so a crash leaves the old or new file). */
  update(change: (data: CatalogueData) => void): Promise<void>;
}

function emptyCatalogue(appVersion: string): CatalogueData {
  return {
    schemaVersion: CATALOGUE_SCHEMA_VERSION,
    createdIso: new Date().toISOString(),
    appVersion,
    libraries: [],
    metricDefinitions: [],
    observations: [],
    posteriors: [],
    jobs: [],
  };
}

/** Opens (or creates) the catalogue in `dataRoot`. A corrupt file is an error, never silently replaced. */
export async function openCatalogue(dataRoot: string, appVersion: string): Promise<Catalogue> {
  await mkdir(dataRoot, { recursive: true });
  const file = path.join(dataRoot, CATALOGUE_FILE);
  let existing: Record<string, unknown> | null = null;
  try {
    const text = await readFile(file, 'utf8');
    try {
      existing = JSON.parse(text) as Record<string, unknown>;
    } catch (err) {
      throw new Error(
        `${file} is not valid JSON (${(err as Error).message}); fix or move it aside, nothing was changed`,
      );
    }
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  const initial = existing ? migrate(existing) : emptyCatalogue(appVersion);
  const db = new Low<CatalogueData>(new JSONFile<CatalogueData>(file), initial);
  db.data = initial;
  if (!existing || existing.schemaVersion !== initial.schemaVersion) await db.write();

  // Serialise writes so concurrent updates never interleave.
  let queue: Promise<void> = Promise.resolve();
  return {
    file,
    get data() {
      return db.data;
    },
    update(change) {
      const next = queue.then(async () => {
        change(db.data);
        db.data.appVersion = appVersion;
        await db.write();
      });
      queue = next.catch(() => undefined);
      return next;
    },
  };
}
