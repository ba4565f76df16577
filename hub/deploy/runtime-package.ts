// The package.json and package-lock.json of the deployable hub (dist-hub/),
// made by the hub's build from what the bundle imports (issue 14.5): its
// dependencies are exactly the npm packages the bundle loads, at the versions
// the repository pins, and the lockfile is the repository's, cut down to
// them, so `npm ci --omit=dev` there installs what the tests ran against.
import { isBuiltin } from 'node:module';

export interface RootPackage {
  version: string;
  engines?: Record<string, string>;
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
  allowScripts?: Record<string, boolean>;
}

interface LockEntry {
  version?: string;
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  peerDependenciesMeta?: Record<string, { optional?: boolean }>;
  [field: string]: unknown;
}

export interface Lockfile {
  lockfileVersion: number;
  packages: Record<string, LockEntry>;
}

export const HUB_BIN = 'gatehouse-hub';
export const HUB_ENTRY_FILE = 'gatehouse-hub.js';

/** The npm package a bare import names (`drizzle-orm/better-sqlite3` -> `drizzle-orm`); null for Node's own modules and relative paths. */
export function packageOf(specifier: string): string | null {
  if (specifier.startsWith('.') || specifier.startsWith('/') || isBuiltin(specifier)) return null;
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : (parts[0] ?? null);
}

/** The npm packages among a bundle's import specifiers. */
export function packagesOf(specifiers: Iterable<string>): Set<string> {
  const found = new Set<string>();
  for (const specifier of specifiers) {
    const name = packageOf(specifier);
    if (name) found.add(name);
  }
  return found;
}

/** Throws (the build fails) when the bundle loads a package the repository keeps as a dev dependency, or not at all. */
export function runtimePackageJson(imported: Iterable<string>, root: RootPackage): Record<string, unknown> {
  const dependencies: Record<string, string> = {};
  for (const name of [...imported].sort()) {
    const version = root.dependencies?.[name];
    if (version === undefined) {
      const where = root.devDependencies?.[name] === undefined ? 'is not in package.json' : 'is only a devDependency in package.json';
      throw new Error(`The hub's bundle imports ${name}, which ${where}: a deployed hub would not have it.`);
    }
    dependencies[name] = version;
  }
  const allowScripts = Object.fromEntries(Object.entries(root.allowScripts ?? {}).filter(([name]) => name in dependencies));
  return {
    name: HUB_BIN,
    version: root.version,
    description: 'The Gatehouse hub, built to run with plain Node (see docs/deploy.md in the repository).',
    private: true,
    license: 'UNLICENSED',
    type: 'module',
    bin: { [HUB_BIN]: HUB_ENTRY_FILE },
    ...(root.engines ? { engines: root.engines } : {}),
    dependencies,
    ...(Object.keys(allowScripts).length > 0 ? { allowScripts } : {}),
  };
}

/** Lockfile marks of what the repository installs for its development. */
const DEV_MARKS = new Set(['dev', 'devOptional', 'peer']);

/** Where npm finds `name` for the package installed at `from`: its own node_modules, then each enclosing one. */
function resolveFrom(packages: Lockfile['packages'], from: string, name: string): string | null {
  let location = from;
  for (;;) {
    const candidate = `${location === '' ? '' : `${location}/`}node_modules/${name}`;
    if (packages[candidate]) return candidate;
    if (location === '') return null;
    const cut = location.lastIndexOf('/node_modules/');
    location = cut === -1 ? '' : location.slice(0, cut);
  }
}

/** The repository's lockfile with only what `runtime` (the deployable package.json) needs, installed where it was. */
export function runtimeLockfile(runtime: Record<string, unknown>, rootLock: Lockfile): Lockfile {
  const packages = rootLock.packages;
  const kept: Record<string, LockEntry> = {};
  const dependencies = runtime['dependencies'] as Record<string, string>;
  const queue: Array<[from: string, name: string]> = Object.keys(dependencies).map((name) => ['', name]);
  while (queue.length > 0) {
    const [from, name] = queue.shift() as [string, string];
    const location = resolveFrom(packages, from, name);
    if (location === null) {
      // Only an optional dependency may be missing (one for another platform); anything else is a broken lockfile.
      if (from === '' || !packages[from]?.optionalDependencies?.[name]) throw new Error(`package-lock.json does not hold ${name} (needed by ${from || 'the hub'}).`);
      continue;
    }
    if (kept[location]) continue;
    // Whether the repository needs it only for development says nothing here: the hub needs it.
    const entry = Object.fromEntries(Object.entries(packages[location] as LockEntry).filter(([field]) => !DEV_MARKS.has(field))) as LockEntry;
    kept[location] = entry;
    const optionalPeers = new Set(Object.entries(entry.peerDependenciesMeta ?? {}).filter(([, meta]) => meta.optional).map(([peer]) => peer));
    const needed = [
      ...Object.keys(entry.dependencies ?? {}),
      ...Object.keys(entry.optionalDependencies ?? {}),
      ...Object.keys(entry.peerDependencies ?? {}).filter((peer) => !optionalPeers.has(peer)),
    ];
    for (const dependency of needed) queue.push([location, dependency]);
  }
  const sorted = Object.fromEntries(Object.entries(kept).sort(([a], [b]) => a.localeCompare(b)));
  return {
    name: runtime['name'],
    version: runtime['version'],
    lockfileVersion: rootLock.lockfileVersion,
    requires: true,
    packages: {
      '': {
        name: runtime['name'],
        version: runtime['version'],
        license: runtime['license'],
        dependencies,
        bin: runtime['bin'],
        ...(runtime['engines'] ? { engines: runtime['engines'] } : {}),
      },
      ...sorted,
    },
  } as Lockfile;
}
