// `gatehouse-hub migrate` (issue 14.5): moves a SQLite hub (a data folder
// such as the one the desktop app's hub uses) into an empty PostgreSQL
// database, and checks the copy row for row before it counts.
//
// All or nothing: every table is copied in one PostgreSQL transaction, then
// read back and compared with what SQLite held; only when every table agrees
// is it committed. A failure anywhere (a refused row, a lost connection, a
// difference found by the check) rolls it back, leaving the target without
// any hub row, so the move can simply be run again. The SQLite hub is only
// read, and is held so no hub runs on it meanwhile (sqlite-source.ts).
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { TWO_STEP_KEY_FILE } from '../auth/two-step-secret-box';
import { writePrivateFile } from '../platform/private-files';
import { openPostgresHubStore } from '../store/postgres-store';
import type { HubTable } from './hub-tables';
import { hubTables, quoted } from './hub-tables';
import { MigrationFailedError, MigrationRefusedError } from './migration-errors';
import { digestPostgresTables } from './postgres-rows';
import type { TableCheck, TableDigest } from './row-digest';
import { compareDigests, TableDigester, UnexpectedValueError } from './row-digest';
import { SqliteHubSource } from './sqlite-source';

/** PostgreSQL takes at most 65,535 parameters in one statement. */
const MAX_PARAMETERS = 65_535;
const DEFAULT_BATCH_ROWS = 500;
/** How long the copy waits for a lock held by someone else on the target (a hub started on it meanwhile) before giving up. */
const LOCK_TIMEOUT = '10s';

export type MigrationProgress =
  | { kind: 'table'; table: string; rows: number; position: number; tables: number }
  | { kind: 'rows'; table: string; copied: number; rows: number }
  | { kind: 'checking' };

export interface MigrateToPostgresOptions {
  /** The SQLite hub's data folder (hub.sqlite, two-step.key). */
  dataDir: string;
  /** postgres://user:password@host:port/database: an empty database the role may create tables in. */
  databaseUrl: string;
  /** Where the PostgreSQL hub will read the two-step key (its --two-step-key); the key is copied there. */
  twoStepKeyFile?: string;
  /** Rows per INSERT. */
  batchRows?: number;
  /** Called as the copy goes; awaited, so a slow reporter slows the copy rather than piling up. */
  onProgress?: (progress: MigrationProgress) => void | Promise<void>;
}

export type TwoStepKeyOutcome =
  /** Copied to the file the PostgreSQL hub reads. */
  | { kind: 'copied'; to: string }
  /** Left in the data folder, where a hub started with the same --data finds it. */
  | { kind: 'in-data-folder'; at: string }
  /** The data folder has no key and nobody has turned two-step sign-in on. */
  | { kind: 'none' }
  /** The data folder has no key, yet people have two-step secrets: they cannot pass the second step on the moved hub. */
  | { kind: 'missing'; secrets: number };

export interface MigrationResult {
  checks: TableCheck[];
  /** Identity counters moved past the copied ids: the next id each will hand out. */
  counters: Array<{ table: string; column: string; next: number }>;
  twoStepKey: TwoStepKeyOutcome;
}

/** The URL without its password, to be printed. */
export function withoutPassword(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'the PostgreSQL database';
  }
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Refuses, before anything is written, a key path that holds another key: the moved secrets are sealed with the data folder's. */
function checkKeyTarget(sourceKey: string, target: string | undefined): void {
  if (target === undefined || !existsSync(target)) return;
  if (existsSync(sourceKey) && readFileSync(target, 'utf8').trim() === readFileSync(sourceKey, 'utf8').trim()) return;
  throw new MigrationRefusedError(
    `${target} already holds another two-step key. The moved two-step secrets are sealed with ${sourceKey}: give --two-step-key a path that does not exist yet.`,
  );
}

export async function migrateToPostgres(options: MigrateToPostgresOptions): Promise<MigrationResult> {
  const sourceKey = join(options.dataDir, TWO_STEP_KEY_FILE);
  checkKeyTarget(sourceKey, options.twoStepKeyFile);
  const tables = hubTables();
  const source = SqliteHubSource.open(options.dataDir);
  try {
    await applyTargetMigrations(options.databaseUrl);
    const copied = await copyAndCheck(source, tables, options);
    const secrets = source.rowCount(tableNamed(tables, 'two_step_secrets'));
    return { ...copied, twoStepKey: placeKey(sourceKey, options.twoStepKeyFile, secrets) };
  } finally {
    source.close();
  }
}

