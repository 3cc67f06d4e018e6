// The catalogue: libraries (kept live by `library:changed`), and the browse state of the open library (filters, picks).
import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import type { LibraryRecord } from '../../../src-shared/catalogue/records';
import type { RangeFilter, RunStatus } from '../../../src-shared/space/library-types';
import { api } from '../api/client';

/** Numeric columns of a page of runs, NaN where the store had none. Each array has shape [nRows]. */
export interface RunSample {
  /** Runs passing the query (all pages), of which `nRows` were fetched. */
  total: number;
  nRows: number;
  values: Record<string, Float64Array>;
}

/** Metrics shown first when a library has them: rate, irregularity, synchrony, oscillation. */
const PREFERRED_METRICS = ['rate_mean', 'cv_isi', 'corr_pairwise', 'sync_chi', 'spectrum_peak_hz'];

export function defaultMetricColumns(metricIds: string[]): string[] {
  const preferred = PREFERRED_METRICS.filter((m) => metricIds.includes(m));
  return preferred.length ? preferred : metricIds.slice(0, 4);
}

export function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

export const useCatalogueStore = defineStore('catalogue', () => {
  const libraries = ref<LibraryRecord[]>([]);
  const loaded = ref(false);
  const error = ref<string | null>(null);
  /** Bumped on every `library:changed`; views watch it to refetch what they show. */
  const changes = ref<{ libraryId: string; reason: string; n: number }>({ libraryId: '', reason: '', n: 0 });
  let subscribed = false;

  async function refresh(): Promise<void> {
    // Subscribe before the first list: the host may register a library (the default one, on first start) while
    // that list is in flight, and its `library:changed` must not be missed.
    if (!subscribed) {
      subscribed = true;
      api().on('library:changed', (e) => {
        changes.value = { ...e, n: changes.value.n + 1 };
        void refresh();
      });
    }
    try {
      libraries.value = (await api()['library:list']({}))
        .slice()
        .sort((a, b) => b.createdIso.localeCompare(a.createdIso));
      error.value = null;
    } catch (err) {
      error.value = errorText(err);
    } finally {
      loaded.value = true;
    }
  }

  // Browse state of one library at a time; opening another library starts afresh.
  const browsingId = ref<string | null>(null);
  /** Brushed ranges by column id (inclusive). */
  const ranges = ref<Record<string, [number, number]>>({});
  const statuses = ref<RunStatus[]>([]);
  /** Metric columns on the parallel axes, in the table and as histograms. */
  const metricColumns = ref<string[]>([]);
  const scatter = ref<{ x: string; y: string; color: string | null }>({ x: '', y: '', color: null });

  function browse(id: string, paramIds: string[], metricIds: string[]): void {
    if (browsingId.value === id) return;
    browsingId.value = id;
    ranges.value = {};
    statuses.value = [];
    metricColumns.value = defaultMetricColumns(metricIds);
    const m = metricColumns.value;
    scatter.value = {
      x: paramIds[0] ?? 'runIndex',
      y: m[0] ?? paramIds[1] ?? 'seed',
      color: m[1] ?? paramIds[1] ?? null,
    };
  }

  const filters = computed<RangeFilter[]>(() =>
    Object.entries(ranges.value).map(([column, [min, max]]) => ({ column, min, max })),
  );
  const filtering = computed(() => filters.value.length > 0 || statuses.value.length > 0);

  /** The first `limit` runs (design order, which is space-filling) passing the filters, as numeric columns. */
  async function sample(id: string, columns: string[], filtered: boolean, limit = 5000): Promise<RunSample> {
    const page = await api()['library:query']({
      id,
      columns,
      limit,
      offset: 0,
      filters: filtered ? filters.value : [],
      ...(filtered && statuses.value.length ? { statuses: statuses.value } : {}),
    });
    const values: Record<string, Float64Array> = {};
    page.columns.forEach((c, k) => {
      const col = new Float64Array(page.rows.length);
      page.rows.forEach((row, i) => {
        const v = row[k];
        col[i] = typeof v === 'number' ? v : NaN;
      });
      values[c] = col;
    });
    return { total: page.total, nRows: page.rows.length, values };
  }

  return {
    libraries,
    loaded,
    error,
    changes,
    refresh,
    browsingId,
    ranges,
    statuses,
    metricColumns,
    scatter,
    browse,
    filters,
    filtering,
    sample,
  };
});
