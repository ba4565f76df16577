// Finds PostgreSQL's server programs (initdb, pg_ctl, postgres) for tests
// that start their own server. Debian keeps them out of PATH, in
// /usr/lib/postgresql/<major>/bin, which `pg_config --bindir` names.
import { execFileSync } from 'node:child_process';
import { accessSync, constants, readdirSync } from 'node:fs';
import { join } from 'node:path';

const DEBIAN_ROOT = '/usr/lib/postgresql';
const NEEDED = ['initdb', 'pg_ctl', 'postgres'] as const;

/** PostgreSQL is not installed where tests look for it; the message says how to install it. */
export class PostgresNotInstalledError extends Error {
  override readonly name = 'PostgresNotInstalledError';
}

function hasServerPrograms(folder: string): boolean {
  try {
    for (const program of NEEDED) accessSync(join(folder, program), constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function pgConfigBinDir(): string | undefined {
  try {
    return execFileSync('pg_config', ['--bindir'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return undefined; // No pg_config (libpq-dev or the server package brings it): the Debian folders are tried next.
  }
}

function debianBinDirs(): string[] {
  let versions: string[];
  try {
    versions = readdirSync(DEBIAN_ROOT);
  } catch {
    return [];
  }
  // Newest major version first.
  return versions
    .filter((version) => /^\d+$/.test(version))
    .sort((a, b) => Number(b) - Number(a))
    .map((version) => join(DEBIAN_ROOT, version, 'bin'));
}

/** Where PostgreSQL's programs may be, most likely first. */
export function postgresBinDirCandidates(): string[] {
  return [pgConfigBinDir(), ...debianBinDirs()].filter((folder): folder is string => folder !== undefined);
}

/** The first folder holding initdb, pg_ctl and postgres; throws PostgresNotInstalledError when none does. */
export function findPostgresBinDir(candidates = postgresBinDirCandidates()): string {
  const found = candidates.find(hasServerPrograms);
  if (found) return found;
  throw new PostgresNotInstalledError(
    `PostgreSQL's server programs (${NEEDED.join(', ')}) were not found ` +
      `(looked in ${candidates.length > 0 ? candidates.join(', ') : `\`pg_config --bindir\` and ${DEBIAN_ROOT}/*/bin`}). ` +
      'Run scripts/install-system-deps.sh to install them.',
  );
}
