// System info and health from the host, loaded once at start and on demand.
import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { SystemHealth, SystemInfo } from '../../../src-shared/contract/calls/system';
import { api } from '../api/client';

export const useSystemStore = defineStore('system', () => {
  const info = ref<SystemInfo | null>(null);
  const health = ref<SystemHealth | null>(null);
  const error = ref<string | null>(null);
  const loading = ref(false);

  async function refresh(): Promise<void> {
    loading.value = true;
    try {
      [info.value, health.value] = await Promise.all([api()['system:info']({}), api()['system:health']({})]);
      error.value = null;
    } catch (err) {
      error.value = err instanceof Error ? err.message : String(err);
    } finally {
      loading.value = false;
    }
  }

  return { info, health, error, loading, refresh };
});
