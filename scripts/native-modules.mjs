// Native modules (better-sqlite3) are built for one runtime at a time: Node's
// ABI for the tests and the web console, Electron's for the desktop app.
// `node scripts/native-modules.mjs node|electron` rebuilds them only when the
// runtime asked for is not the one they were last built for.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const MARKER = join(import.meta.dirname, '..', 'node_modules', '.gatehouse-native-runtime');
const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

function loadsUnderNode() {
  const probe = spawnSync(process.execPath, ['-e', "new (require('better-sqlite3'))(':memory:').close()"], { encoding: 'utf8' });
  return probe.status === 0;
}

function run(command, args) {
  const result = spawnSync(command, args, { stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

export function ensureNativeModules(runtime) {
  const current = existsSync(MARKER) ? readFileSync(MARKER, 'utf8').trim() : 'node';
  if (runtime === 'node') {
    if (loadsUnderNode()) return;
    console.log('Rebuilding native modules for Node (they were built for Electron)…');
    run(npm, ['rebuild', 'better-sqlite3']);
  } else if (current !== 'electron') {
    console.log('Rebuilding native modules for Electron…');
    run(npx, ['electron-builder', 'install-app-deps']);
  } else {
    return;
  }
  writeFileSync(MARKER, runtime);
}

if (process.argv[1] === import.meta.filename) {
  const runtime = process.argv[2];
  if (runtime !== 'node' && runtime !== 'electron') {
    console.error('usage: node scripts/native-modules.mjs node|electron');
    process.exit(2);
  }
  ensureNativeModules(runtime);
}
