// The hub's tables as the move from SQLite to PostgreSQL and its row-for-row
// check see them (issue 14.5): each table's columns with the kind of value
// they hold, its primary key, and an order in which every table comes after
// the tables its foreign keys point at. Read from the two drizzle schemas
// rather than listed by hand, so a table added to both schemas is moved and
// checked without anyone remembering this file.
import { is } from 'drizzle-orm';
import { getTableConfig, PgTable } from 'drizzle-orm/pg-core';
import { getTableConfig as getSqliteTableConfig, SQLiteTable } from 'drizzle-orm/sqlite-core';
import * as pgSchema from '../store/pg/schema';
import * as sqliteSchema from '../store/schema';

/**
 * How a column's values are compared: SQLite hands back a JS number (or a
 * bigint) where PostgreSQL's bigint comes as a string, JSON is text in
 * SQLite and a parsed value from jsonb, a boolean is 0/1 in SQLite.
 */
export type ColumnKind = 'integer' | 'text' | 'json' | 'boolean';

export interface HubColumn {
  name: string;
  kind: ColumnKind;
}

export interface HubTable {
  name: string;
  columns: HubColumn[];
  /** The primary key's columns, in the key's order: rows are read and digested in this order on both sides. */
  primaryKey: string[];
}

const KIND_OF_PG_TYPE: Record<string, ColumnKind> = {
  PgBigInt53: 'integer',
  PgBigInt64: 'integer',
  PgInteger: 'integer',
  PgSmallInt: 'integer',
  PgSerial: 'integer',
  PgBigSerial53: 'integer',
  PgBigSerial64: 'integer',
  PgText: 'text',
  PgVarchar: 'text',
  PgJsonb: 'json',
  PgJson: 'json',
  PgBoolean: 'boolean',
};

function describeTable(table: PgTable): { table: HubTable; dependsOn: string[] } {
  const config = getTableConfig(table);
  const columns = config.columns.map((column) => {
    const kind = KIND_OF_PG_TYPE[column.columnType];
    // A new column type must be taught here (how SQLite and PostgreSQL each return it) before a hub can be moved.
    if (!kind) throw new Error(`Moving a hub does not know how to compare ${config.name}.${column.name} (${column.columnType}).`);
    return { name: column.name, kind };
  });
  const composite = config.primaryKeys[0]?.columns.map((column) => column.name);
  const primaryKey = composite ?? config.columns.filter((column) => column.primary).map((column) => column.name);
  if (primaryKey.length === 0) throw new Error(`The hub table ${config.name} has no primary key to order its rows by.`);
  const dependsOn = config.foreignKeys.map((key) => getTableConfig(key.reference().foreignTable).name).filter((name) => name !== config.name);
  return { table: { name: config.name, columns, primaryKey }, dependsOn };
}

/** Tables ordered so that each comes after those it references (ties by name, so the order is the same every run). */
function inDependencyOrder(described: Array<{ table: HubTable; dependsOn: string[] }>): HubTable[] {
  const pending = new Map(described.map((entry) => [entry.table.name, entry]));
  const ordered: HubTable[] = [];
  while (pending.size > 0) {
    const ready = [...pending.values()]
      .filter((entry) => entry.dependsOn.every((name) => !pending.has(name)))
      .sort((a, b) => a.table.name.localeCompare(b.table.name));
    if (ready.length === 0) throw new Error(`The hub tables ${[...pending.keys()].join(', ')} reference each other in a cycle.`);
    for (const entry of ready) {
      ordered.push(entry.table);
      pending.delete(entry.table.name);
    }
  }
  return ordered;
}

/** Every table of the hub's schema, parents before children. Both schemas must name the same tables (pg/schema-parity.test.ts). */
export function hubTables(): HubTable[] {
  const pgTables = (Object.values(pgSchema) as unknown[]).filter((value): value is PgTable => is(value, PgTable));
  const sqliteNames = new Set(
    (Object.values(sqliteSchema) as unknown[])
      .filter((value): value is SQLiteTable => is(value, SQLiteTable))
      .map((table) => getSqliteTableConfig(table).name),
  );
  const described = pgTables.map(describeTable);
  const unmatched = [...described.map((entry) => entry.table.name).filter((name) => !sqliteNames.delete(name)), ...sqliteNames];
  if (unmatched.length > 0) throw new Error(`The SQLite and PostgreSQL schemas differ in their tables: ${unmatched.join(', ')}.`);
  return inDependencyOrder(described);
}

/** A name quoted for SQL (the hub's names are plain lower-case words, quoted anyway). */
export function quoted(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}
