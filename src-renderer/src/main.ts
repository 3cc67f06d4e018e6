// Renderer entry: Vue app with router and pinia.
import { createApp } from 'vue';
import { createPinia } from 'pinia';
import AppShell from './AppShell.vue';
import { router } from './router';

createApp(AppShell).use(createPinia()).use(router).mount('#app');
