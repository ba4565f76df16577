// Issue 14.1: the repos are written once for SQLite and PostgreSQL. Almost
// all of their SQL is drizzle's and the same on both; the few raw parts that
// differ by database are here, one object per database, so each repo reads
// as one piece of code.
import { sql } from 'drizzle-orm';
import type { AnyColumn, SQL } from 'drizzle-orm';
import type { NodePgDatabase } from 'drizzle-orm/node-postgres';
import type { HubDb } from '../database';
import * as sqliteSchema from '../schema';

/**
 * The tables a repo reads and writes, typed as SQLite's schema module. The
 * PostgreSQL store passes hub/store/pg/schema in its place: the two export
 * the same tables with the same row types (pg/schema-parity.test.ts).
 */
export type HubTables = typeof sqliteSchema;

/** SQLite's tables: what a repo reads unless it is given PostgreSQL's. */
export const sqliteTables: HubTables = sqliteSchema;

export interface Dialect {
  /** Runs a raw query and returns its rows. */
  rows<Row>(query: SQL): Promise<Row[]>;
  /**
   * Steers the planner to an index where SQLite would pick a worse one
   * (`INDEXED BY`, hub/store/repos/audit.ts explains when); nothing on
   * PostgreSQL, whose planner has no such hint and weighs the index itself.
   */
  indexedBy(index: string): SQL;
  /**
   * The column as a value SQLite does not plan an index for (the unary plus):
   * a filter on the rows walked rather than the index chosen. The bare
   * column on PostgreSQL.
   */
  unindexed(column: AnyColumn): SQL;
  /** The text under `key` (a constant of the code, written into the SQL) of a JSON column, or null. */
  jsonText(column: AnyColumn, key: string): SQL<string | null>;
  /** The database's file, for files kept beside it; '' when there is none (':memory:' on SQLite, always on PostgreSQL). */
  databaseFile(): Promise<string>;
  /**
   * Waits for, then holds until the transaction ends, the lock on one thing
   * (a workspace, a person) that checks of several rows rely on (locks.ts).
   * Nothing on SQLite, whose transactions already run one at a time.
   */
  lockForTransaction(scope: LockScope, id: string): Promise<void>;
}

/** What a transaction locks; each scope is a key space of its own on PostgreSQL. */
export type LockScope = 'workspace' | 'person';

/**
 * PostgreSQL's advisory locks take two 32-bit keys: the first says the scope,
 * the second is the id's hash. Two ids with one hash only wait for each
 * other, which is harmless. The numbers differ from the migration lock's
 * (postgres-store.ts), which takes the one 64-bit key form.
 */
const LOCK_SCOPES: Record<LockScope, number> = { workspace: 1, person: 2 };

export function sqliteDialect(db: HubDb): Dialect {
  return {
    // better-sqlite3 runs synchronously; the promise only keeps the one shape the repos await.
    rows: <Row>(query: SQL) => Promise.resolve(db.all<Row>(query)),
    indexedBy: (index) => sql.raw(`INDEXED BY ${index}`),
    unindexed: (column) => sql`+${column}`,
    jsonText: (column, key) => sql<string | null>`json_extract(${column}, ${sql.raw(`'$.${key}'`)})`,
    databaseFile: () => Promise.resolve(db.all<{ name: string; file: string }>(sql`PRAGMA database_list`).find((row) => row.name === 'main')?.file ?? ''),
    // The connection gate (connection-gate.ts) runs one transaction at a time: there is nothing to wait for.
    lockForTransaction: () => Promise.resolve(),
  };
}

export function postgresDialect(db: NodePgDatabase<Record<string, unknown>>): Dialect {
  return {
    rows: async <Row>(query: SQL) => (await db.execute(query)).rows as Row[],
    indexedBy: () => sql``,
    unindexed: (column) => sql`${column}`,
    jsonText: (column, key) => sql<string | null>`(${column} ->> ${sql.raw(`'${key}'`)})`,
    databaseFile: () => Promise.resolve(''),
    lockForTransaction: async (scope, id) => {
      await db.execute(sql`SELECT pg_advisory_xact_lock(${LOCK_SCOPES[scope]}, hashtext(${id}))`);
    },
  };
}
