// Where the password limits keep their counts. A hub alone: a SQLite file
// of its own beside the hub's database (rate-limits.sqlite: its own
// connection, one table made by rate-limiter-flexible), so the counts
// survive a restart and never take part in the hub's transactions or
// migrations. Hub instances sharing one PostgreSQL (issue 14.2) share the
// counts there, in a schema of their own (rate_limits), so an attacker
// spreading guesses over the instances gets no more than from one: the guard
// only sees the limiter interface.
import Database from 'better-sqlite3';
import pg from 'pg';
import type { RateLimiterAbstract } from 'rate-limiter-flexible';
import { RateLimiterPostgres, RateLimiterSQLite } from 'rate-limiter-flexible';
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
  clearExpired(now: number): Promise<void>;
  close(): Promise<void>;
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
      return Promise.resolve();
    },
    close: () => {
      sqlite.close();
      return Promise.resolve();
    },
  };
}

/** The schema the shared limits live in on PostgreSQL: apart from the hub's tables, which its migrations own. */
export const POSTGRES_LIMITS_SCHEMA = 'rate_limits';

const DUPLICATE_OBJECT_CODES = new Set(['23505', '42P06']);

/** Makes the limits' schema; instances starting at once may race on it, and the loser finds it made. */
export async function preparePostgresLimits(pool: pg.Pool): Promise<void> {
  try {
    await pool.query(`CREATE SCHEMA IF NOT EXISTS ${POSTGRES_LIMITS_SCHEMA}`);
  } catch (error) {
    if (!DUPLICATE_OBJECT_CODES.has((error as { code?: string }).code ?? '')) throw error;
  }
}

/** A number of the hub's own for the lock under which the limits' tables are made ("lims"). */
const LIMITS_TABLES_LOCK_KEY = 0x6c69_6d73;

/** Tables already made through each pool, so each is made once per pool rather than once per limiter. */
const madeTables = new WeakMap<pg.Pool, Map<string, Promise<void>>>();

/**
 * Makes `table` as rate-limiter-flexible would (the same columns), but one
 * maker at a time: the library's own CREATE TABLE IF NOT EXISTS, run by
 * several limiters or instances at once, fails with "type already exists",
 * which PostgreSQL raises when two such statements race.
 */
function makeLimitsTable(pool: pg.Pool, table: string): Promise<void> {
  const made = madeTables.get(pool) ?? new Map<string, Promise<void>>();
  madeTables.set(pool, made);
  let making = made.get(table);
  if (!making) {
    making = (async () => {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        await client.query('SELECT pg_advisory_xact_lock($1)', [LIMITS_TABLES_LOCK_KEY]);
        await client.query(`CREATE SCHEMA IF NOT EXISTS ${POSTGRES_LIMITS_SCHEMA}`);
        await client.query(
          `CREATE TABLE IF NOT EXISTS ${POSTGRES_LIMITS_SCHEMA}.${table} (key varchar(255) PRIMARY KEY, points integer NOT NULL DEFAULT 0, expire bigint)`,
        );
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    })();
    // A failed attempt is not remembered: the next limiter tries again.
    making.catch(() => made.delete(table));
    made.set(table, making);
  }
  return making;
}

/** A rate-limiter-flexible limiter counting in `table` of the limits' schema, once its table exists. */
export async function postgresLimiter(pool: pg.Pool, table: string, settings: LimiterSettings): Promise<RateLimiterAbstract> {
  await makeLimitsTable(pool, table);
  return new RateLimiterPostgres({
    ...settings,
    storeClient: pool,
    storeType: 'pool',
    schemaName: POSTGRES_LIMITS_SCHEMA,
    tableName: table,
    tableCreated: true,
    // The hub's hourly pruning clears expired counts (clearExpired): no timer of the library's outlives the hub.
    clearExpiredByTimeout: false,
  });
}

/**
 * The password limits on PostgreSQL, shared by every hub instance on the
 * database. Given a connection string, it opens a small pool of its own and
 * closes it on close(); given a pool, the pool stays its owner's.
 */
export async function openPostgresLimiterStorage(source: pg.Pool | string): Promise<LimiterStorage> {
  const isOwnPool = typeof source === 'string';
  const pool = isOwnPool ? new pg.Pool({ connectionString: source, max: 4 }) : source;
  if (isOwnPool) pool.on('error', (error) => console.error('PostgreSQL connection lost while idle in the password limits pool:', error));
  try {
    await preparePostgresLimits(pool);
  } catch (error) {
    if (isOwnPool) await pool.end();
    throw error;
  }
  return {
    limiter: (settings) => postgresLimiter(pool, TABLE, settings),
    clearExpired: async (now) => {
      // The table is made by the first limiter; there is nothing to clear before it.
      const { rows } = await pool.query<{ name: string | null }>('SELECT to_regclass($1) AS name', [`${POSTGRES_LIMITS_SCHEMA}.${TABLE}`]);
      if (rows[0]?.name) await pool.query(`DELETE FROM ${POSTGRES_LIMITS_SCHEMA}.${TABLE} WHERE expire < $1`, [now]);
    },
    close: async () => {
      if (isOwnPool) await pool.end();
    },
  };
}
