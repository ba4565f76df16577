// Issue 14.1/14.5: /readyz for a hub on PostgreSQL, as readiness.ts has it for
// SQLite: the database answers and holds every migration this build ships
// (drizzle's record of them is drizzle.__drizzle_migrations on PostgreSQL).
// The check has a connection of its own (opened at the first check, so a hub
// nobody probes opens none), so a probe neither waits behind the hub's
// requests for a pooled connection nor takes one from them.
import { readMigrationFiles } from 'drizzle-orm/migrator';
import pg from 'pg';
import { DEFAULT_POSTGRES_MIGRATIONS_DIR } from './postgres-store';
import type { Readiness, ReadinessCheck } from './readiness';

const APPLIED_MIGRATIONS = 'SELECT hash FROM drizzle.__drizzle_migrations';
/** A probe that waits longer than this for the database says it does not answer. */
const CHECK_TIMEOUT_MS = 5_000;

export function postgresReadiness(connectionString: string, migrationsDir = DEFAULT_POSTGRES_MIGRATIONS_DIR): ReadinessCheck {
  let expected: string[] | null = null;
  const pool = new pg.Pool({ connectionString, max: 1, connectionTimeoutMillis: CHECK_TIMEOUT_MS, query_timeout: CHECK_TIMEOUT_MS });
  // A dropped idle connection is replaced at the next check, which then says whether the database answers.
  pool.on('error', (error) => console.error('PostgreSQL connection lost while idle in the readiness check:', error));
  let isClosed = false;
  return {
    async check(): Promise<Readiness> {
      try {
        expected ??= readMigrationFiles({ migrationsFolder: migrationsDir }).map((migration) => migration.hash);
        const applied = new Set((await pool.query<{ hash: string }>(APPLIED_MIGRATIONS)).rows.map((row) => row.hash));
        const missing = expected.filter((hash) => !applied.has(hash)).length;
        if (missing > 0) return { isReady: false, reason: `${missing} of ${expected.length} migrations are not applied` };
        return { isReady: true };
      } catch (error) {
        return { isReady: false, reason: `the database does not answer: ${error instanceof Error ? error.message : String(error)}` };
      }
    },
    close() {
      if (isClosed) return;
      isClosed = true;
      // Nobody waits for the close: the hub is stopping; a failure is only logged.
      pool.end().catch((error: unknown) => console.error('closing the readiness check connection failed:', error));
    },
  };
}
