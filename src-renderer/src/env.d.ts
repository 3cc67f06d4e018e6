// Ambient types of the renderer: .vue modules and the preload's `window.lodyn` (present only in Electron).
/// <reference types="vite/client" />
import type { RawApi } from '../../src-shared/contract/api';

declare module '*.vue' {
  import type { DefineComponent } from 'vue';
  const component: DefineComponent<object, object, unknown>;
  export default component;
}

declare global {
  interface Window {
    lodyn?: RawApi;
  }
}
