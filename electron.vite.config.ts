// Builds the three bundles of the desktop app: main (Node, ES modules, with a
// second entry, core-host.js, that the main process starts in a utility
// process: electron/core/process/), preload (CommonJS and self-contained, so
// the window can stay sandboxed) and renderer (Vue 3 + Vuetify). The renderer imports the repo's shared/ as @shared (the alias is set for every bundle).
import { cpSync } from 'node:fs';
import { resolve } from 'node:path';
import vue from '@vitejs/plugin-vue';
import { defineConfig } from 'electron-vite';
import type { Plugin } from 'vite';
import vuetify from 'vite-plugin-vuetify';

/** The drizzle-kit migrations are read at run time, so they travel next to the main bundle. */
function copyMigrations(): Plugin {
  return {
    name: 'gatehouse-copy-migrations',
    closeBundle() {
      cpSync(resolve(import.meta.dirname, 'hub/store/migrations'), resolve(import.meta.dirname, 'out/main/migrations/hub'), { recursive: true });
      cpSync(resolve(import.meta.dirname, 'electron/core/replica/migrations'), resolve(import.meta.dirname, 'out/main/migrations/replica'), {
        recursive: true,
      });
    },
  };
}

const shared = { '@shared': resolve(import.meta.dirname, 'shared') };

export default defineConfig({
  main: {
    resolve: { alias: shared },
    plugins: [copyMigrations()],
    build: {
      outDir: 'out/main',
      rollupOptions: {
        input: {
          index: resolve(import.meta.dirname, 'electron/main/index.ts'),
          // The desktop core's own process (utilityProcess.fork in electron/main/index.ts); it never imports electron.
          'core-host': resolve(import.meta.dirname, 'electron/core/process/core-host.ts'),
        },
      },
    },
  },
  preload: {
    resolve: { alias: shared },
    build: {
      outDir: 'out/preload',
      // A sandboxed preload can require nothing but electron: bundle everything else in.
      externalizeDeps: false,
      rollupOptions: {
        input: { index: resolve(import.meta.dirname, 'electron/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(import.meta.dirname, 'renderer'),
    resolve: { alias: { ...shared, '@renderer': resolve(import.meta.dirname, 'renderer/src') } },
    plugins: [vue(), vuetify({ autoImport: true })],
    build: {
      outDir: resolve(import.meta.dirname, 'out/renderer'),
      rollupOptions: { input: { index: resolve(import.meta.dirname, 'renderer/index.html') } },
    },
  },
});
