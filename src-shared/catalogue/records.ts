// Record types kept in catalogue.json. Later features widen these interfaces; every record has a stable string id.

export interface CatalogueRecord {
  id: string;
  createdIso: string;
}

/** The whole catalogue document; `schemaVersion` drives migrations. */
export interface CatalogueData {
  schemaVersion: number;
  createdIso: string;
  /** App version that last wrote the file. */
  appVersion: string;
  libraries: CatalogueRecord[];
  metricDefinitions: CatalogueRecord[];
  observations: CatalogueRecord[];
  posteriors: CatalogueRecord[];
  jobs: CatalogueRecord[];
}

export const CATALOGUE_SCHEMA_VERSION = 1;
