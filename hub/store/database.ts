// Opens the hub's SQLite file: WAL for concurrent readers, foreign keys on,
// and the drizzle-kit migrations applied (tracked in drizzle's own table).
// The files are the owner's only (0600 in a 0700 folder): they hold password
// hashes and unmasked contacts.
import { dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import type { BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { fileSystemReason } from '../platform/file-system-errors';
import { preparePrivateDatabase } from '../platform/private-files';
import * as schema from './schema';

export type HubDb = BetterSQLite3Database<typeof schema>;

export const DEFAULT_HUB_MIGRATIONS_DIR = join(import.meta.dirname, 'migrations');

export interface OpenedDatabase {
  db: HubDb;
  sqlite: Database.Database;
}

/**
 * The hub acknowledges a change once it is committed, and "done" must survive
 * a power cut, not only a crashed process: with WAL, synchronous=FULL syncs
 * the log on every commit (NORMAL only at checkpoints). The cost is in
 * bench/README.md ("acknowledged mutations per second").
 */
export const HUB_SYNCHRONOUS = 'FULL';

/** The data folder or file cannot be used: a sentence for the person who chose it, no stack trace needed. */
export class HubDataFolderError extends Error {
  override readonly name = 'HubDataFolderError';
}

function openFile(file: string, onStatement?: (sql: string) => void): Database.Database {
  try {
    preparePrivateDatabase(file);
    const sqlite = new Database(file, onStatement ? { verbose: (sql) => onStatement(String(sql)) } : {});
    try {
      // The first statement that writes: a read-only file or disk fails here rather than at the first request.
      sqlite.pragma('journal_mode = WAL');
      return sqlite;
    } catch (error) {
      sqlite.close();
      throw error;
    }
  } catch (error) {
    const reason = fileSystemReason(error);
    if (!reason) throw error;
    throw new HubDataFolderError(`The hub cannot use its data folder ${dirname(file)}: ${reason}.`, { cause: error });
  }
}

export function openHubDatabase(file: string, migrationsDir = DEFAULT_HUB_MIGRATIONS_DIR, onStatement?: (sql: string) => void): OpenedDatabase {
  // SQLite gives the -wal and -shm files the main file's mode, so they are 0600 too.
  const sqlite = file === ':memory:' ? new Database(file) : openFile(file, onStatement);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma(`synchronous = ${HUB_SYNCHRONOUS}`);
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  const db = drizzle(sqlite, { schema });
  migrate(db, { migrationsFolder: migrationsDir });
  return { db, sqlite };
}
