// The Explorer's state: model family, spec being edited, seed, the last run and its progress.
import { defineStore } from 'pinia';
import { computed, ref, shallowRef } from 'vue';
import type { SimDefaults, SimRunResult } from '../../../src-shared/contract/calls/sim';
import type { ModelFamily } from '../../../src-shared/model/network-spec';
import { networkSpecSchema } from '../../../src-shared/model/network-spec';
import { api } from '../api/client';
import { specIssues } from '../components/parameters/spec-issues';

type Json = SimDefaults['spec'];

export const useExplorerStore = defineStore('explorer', () => {
  const family = ref<ModelFamily>('coba-lif');
  const defaults = shallowRef<SimDefaults | null>(null);
  const spec = shallowRef<Json | null>(null);
  const seed = ref(1);
  const result = shallowRef<SimRunResult | null>(null);
  const running = ref(false);
  const progress = ref(0);
  const runId = ref<string | null>(null);
  const error = ref<string | null>(null);
  let subscribed = false;

  const issues = computed(() => (spec.value ? specIssues(networkSpecSchema, spec.value) : new Map<string, string>()));

  async function load(next: ModelFamily = family.value): Promise<void> {
    family.value = next;
    defaults.value = await api()['sim:defaults']({ model: next });
    spec.value = structuredClone(defaults.value.spec);
    if (!subscribed) {
      api().on('sim:progressed', (e) => {
        if (e.runId === runId.value) progress.value = e.fraction;
      });
      subscribed = true;
    }
  }

  async function run(): Promise<void> {
    if (!spec.value || issues.value.size) return;
    running.value = true;
    progress.value = 0;
    error.value = null;
    runId.value = `explorer-${Date.now()}`;
    try {
      result.value = await api()['sim:run']({ spec: spec.value, seed: seed.value, runId: runId.value });
    } catch (err) {
      error.value = err instanceof Error ? err.message : String(err);
    } finally {
      running.value = false;
    }
  }

  async function cancel(): Promise<void> {
    if (runId.value) await api()['sim:cancel']({ runId: runId.value });
  }

  function resetAll(): void {
    if (defaults.value) spec.value = structuredClone(defaults.value.spec);
  }

  return { family, defaults, spec, seed, result, running, progress, error, issues, load, run, cancel, resetAll };
});
