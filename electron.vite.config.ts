// Build of the three Electron targets: main (ESM, deps external), preload (CJS, fully bundled for the sandbox), renderer (Vue).
import { defineConfig } from 'electron-vite';
import vue from '@vitejs/plugin-vue';
import { resolve } from 'node:path';

const root = import.meta.dirname;

export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      // Worker entries are emitted beside index.js; src-main/workers/worker-paths.ts finds them there.
      rolldownOptions: {
        input: {
          index: resolve(root, 'src-main/app/main.ts'),
          'simulate-worker': resolve(root, 'src-main/workers/simulate-worker.ts'),
          'metrics-worker': resolve(root, 'src-main/workers/metrics-worker.ts'),
          'train-worker': resolve(root, 'src-main/workers/train-worker.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      // Sandboxed preloads cannot require node_modules: bundle everything into one CommonJS file.
      externalizeDeps: false,
      rolldownOptions: {
        input: { index: resolve(root, 'src-main/app/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(root, 'src-renderer'),
    plugins: [vue()],
    resolve: { alias: { '@shared': resolve(root, 'src-shared') } },
    build: {
      outDir: resolve(root, 'out/renderer'),
      chunkSizeWarningLimit: 2500,
      rolldownOptions: { input: { index: resolve(root, 'src-renderer/index.html') } },
    },
  },
});
