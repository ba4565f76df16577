// Issue 10, item 8: the packaged app finds its own files. Builds the bundles,
// lays the app out as electron-builder packages it (scripts/package-layout.ts,
// Linux `dir` target around a placeholder Electron binary), then checks what
// went into app.asar, what was unpacked next to it, and that every path the
// main process resolves when packaged (appPaths, the function it uses)
// exists in that layout.
import { execFile } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import { promisify } from 'node:util';
import { listPackage, statFile } from '@electron/asar';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppPaths } from './app-paths';
import { appPaths } from './app-paths';

const run = promisify(execFile);
const require = createRequire(import.meta.url);
const root = join(import.meta.dirname, '..', '..');

let output: string;
let resourcesPath: string;
let asar: string;
/** Every file and folder in app.asar, as '/out/main/index.js'. */
let entries: Set<string>;

beforeAll(async () => {
  // The real build and the real packaging configuration: nothing here is stubbed but the Electron binary.
  // `npm test` builds before the suites run; rebuilding here would rewrite out/ under the tests reading it.
  if (!existsSync(join(root, 'out', 'main', 'index.js'))) {
    await run(process.execPath, [join(root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js'), 'build', '--logLevel', 'warn'], { cwd: root });
  }
  output = await mkdtemp(join(tmpdir(), 'gatehouse-layout-test-'));
  await run(process.execPath, ['--import', require.resolve('tsx'), join(root, 'scripts', 'package-layout.ts'), output], { cwd: root });
  resourcesPath = join(output, 'linux-unpacked', 'resources');
  asar = join(resourcesPath, 'app.asar');
  entries = new Set(listPackage(asar, { isPack: false }));
}, 180_000);
afterAll(() => (output ? rm(output, { recursive: true, force: true }) : undefined));

/** Whether a path of the packaged app exists: inside app.asar (as Electron reads it) or on disk. */
function existsInPackage(path: string): boolean {
  const inside = relative(asar, path);
  if (inside.startsWith('..')) return existsSync(path);
  return entries.has(`/${inside.split(sep).join('/')}`);
}

const filesOf = (folder: string): string[] => readdirSync(join(root, folder)).filter((name) => !name.startsWith('.'));

describe('the packaged app', () => {
  it('issue 10.8: app.asar holds the main, preload and renderer bundles and both sets of migrations, and no sources or maps', () => {
    for (const file of ['/package.json', '/out/main/index.js', '/out/main/core-host.js', '/out/preload/index.cjs', '/out/renderer/index.html']) expect(entries, file).toContain(file);
    for (const [from, to] of [['hub/store/migrations', 'hub'], ['electron/core/replica/migrations', 'replica']] as const) {
      const sql = filesOf(from).filter((name) => name.endsWith('.sql'));
      expect(sql.length).toBeGreaterThan(0);
      for (const name of [...sql, 'meta/_journal.json']) expect(entries).toContain(`/out/main/migrations/${to}/${name}`);
    }
    const strays = [...entries].filter((entry) => !entry.startsWith('/node_modules/') && /\.(map|ts)$/.test(entry));
    expect(strays).toEqual([]);
  });

  it('issue 10.8: the icons are plain files in resources/resources/, not in the asar', () => {
    const icons = filesOf('resources').filter((name) => name.endsWith('.png'));
    expect(icons).toEqual(expect.arrayContaining(['icon.png', 'tray-online.png', 'tray-connecting.png', 'tray-offline.png']));
    for (const icon of icons) {
      expect(existsSync(join(resourcesPath, 'resources', icon)), icon).toBe(true);
      expect(entries).not.toContain(`/resources/${icon}`);
    }
  });

  it("issue 10.8: better-sqlite3's and argon2's native modules are unpacked from the asar", () => {
    const natives = [...entries].filter((entry) => entry.endsWith('.node'));
    expect(natives).toContain('/node_modules/better-sqlite3/build/Release/better_sqlite3.node');
    expect(natives.some((entry) => entry.startsWith('/node_modules/argon2/') && entry.includes(`${process.platform}-${process.arch}`))).toBe(true);
    for (const entry of natives) {
      expect(statFile(asar, entry.slice(1)), entry).toMatchObject({ unpacked: true });
      expect(existsSync(join(`${asar}.unpacked`, entry)), entry).toBe(true);
    }
  });

  it('issue 10.8: every path the main process resolves when packaged exists in the package', () => {
    const paths = appPaths({ isPackaged: true, resourcesPath, mainDir: join(asar, 'out', 'main') });
    const missing = allPaths(paths).filter((path) => !existsInPackage(path));
    expect(missing).toEqual([]);
    expect(existsInPackage(join(paths.outDir, 'main', 'index.js'))).toBe(true);
  });

  it('issue 10.8: from a checkout, the same function finds the built bundles and the repo’s icons', () => {
    const paths = appPaths({ isPackaged: false, resourcesPath: '/nowhere', mainDir: join(root, 'out', 'main') });
    expect(allPaths(paths).filter((path) => !existsSync(path))).toEqual([]);
  });
});

function allPaths(paths: AppPaths): string[] {
  return [paths.outDir, paths.preload, paths.coreHost, paths.rendererIndex, ...Object.values(paths.migrations), paths.iconsDir, paths.windowIcon, ...Object.values(paths.trayIcons)];
}