function tableNamed(tables: readonly HubTable[], name: string): HubTable {
  const table = tables.find((entry) => entry.name === name);
  if (!table) throw new Error(`The hub schema has no table ${name}.`);
  return table;
}

/** The hub's own migrations, applied as a PostgreSQL hub applies them at its start (under its advisory lock). */
async function applyTargetMigrations(url: string): Promise<void> {
  try {
    const store = await openPostgresHubStore(url, { maxConnections: 1 });
    await store.close();
  } catch (error) {
    throw new MigrationRefusedError(`Could not prepare ${withoutPassword(url)} for the hub: ${errorText(error)}`, { cause: error });
  }
}

function placeKey(sourceKey: string, target: string | undefined, secrets: number): TwoStepKeyOutcome {
  if (!existsSync(sourceKey)) return secrets > 0 ? { kind: 'missing', secrets } : { kind: 'none' };
  if (target === undefined) return { kind: 'in-data-folder', at: sourceKey };
  writePrivateFile(target, readFileSync(sourceKey));
  return { kind: 'copied', to: target };
}

async function copyAndCheck(source: SqliteHubSource, tables: readonly HubTable[], options: MigrateToPostgresOptions): Promise<Omit<MigrationResult, 'twoStepKey'>> {
  const url = options.databaseUrl;
  const client = new pg.Client({ connectionString: url });
  // A connection lost mid-copy also rejects the query in flight, which is how the failure is reported; without a
  // listener the client's 'error' event would end the process instead.
  client.on('error', (error) => console.error(`gatehouse hub migrate: the connection to ${withoutPassword(url)} failed: ${error.message}`));
  try {
    await client.connect();
  } catch (error) {
    throw new MigrationRefusedError(`Could not connect to ${withoutPassword(url)}: ${errorText(error)}`, { cause: error });
  }
  try {
    await client.query('BEGIN');
    try {
      await refuseUnlessEmpty(client, tables, url);
      const sourceDigests = await copyTables(client, source, tables, options);
      const counters = await moveCountersPastCopiedIds(client, tables);
      await options.onProgress?.({ kind: 'checking' });
      const checks = compareDigests(sourceDigests, await digestPostgresTables(client, tables));
      const differing = checks.filter((check) => !check.isSame);
      if (differing.length > 0) {
        throw new MigrationFailedError(
          `The copy in ${withoutPassword(url)} differs from the SQLite hub in ${differing
            .map((check) => `${check.table} (${check.sourceRows} rows in SQLite, ${check.targetRows} copied)`)
            .join(', ')}.`,
        );
      }
      await client.query('COMMIT');
      return { checks, counters };
    } catch (error) {
      await client.query('ROLLBACK').catch((rollbackError: unknown) => {
        // The connection is gone: PostgreSQL rolls back a transaction whose session ended, so nothing was committed.
        console.error(`gatehouse hub migrate: could not roll back (the server ends the transaction itself): ${errorText(rollbackError)}`);
      });
      if (error instanceof MigrationRefusedError) throw error;
      throw new MigrationFailedError(
        `${errorText(error)}\nNothing was committed: ${withoutPassword(url)} holds no hub rows, and the SQLite hub is unchanged. Fix the cause and run migrate again.`,
        { cause: error },
      );
    }
  } finally {
    await client.end().catch((error: unknown) => console.error(`gatehouse hub migrate: closing the connection failed: ${errorText(error)}`));
  }
}

/**
 * Locks the hub's tables against writers for the rest of the transaction
 * (readers still read), then checks they are empty: a hub started on the
 * target meanwhile can then neither slip rows in nor see half a copy.
 */
async function refuseUnlessEmpty(client: pg.Client, tables: readonly HubTable[], url: string): Promise<void> {
  await client.query(`SET LOCAL lock_timeout = '${LOCK_TIMEOUT}'`);
  try {
    await client.query(`LOCK TABLE ${tables.map((table) => quoted(table.name)).join(', ')} IN EXCLUSIVE MODE`);
  } catch (error) {
    throw new MigrationRefusedError(`Someone is using the hub's tables in ${withoutPassword(url)} (is a hub running on it?): ${errorText(error)}`, {
      cause: error,
    });
  }
  const holding: string[] = [];
  for (const table of tables) {
    const { rows } = await client.query<{ isHeld: boolean }>(`SELECT EXISTS (SELECT 1 FROM ${quoted(table.name)}) AS "isHeld"`);
    if (rows[0]?.isHeld) holding.push(table.name);
  }
  if (holding.length > 0) {
    throw new MigrationRefusedError(
      `${withoutPassword(url)} already holds a hub (rows in ${holding.join(', ')}). migrate copies into an empty database only; nothing was changed.`,
    );
  }
}

