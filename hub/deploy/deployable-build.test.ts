// Issue 14.5: the hub built for plain Node. The build is run, the bundle's
// imports are read with a real parser and held against the package.json it
// ships with, and the built command is started as its own process in a
// folder holding only the packages its lockfile names: it must serve
// /healthz, /readyz and /metrics and back up and restore its data folder.
import { execFile, spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { parseSync } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Lockfile, RootPackage } from './runtime-package';
import { HUB_BIN, HUB_ENTRY_FILE, packagesOf } from './runtime-package';

const run = promisify(execFile);
const ROOT = resolve(import.meta.dirname, '..', '..');
const OUT_DIR = join(ROOT, 'dist-hub');
const root = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as RootPackage;

let installed = '';
const children: ChildProcess[] = [];
const folders: string[] = [];

function temporaryFolder(): string {
  const folder = mkdtempSync(join(tmpdir(), 'gatehouse-deployable-'));
  folders.push(folder);
  return folder;
}

/**
 * dist-hub/ copied elsewhere with a node_modules of only what its lockfile
 * names (links to this repository's installed copies): run with symlinks
 * kept as they are, nothing outside that list can be found.
 */
function installBesideRepository(): string {
  const folder = temporaryFolder();
  cpSync(OUT_DIR, folder, { recursive: true });
  const lock = JSON.parse(readFileSync(join(folder, 'package-lock.json'), 'utf8')) as Lockfile;
  for (const location of Object.keys(lock.packages)) {
    // Nested ones (a/node_modules/b) come with their parent's folder.
    if (location === '' || location.lastIndexOf('node_modules/') !== 0) continue;
    mkdirSync(dirname(join(folder, location)), { recursive: true });
    symlinkSync(join(ROOT, location), join(folder, location), 'dir');
  }
  return folder;
}

const NODE_FLAGS = ['--preserve-symlinks', '--preserve-symlinks-main'];

function hubCommand(args: string[]): Promise<{ stdout: string; stderr: string }> {
  return run(process.execPath, [...NODE_FLAGS, join(installed, HUB_ENTRY_FILE), ...args], { cwd: temporaryFolder(), env: { PATH: process.env['PATH'] ?? '' } });
}

