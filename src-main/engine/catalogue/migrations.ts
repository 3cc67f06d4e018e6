// Migrations of catalogue.json: migrations[v] turns a version-v document into version v+1.
import { CATALOGUE_SCHEMA_VERSION, type CatalogueData } from '../../../src-shared/catalogue/records';

type Json = Record<string, unknown>;
export type Migration = (doc: Json) => Json;

/** Index = the version migrated from. Version 0 is a file without `schemaVersion` (hand-made or pre-release). */
export const migrations: Migration[] = [
  (doc) => ({
    ...doc,
    schemaVersion: 1,
    libraries: doc.libraries ?? [],
    metricDefinitions: doc.metricDefinitions ?? [],
    observations: doc.observations ?? [],
    posteriors: doc.posteriors ?? [],
    jobs: doc.jobs ?? [],
  }),
];

/** Brings a parsed document up to the current schema; refuses documents from a newer app. */
export function migrate(doc: Json, target = CATALOGUE_SCHEMA_VERSION, steps: Migration[] = migrations): CatalogueData {
  let version = typeof doc.schemaVersion === 'number' ? doc.schemaVersion : 0;
  if (version > target) {
    throw new Error(
      `catalogue.json has schema version ${version}, newer than this app supports (${target}); upgrade lodyn`,
    );
  }
  let current = doc;
  while (version < target) {
    const step = steps[version];
    if (!step) throw new Error(`no migration from catalogue schema version ${version}`);
    current = step(current);
    version += 1;
  }
  return current as unknown as CatalogueData;
}
