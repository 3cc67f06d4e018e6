// Light/dark theme preference: follows the OS until the user picks one; remembered in localStorage.
import { defineStore } from 'pinia';
import { computed, ref, watch } from 'vue';

export type ThemeChoice = 'system' | 'light' | 'dark';
const KEY = 'lodyn.theme';

export const useThemeStore = defineStore('theme', () => {
  const choice = ref<ThemeChoice>((localStorage.getItem(KEY) as ThemeChoice | null) ?? 'system');
  const media = window.matchMedia('(prefers-color-scheme: dark)');
  const systemDark = ref(media.matches);
  media.addEventListener('change', (e) => {
    systemDark.value = e.matches;
  });
  watch(choice, (value) => localStorage.setItem(KEY, value));
  const dark = computed(() => (choice.value === 'system' ? systemDark.value : choice.value === 'dark'));
  return { choice, dark };
});
