// Routes of the app frame: one per view, in the order of the side navigation.
import { createRouter, createWebHashHistory, type RouteRecordRaw } from 'vue-router';

export interface NavRoute {
  path: string;
  name: string;
  label: string;
  /** One line shown under the label in the navigation. */
  hint: string;
}

export const navRoutes: NavRoute[] = [
  { path: '/catalogue', name: 'catalogue', label: 'Catalogue', hint: 'Browse libraries of runs' },
  { path: '/explorer', name: 'explorer', label: 'Explorer', hint: 'Simulate one network' },
  { path: '/inference', name: 'inference', label: 'Inference', hint: 'Parameters behind dynamics' },
  { path: '/jobs', name: 'jobs', label: 'Jobs', hint: 'Generation and training' },
  { path: '/settings', name: 'settings', label: 'Settings', hint: 'About, backend, theme' },
];

const routes: RouteRecordRaw[] = [
  { path: '/', redirect: '/catalogue' },
  { path: '/catalogue', name: 'catalogue', component: () => import('../views/CatalogueView.vue') },
  { path: '/catalogue/:id', name: 'library', component: () => import('../views/LibraryView.vue') },
  { path: '/explorer', name: 'explorer', component: () => import('../views/ExplorerView.vue') },
  { path: '/inference', name: 'inference', component: () => import('../views/InferenceView.vue') },
  { path: '/jobs', name: 'jobs', component: () => import('../views/JobsView.vue') },
  { path: '/settings', name: 'settings', component: () => import('../views/SettingsView.vue') },
];

// Hash history: works from file:// in Electron and from the loopback server alike, and keeps ?token= intact.
export const router = createRouter({ history: createWebHashHistory(), routes });
