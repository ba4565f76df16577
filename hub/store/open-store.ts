// Issue 14.1: which store a hub (or an operator's command) opens: PostgreSQL
// when given a postgres:// URL, else the SQLite file in the data folder. One
// place decides, so `serve` and every subcommand that opens the store agree.
import { join } from 'node:path';
import type { HubStore } from './hub-store';
import { openHubStore } from './hub-store';
import { openPostgresHubStore } from './postgres-store';
import { postgresReadiness } from './postgres-readiness';
import type { ReadinessCheck } from './readiness';
import { sqliteReadiness } from './readiness';

export const HUB_DATABASE_FILE = 'hub.sqlite';

export interface StoreLocation {
  /** The hub's folder: the SQLite file when there is no `database`, and its local files in any case. */
  dataDir: string;
  /** A postgres:// (or postgresql://) URL: the store is on PostgreSQL. */
  database?: string;
  /** The SQLite store's migrations (the desktop's hub passes its own); PostgreSQL's are the ones this build ships. */
  migrationsDir?: string;
  /** Tests: called with the text of every statement the store's write connection runs. */
  onStatement?: (sql: string) => void;
}

export interface OpenedStore {
  store: HubStore;
  /** /readyz: the store answers and holds every migration (created here, opened at its first check). */
  readiness: ReadinessCheck;
  /** Where the store is, for logs and messages: the SQLite file, or the PostgreSQL address without its password. */
  description: string;
}

export class InvalidDatabaseUrlError extends Error {
  override readonly name = 'InvalidDatabaseUrlError';
}

/** The URL as it may be shown: a password in it is never logged. */
export function describeDatabaseUrl(database: string): string {
  const url = parseDatabaseUrl(database);
  if (url.password !== '') url.password = '***';
  return url.toString();
}

function parseDatabaseUrl(database: string): URL {
  let url: URL;
  try {
    url = new URL(database);
  } catch {
    throw new InvalidDatabaseUrlError(`The database address must be a URL such as postgres://user@host:5432/gatehouse (got something else).`);
  }
  if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:') {
    throw new InvalidDatabaseUrlError(`The database address must start with postgres:// (it starts with ${url.protocol}//).`);
  }
  return url;
}

export async function openStoreAt(location: StoreLocation): Promise<OpenedStore> {
  if (location.database !== undefined) {
    const description = describeDatabaseUrl(location.database);
    const store = await openPostgresHubStore(location.database, { onStatement: location.onStatement });
    return { store, readiness: postgresReadiness(location.database), description };
  }
  const file = join(location.dataDir, HUB_DATABASE_FILE);
  const store = openHubStore(file, location.migrationsDir, { onStatement: location.onStatement });
  return { store, readiness: sqliteReadiness(file, location.migrationsDir), description: file };
}
