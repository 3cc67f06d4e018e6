// Jobs (library generation, recomputation, training): listed once, then kept live by `job:progressed` events.
import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import type { JobRecord } from '../../../src-shared/catalogue/records';
import { api } from '../api/client';

export const useJobsStore = defineStore('jobs', () => {
  const jobs = ref<JobRecord[]>([]);
  const error = ref<string | null>(null);
  let subscribed = false;

  function upsert(job: JobRecord): void {
    const i = jobs.value.findIndex((j) => j.id === job.id);
    if (i >= 0) jobs.value.splice(i, 1, job);
    else jobs.value.unshift(job);
  }

  async function refresh(): Promise<void> {
    try {
      jobs.value = (await api()['jobs:list']({})).slice().sort((a, b) => b.createdIso.localeCompare(a.createdIso));
      error.value = null;
    } catch (err) {
      error.value = err instanceof Error ? err.message : String(err);
    }
    if (!subscribed) {
      api().on('job:progressed', upsert);
      subscribed = true;
    }
  }

  const running = computed(() => jobs.value.filter((j) => j.status === 'running'));
  return { jobs, running, error, refresh, upsert };
});
