// Which core host a test forks. The bundle `npm run build` emits
// (out/main/core-host.js, the one Electron runs) starts under plain Node in
// 0.5–0.9 s, the TypeScript sources through tsx in 1.3–1.6 s (a loaded
// 2-core machine), and a browser test starts a core for nearly every test. But a test must exercise the code as
// it is now: when the bundle is missing, or older than any source it is built
// from (someone edited the core and ran a spec without building), the sources
// run through tsx instead, and the reason is printed once.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import type { DesktopPorts } from '../../desktop-ports';
import { coreHostBundle } from '../core-host-bundle';
import type { NodeCoreHostOptions } from '../node-core-host';
import { CORE_HOST_SOURCE } from '../node-core-host';

const ROOT = join(import.meta.dirname, '..', '..', '..', '..');
const MAIN_DIR = join(ROOT, 'out', 'main');
/** What electron.vite.config.ts bundles into core-host.js (its migrations included). */
const BUNDLED_SOURCES = ['electron/core', 'hub', 'shared'].map((folder) => join(ROOT, folder));

export interface CoreHostChoice {
  host: NodeCoreHostOptions;
  /** The migrations the bundle travels with; the sources find their own. */
  migrations: DesktopPorts['migrations'];
  /** Why the sources run rather than the bundle; null when the bundle runs. */
  reasonForSources: string | null;
}

/** Tests and their helpers are not in the bundle: editing them leaves it up to date. */
function isBundled(folder: string, name: string): boolean {
  return !name.endsWith('.test.ts') && !relative(ROOT, folder).split(sep).includes('testing');
}

/** The newest modification time of a file the bundle is built from. */
function newestSourceTime(folder: string): number {
  let newest = 0;
  for (const entry of readdirSync(folder, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile() || !isBundled(entry.parentPath, entry.name)) continue;
    newest = Math.max(newest, statSync(join(entry.parentPath, entry.name)).mtimeMs);
  }
  return newest;
}

function reasonForSources(bundle: string): string | null {
  if (!existsSync(bundle)) return `${bundle} is missing (npm run build makes it)`;
  const builtAt = statSync(bundle).mtimeMs;
  const newest = Math.max(...BUNDLED_SOURCES.map(newestSourceTime));
  return newest > builtAt ? `${bundle} is older than the sources (npm run build brings it up to date)` : null;
}

let chosen: CoreHostChoice | null = null;

/** The built bundle when it is up to date, else the sources through tsx; decided once per process. */
export function chooseTestCoreHost(): CoreHostChoice {
  if (chosen) return chosen;
  const bundle = coreHostBundle(MAIN_DIR);
  const reason = reasonForSources(bundle);
  if (reason) {
    console.warn(`The desktop core runs from its sources through tsx, about a second slower to start: ${reason}.`);
    chosen = { host: { entry: CORE_HOST_SOURCE }, migrations: undefined, reasonForSources: reason };
  } else {
    const migrations = { hub: join(MAIN_DIR, 'migrations', 'hub'), replica: join(MAIN_DIR, 'migrations', 'replica') };
    chosen = { host: { entry: bundle }, migrations, reasonForSources: null };
  }
  return chosen;
}
