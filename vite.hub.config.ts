// Builds the hub alone (not the desktop app) for plain Node (issue 14.5):
// `npx vite build --config vite.hub.config.ts` writes dist-hub/ with
// gatehouse-hub.js (the hub's own code in one file, npm packages left as
// imports), the SQLite migrations where that code looks for them, and the
// package.json and package-lock.json naming exactly the packages it imports.
// docs/deploy.md says how to install and run it.
import { chmodSync, cpSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import type { Plugin } from 'vite';
import { defineConfig } from 'vite';
import type { Lockfile, RootPackage } from './hub/deploy/runtime-package.js';
import { HUB_ENTRY_FILE, packagesOf, runtimeLockfile, runtimePackageJson } from './hub/deploy/runtime-package.js';

const ROOT = import.meta.dirname;
const OUT_DIR = resolve(ROOT, 'dist-hub');

/** Folders of files the hub reads at run time, copied to the same place under dist-hub/ (the PostgreSQL ones only once they exist). */
const RUNTIME_FOLDERS = ['hub/store/migrations', 'hub/store/pg/migrations'];

/**
 * In one bundle every module's import.meta.dirname would be dist-hub/; each
 * is given its own folder's place under dist-hub/ instead, so code that finds
 * files beside itself (join(import.meta.dirname, 'migrations')) finds the
 * copies RUNTIME_FOLDERS made, whichever module it is in.
 */
function keepModuleFolders(): Plugin {
  return {
    name: 'gatehouse-hub-module-folders',
    transform(code, id) {
      if (!code.includes('import.meta.dirname') || id.includes('/node_modules/')) return null;
      const folder = relative(ROOT, dirname(id)).split('\\').join('/');
      return { code: code.replaceAll('import.meta.dirname', `(import.meta.dirname + ${JSON.stringify(`/${folder}`)})`), map: null };
    },
  };
}

function deployableFiles(): Plugin {
  // What the bundle's chunks import from outside it (packages and Node's modules), as the bundler recorded it.
  const external = new Set<string>();
  return {
    name: 'gatehouse-hub-deployable-files',
    generateBundle(_options, bundle) {
      for (const output of Object.values(bundle)) {
        if (output.type !== 'chunk') continue;
        for (const specifier of [...output.imports, ...output.dynamicImports]) if (!(specifier in bundle)) external.add(specifier);
      }
    },
    writeBundle() {
      for (const folder of RUNTIME_FOLDERS) {
        if (existsSync(resolve(ROOT, folder))) cpSync(resolve(ROOT, folder), resolve(OUT_DIR, folder), { recursive: true });
      }
      const entry = resolve(OUT_DIR, HUB_ENTRY_FILE);
      chmodSync(entry, 0o755);
      const root = JSON.parse(readFileSync(resolve(ROOT, 'package.json'), 'utf8')) as RootPackage;
      const runtime = runtimePackageJson(packagesOf(external), root);
      writeFileSync(resolve(OUT_DIR, 'package.json'), `${JSON.stringify(runtime, null, 2)}\n`);
      const rootLock = JSON.parse(readFileSync(resolve(ROOT, 'package-lock.json'), 'utf8')) as Lockfile;
      writeFileSync(resolve(OUT_DIR, 'package-lock.json'), `${JSON.stringify(runtimeLockfile(runtime, rootLock), null, 2)}\n`);
    },
  };
}

export default defineConfig({
  // No public/ folder, no .env files: the hub reads its settings from its command line and environment at run time.
  publicDir: false,
  envDir: false,
  plugins: [keepModuleFolders(), deployableFiles()],
  ssr: { target: 'node', noExternal: [] },
  build: {
    ssr: resolve(ROOT, 'hub/cli.ts'),
    outDir: OUT_DIR,
    emptyOutDir: true,
    target: 'node20',
    // Stack traces in the hub's logs should name real functions and lines.
    minify: false,
    sourcemap: true,
    rolldownOptions: {
      output: { format: 'es', entryFileNames: HUB_ENTRY_FILE, banner: '#!/usr/bin/env node' },
    },
  },
});
