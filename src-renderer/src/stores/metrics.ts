// Metric metadata (built-in definitions, user-metric building blocks) and the saved user metrics.
import { defineStore } from 'pinia';
import { ref, shallowRef } from 'vue';
import type { MetricsListResponse } from '../../../src-shared/contract/calls/metrics';
import type { MetricDefinitionRecord } from '../../../src-shared/catalogue/records';
import { api } from '../api/client';

export const useMetricsStore = defineStore('metrics', () => {
  const list = shallowRef<MetricsListResponse | null>(null);
  const user = ref<MetricDefinitionRecord[]>([]);

  async function load(): Promise<void> {
    if (!list.value) list.value = await api()['metrics:list']({});
    user.value = await api()['metrics:listUser']({});
  }

  async function removeUser(id: string): Promise<void> {
    await api()['metrics:deleteUser']({ id });
    user.value = await api()['metrics:listUser']({});
  }

  return { list, user, load, removeUser };
});
