// Opens the hub's SQLite file: WAL for concurrent readers, foreign keys on,
// and the drizzle-kit migrations applied (tracked in drizzle's own table).
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import type { BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import * as schema from './schema';

export type HubDb = BetterSQLite3Database<typeof schema>;

export const DEFAULT_HUB_MIGRATIONS_DIR = join(import.meta.dirname, 'migrations');

export interface OpenedDatabase {
  db: HubDb;
  sqlite: Database.Database;
}

export function openHubDatabase(file: string, migrationsDir = DEFAULT_HUB_MIGRATIONS_DIR): OpenedDatabase {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const sqlite = new Database(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  const db = drizzle(sqlite, { schema });
  migrate(db, { migrationsFolder: migrationsDir });
  return { db, sqlite };
}