/** A row's primary key, to name it in a message. */
function keyOf(table: HubTable, row: readonly unknown[]): string {
  return table.primaryKey.map((name) => `${name} ${String(row[table.columns.findIndex((column) => column.name === name)])}`).join(', ');
}

/** A value as node-postgres should send it: exact integers as text, 0/1 as booleans. PostgreSQL cannot hold NUL in text. */
function parameterOf(table: HubTable, row: readonly unknown[], index: number): unknown {
  const column = table.columns[index];
  const value = row[index];
  if (value === null || value === undefined || !column) return null;
  if (typeof value === 'bigint') return column.kind === 'boolean' ? value !== 0n : value.toString();
  if (typeof value === 'string' && (value.includes('\0') || (column.kind === 'json' && value.includes('\\u0000')))) {
    throw new UnexpectedValueError(`${table.name}.${column.name} of the row with ${keyOf(table, row)} holds a NUL character, which PostgreSQL cannot store.`);
  }
  return value;
}

async function insertBatch(client: pg.Client, table: HubTable, batch: readonly unknown[][]): Promise<void> {
  const width = table.columns.length;
  const placeholders = batch.map((_, rowIndex) => `(${table.columns.map((__, columnIndex) => `$${rowIndex * width + columnIndex + 1}`).join(', ')})`);
  const values = batch.flatMap((row) => table.columns.map((_, index) => parameterOf(table, row, index)));
  const columns = table.columns.map((column) => quoted(column.name)).join(', ');
  await client.query(`INSERT INTO ${quoted(table.name)} (${columns}) VALUES ${placeholders.join(', ')}`, values);
}

/** Copies every table in order, digesting SQLite's rows as they are read (each is read once). */
async function copyTables(client: pg.Client, source: SqliteHubSource, tables: readonly HubTable[], options: MigrateToPostgresOptions): Promise<TableDigest[]> {
  const digests: TableDigest[] = [];
  for (const [position, table] of tables.entries()) {
    const rows = source.rowCount(table);
    await options.onProgress?.({ kind: 'table', table: table.name, rows, position: position + 1, tables: tables.length });
    const batchRows = Math.max(1, Math.min(options.batchRows ?? DEFAULT_BATCH_ROWS, Math.floor(MAX_PARAMETERS / table.columns.length)));
    const digester = new TableDigester(table);
    let batch: unknown[][] = [];
    let copied = 0;
    const flush = async (): Promise<void> => {
      await insertBatch(client, table, batch);
      copied += batch.length;
      batch = [];
      await options.onProgress?.({ kind: 'rows', table: table.name, copied, rows });
    };
    try {
      for (const row of source.rows(table)) {
        digester.add(row);
        batch.push(row);
        if (batch.length === batchRows) await flush();
      }
      if (batch.length > 0) await flush();
    } catch (error) {
      throw new MigrationFailedError(`Copying ${table.name} stopped after ${copied} of ${rows} rows: ${errorText(error)}`, { cause: error });
    }
    digests.push(digester.finish());
  }
  return digests;
}

/**
 * Identity columns (audit_log.id, hub_settings.id) were given the copied ids
 * explicitly, which leaves their sequences at the start: the next audit row
 * would take id 1 again. Each is moved past the largest copied id.
 */
async function moveCountersPastCopiedIds(client: pg.Client, tables: readonly HubTable[]): Promise<MigrationResult['counters']> {
  const names = tables.map((table) => table.name);
  const { rows: identities } = await client.query<{ table: string; column: string }>(
    `SELECT table_name AS "table", column_name AS "column" FROM information_schema.columns
     WHERE table_schema = current_schema() AND is_identity = 'YES' AND table_name = ANY($1::text[]) ORDER BY table_name, column_name`,
    [names],
  );
  const counters: MigrationResult['counters'] = [];
  for (const { table, column } of identities) {
    const { rows } = await client.query<{ next: string | null }>(
      `SELECT setval(pg_get_serial_sequence($1, $2), max(${quoted(column)})) + 1 AS next FROM ${quoted(table)} HAVING max(${quoted(column)}) IS NOT NULL`,
      [quoted(table), column],
    );
    if (rows[0]?.next != null) counters.push({ table, column, next: Number(rows[0].next) });
  }
  return counters;
}
