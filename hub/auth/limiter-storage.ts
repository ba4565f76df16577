// Where the password limits keep their counts. Today a SQLite file of its own
// beside the hub's database (rate-limits.sqlite: its own connection, one table
// made by rate-limiter-flexible), so the counts survive a restart and never
// take part in the hub's transactions or migrations. Several hubs sharing one
// set of counts would swap this for RateLimiterPostgres or RateLimiterRedis:
// the guard only sees the limiter interface.
import Database from 'better-sqlite3';
import type { RateLimiterAbstract } from 'rate-limiter-flexible';
import { RateLimiterSQLite } from 'rate-limiter-flexible';
import { preparePrivateDatabase } from '../platform/private-files';

export interface LimiterSettings {
  /** Names the counter, so several share one table. */
  keyPrefix: string;
  points: number;
  /** Seconds before the counted points are forgotten. */
  duration: number;
}

export interface LimiterStorage {
  limiter(settings: LimiterSettings): Promise<RateLimiterAbstract>;
  /** Forgets counts whose window has passed (called by the hub's hourly pruning). */
  clearExpired(now: number): void;
  close(): void;
}

export const LIMITS_DATABASE_FILE = 'rate-limits.sqlite';
const TABLE = 'password_limits';

export function openSqliteLimiterStorage(file: string): LimiterStorage {
  // It holds email and IP addresses: readable by the hub's owner only, like the hub's database.
  if (file !== ':memory:') preparePrivateDatabase(file);
  const sqlite = new Database(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('busy_timeout = 5000');
  return {
    limiter: (settings) =>
      new Promise((resolve, reject) => {
        // The callback runs once the table exists; until then the limiter refuses to count.
        const created: RateLimiterSQLite = new RateLimiterSQLite(
          { ...settings, storeClient: sqlite, storeType: 'better-sqlite3', tableName: TABLE },
          (error?: Error) => (error ? reject(error) : resolve(created)),
        );
      }),
    clearExpired: (now) => {
      // The table is made by the first limiter; there is nothing to clear before it.
      const exists = sqlite.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(TABLE);
      if (exists) sqlite.prepare(`DELETE FROM ${TABLE} WHERE expire < ?`).run(now);
    },
    close: () => sqlite.close(),
  };
}
