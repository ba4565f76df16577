// Whether a hub's store can serve (issue 14.5, /readyz): it answers a query
// and holds every migration this build ships. The check is a function the
// store's kind supplies; the SQLite one is here, another database brings its own.
import Database from 'better-sqlite3';
import { readMigrationFiles } from 'drizzle-orm/migrator';
import { DEFAULT_HUB_MIGRATIONS_DIR } from './database';

export type Readiness = { isReady: true } | { isReady: false; reason: string };

export interface ReadinessCheck {
  check(): Promise<Readiness>;
  close(): void;
}

/** drizzle's own record of applied migrations (the migrator's default table). */
const APPLIED_MIGRATIONS = 'SELECT hash FROM __drizzle_migrations';

/**
 * The SQLite store's check, on a read-only connection of its own (opened at
 * the first check, so a hub nobody probes opens none): it must not wait
 * behind, or hold up, the hub's writes. `migrationsDir` is the folder the
 * hub's store was opened with, the one this build ships (the desktop's hub
 * passes its own); it is read at the first check too, so a folder that
 * cannot be read makes the hub unready rather than stopping its start.
 */
export function sqliteReadiness(file: string, migrationsDir = DEFAULT_HUB_MIGRATIONS_DIR): ReadinessCheck {
  let expected: string[] | null = null;
  let sqlite: Database.Database | null = null;
  return {
    check() {
      try {
        expected ??= readMigrationFiles({ migrationsFolder: migrationsDir }).map((migration) => migration.hash);
        sqlite ??= new Database(file, { readonly: true, fileMustExist: true });
        const applied = new Set(sqlite.prepare<[], { hash: string }>(APPLIED_MIGRATIONS).all().map((row) => row.hash));
        const missing = expected.filter((hash) => !applied.has(hash)).length;
        if (missing > 0) return Promise.resolve({ isReady: false, reason: `${missing} of ${expected.length} migrations are not applied` });
        return Promise.resolve({ isReady: true });
      } catch (error) {
        return Promise.resolve({ isReady: false, reason: `the database does not answer: ${error instanceof Error ? error.message : String(error)}` });
      }
    },
    close() {
      sqlite?.close();
      sqlite = null;
    },
  };
}
