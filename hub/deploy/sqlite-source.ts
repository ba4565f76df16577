// The SQLite hub being moved to PostgreSQL (issue 14.5), held so that nobody
// else has it open until the move is done.
//
// Why an exclusive lock rather than only a read transaction: a read
// transaction would copy a consistent snapshot, but a hub still running on
// the folder would go on taking changes after it, and those would be left
// behind in SQLite when people switch to PostgreSQL. Taking SQLite's
// EXCLUSIVE lock mode (which in WAL mode no other connection can share, even
// an idle one) proves no hub or other command has the file open, keeps any
// from opening it until the copy is done, and makes every read one snapshot.
// The file's content is not changed; closing checkpoints its write-ahead log.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { readMigrationFiles } from 'drizzle-orm/migrator';
import { HUB_DATABASE_FILE } from '../server/hub';
import { DEFAULT_HUB_MIGRATIONS_DIR } from '../store/database';
import type { HubTable } from './hub-tables';
import { quoted } from './hub-tables';
import { MigrationRefusedError } from './migration-errors';
import type { TableDigest } from './row-digest';
import { TableDigester } from './row-digest';

function isBusy(error: unknown): boolean {
  const code = (error as { code?: unknown }).code;
  return code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED';
}

export class SqliteHubSource {
  private constructor(
    readonly file: string,
    private readonly sqlite: Database.Database,
  ) {}

  /** Opens the hub database of `dataDir` and locks it; refuses, with the reason, a folder that cannot be moved as it is. */
  static open(dataDir: string, migrationsDir = DEFAULT_HUB_MIGRATIONS_DIR): SqliteHubSource {
    const file = join(dataDir, HUB_DATABASE_FILE);
    if (!existsSync(file)) throw new MigrationRefusedError(`There is no hub database in ${dataDir} (no ${HUB_DATABASE_FILE}).`);
    const sqlite = new Database(file, { fileMustExist: true });
    try {
      sqlite.pragma('busy_timeout = 0');
      sqlite.pragma('locking_mode = EXCLUSIVE');
      try {
        sqlite.exec('BEGIN EXCLUSIVE');
      } catch (error) {
        if (!isBusy(error)) throw error;
        throw new MigrationRefusedError(
          `A hub is running on ${dataDir}, or another gatehouse-hub command has its database open: stop it, then run migrate again. ` +
            'The move copies a hub nobody changes meanwhile; changes made during it would be left behind.',
          { cause: error },
        );
      }
      checkMigrations(sqlite, dataDir, migrationsDir);
      return new SqliteHubSource(file, sqlite);
    } catch (error) {
      sqlite.close();
      throw error;
    }
  }

  rowCount(table: HubTable): number {
    return Number(this.sqlite.prepare<[], { count: number }>(`SELECT count(*) AS count FROM ${quoted(table.name)}`).get()?.count ?? 0);
  }

  /**
   * The table's rows in primary-key order (SQLite's BINARY order, bytes of
   * UTF-8), each as its columns' values; integers as bigint, exact beyond 2^53.
   */
  rows(table: HubTable): IterableIterator<unknown[]> {
    const columns = table.columns.map((column) => quoted(column.name)).join(', ');
    const order = table.primaryKey.map(quoted).join(', ');
    return this.sqlite
      .prepare<[], unknown[]>(`SELECT ${columns} FROM ${quoted(table.name)} ORDER BY ${order}`)
      .raw(true)
      .safeIntegers(true)
      .iterate();
  }

  digests(tables: readonly HubTable[]): TableDigest[] {
    return tables.map((table) => {
      const digester = new TableDigester(table);
      for (const row of this.rows(table)) digester.add(row);
      return digester.finish();
    });
  }

  /** Ends the read and lets go of the file. */
  close(): void {
    if (this.sqlite.inTransaction) this.sqlite.exec('ROLLBACK');
    this.sqlite.close();
  }
}

/** The file must hold exactly the migrations this build ships: an older file lacks columns, a newer one has some this build would drop. */
function checkMigrations(sqlite: Database.Database, dataDir: string, migrationsDir: string): void {
  let applied: Set<string>;
  try {
    applied = new Set(sqlite.prepare<[], { hash: string }>('SELECT hash FROM __drizzle_migrations').all().map((row) => row.hash));
  } catch (error) {
    throw new MigrationRefusedError(`${join(dataDir, HUB_DATABASE_FILE)} is not a hub database (it has no record of the hub's migrations).`, { cause: error });
  }
  const shipped = readMigrationFiles({ migrationsFolder: migrationsDir }).map((migration) => migration.hash);
  const missing = shipped.filter((hash) => !applied.has(hash)).length;
  if (missing > 0) {
    throw new MigrationRefusedError(
      `The hub database in ${dataDir} was last used by an older hub (${missing} of its updates are not applied yet). ` +
        `Run \`gatehouse-hub workspaces --data ${dataDir}\` once with this version, which applies them, then migrate again.`,
    );
  }
  const shippedSet = new Set(shipped);
  if ([...applied].some((hash) => !shippedSet.has(hash))) {
    throw new MigrationRefusedError(`The hub database in ${dataDir} was written by a newer hub than this one: migrate it with that version.`);
  }
}