/** Starts the built hub and resolves with the address it says it listens on. */
async function serve(dataDir: string): Promise<{ url: string; child: ChildProcess; exited: Promise<number | null> }> {
  const child = spawn(process.execPath, [...NODE_FLAGS, join(installed, HUB_ENTRY_FILE), '--data', dataDir, '--port', '0'], {
    cwd: temporaryFolder(),
    // Nothing from this test process (no tsx loader, no vitest) reaches the hub.
    env: { PATH: process.env['PATH'] ?? '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  const exited = new Promise<number | null>((resolveExit) => child.once('exit', (code) => resolveExit(code)));
  const url = await new Promise<string>((resolveUrl, reject) => {
    let output = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      for (const line of output.split('\n')) {
        if (!line.includes('"hub listening"')) continue;
        resolveUrl(String((JSON.parse(line) as { url: string }).url));
      }
    });
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    void exited.then((code) => reject(new Error(`the built hub exited with ${code}: ${output}`)));
  });
  return { url, child, exited };
}

async function stop(hub: { child: ChildProcess; exited: Promise<number | null> }): Promise<number | null> {
  hub.child.kill('SIGTERM');
  return hub.exited;
}

beforeAll(async () => {
  await run(process.execPath, [join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--config', 'vite.hub.config.ts', '--logLevel', 'warn'], { cwd: ROOT });
  installed = installBesideRepository();
}, 120_000);

afterAll(() => {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  for (const folder of folders) rmSync(folder, { recursive: true, force: true });
});

describe('issue 14.5: the deployable hub', () => {
  it('issue 14.5: the bundle imports only the packages its package.json names, at the versions the repository pins, none a dev dependency', () => {
    const code = readFileSync(join(OUT_DIR, HUB_ENTRY_FILE), 'utf8');
    const parsed = parseSync(HUB_ENTRY_FILE, code);
    expect(parsed.errors).toEqual([]);
    const specifiers = [
      ...parsed.module.staticImports.map((entry) => entry.moduleRequest.value),
      ...parsed.module.staticExports.flatMap((entry) => entry.entries.flatMap((exported) => (exported.moduleRequest ? [exported.moduleRequest.value] : []))),
      ...parsed.module.dynamicImports.map((entry) => code.slice(entry.moduleRequest.start, entry.moduleRequest.end).replace(/^["'`]|["'`]$/g, '')),
    ];
    const imported = packagesOf(specifiers);
    // The hub's own code is inside the bundle, not imported from the repository.
    expect(specifiers.filter((specifier) => specifier.startsWith('.') || specifier.startsWith('/'))).toEqual([]);
    const shipped = JSON.parse(readFileSync(join(OUT_DIR, 'package.json'), 'utf8')) as { bin: Record<string, string>; dependencies: Record<string, string> };
    expect(Object.keys(shipped.dependencies).sort()).toEqual([...imported].sort());
    for (const name of imported) {
      expect(root.devDependencies?.[name], `${name} is a dev dependency`).toBeUndefined();
      expect(shipped.dependencies[name]).toBe(root.dependencies?.[name]);
    }
    expect(imported).toContain('better-sqlite3');
    expect(shipped.bin).toEqual({ [HUB_BIN]: HUB_ENTRY_FILE });
    expect(code.startsWith('#!/usr/bin/env node\n')).toBe(true);
    expect(statSync(join(OUT_DIR, HUB_ENTRY_FILE)).mode & 0o111).not.toBe(0);
  });

  it('issue 14.5: the lockfile pins each dependency at its version, and the migrations travel where the code looks for them', () => {
    const shipped = JSON.parse(readFileSync(join(OUT_DIR, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
    const lock = JSON.parse(readFileSync(join(OUT_DIR, 'package-lock.json'), 'utf8')) as Lockfile;
    expect(lock.packages['']?.dependencies).toEqual(shipped.dependencies);
    for (const [name, version] of Object.entries(shipped.dependencies)) expect(lock.packages[`node_modules/${name}`]?.version).toBe(version);
    expect(Object.values(lock.packages).some((entry) => entry['dev'] === true)).toBe(false);
    expect(existsSync(join(OUT_DIR, 'hub/store/migrations/meta/_journal.json'))).toBe(true);
  });

  it('issue 14.5: started as `node gatehouse-hub.js --data DIR --port 0`, it answers /healthz, /readyz and /metrics', async () => {
    const dataDir = join(temporaryFolder(), 'data');
    const hub = await serve(dataDir);
    expect((await fetch(`${hub.url}/healthz`)).status).toBe(200);
    const ready = await fetch(`${hub.url}/readyz`);
    expect({ status: ready.status, body: await ready.json() }).toEqual({ status: 200, body: { ok: true } });
    const metrics = await fetch(`${hub.url}/metrics`);
    expect(metrics.status).toBe(200);
    expect(await metrics.text()).toContain('gatehouse_hub_open_connections 0');
    expect(statSync(dataDir).mode & 0o777).toBe(0o700);
    expect(await stop(hub)).toBe(0);
  });

  it('issue 14.5: `gatehouse-hub backup` copies a running hub, `restore` puts it in a new folder, and a hub there is ready', async () => {
    const dataDir = join(temporaryFolder(), 'data');
    const running = await serve(dataDir);
    const backupDir = join(temporaryFolder(), 'nightly');
    const backedUp = await hubCommand(['backup', '--data', dataDir, '--to', backupDir]);
    expect(backedUp.stdout).toContain(`Backed up hub.sqlite to ${backupDir}`);
    const restoredDir = join(temporaryFolder(), 'restored');
    await hubCommand(['restore', '--from', backupDir, '--data', restoredDir]);
    const restored = await serve(restoredDir);
    expect((await fetch(`${restored.url}/readyz`)).status).toBe(200);
    expect(await stop(restored)).toBe(0);
    expect(await stop(running)).toBe(0);
    const help = await hubCommand(['--help']);
    expect(help.stdout).toContain('gatehouse-hub backup --to FOLDER');
    expect(help.stdout).not.toContain('npm run hub');
  });
});
