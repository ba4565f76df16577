// Issue 14.1: the PostgreSQL schema is the SQLite schema in another dialect.
// The row types must be equal, so a repository is written once for both
// stores; the tables, columns, keys and indexes must match, so a query that
// is fast and correct on one is fast and correct on the other.
//
// The expectTypeOf lines are checked by the type checker (`npx tsc -b
// tsconfig.node.json`, part of `npm run typecheck`), not when vitest runs.
import { getTableColumns, getTableName, is, SQL, type Column, type Table } from 'drizzle-orm';
import { getTableConfig as pgTableConfig, PgTable } from 'drizzle-orm/pg-core';
import { getTableConfig as sqliteTableConfig, SQLiteTable } from 'drizzle-orm/sqlite-core';
import { describe, expect, expectTypeOf, it } from 'vitest';
import * as sqlite from '../schema';
import * as pg from './schema';

type SelectRows<Schema> = { [Table in keyof Schema]: Schema[Table] extends { $inferSelect: infer Row } ? Row : never };
type InsertRows<Schema> = { [Table in keyof Schema]: Schema[Table] extends { $inferInsert: infer Row } ? Row : never };

describe('the PostgreSQL schema has the SQLite schema’s types', () => {
  it('exports the same tables', () => {
    expectTypeOf<keyof typeof pg>().toEqualTypeOf<keyof typeof sqlite>();
  });

  it('every table reads the same row type', () => {
    expectTypeOf<SelectRows<typeof pg>>().toEqualTypeOf<SelectRows<typeof sqlite>>();
    // Table by table too, so a mismatch names its table.
    expectTypeOf(pg.organizations.$inferSelect).toEqualTypeOf(sqlite.organizations.$inferSelect);
    expectTypeOf(pg.people.$inferSelect).toEqualTypeOf(sqlite.people.$inferSelect);
    expectTypeOf(pg.organizationPeople.$inferSelect).toEqualTypeOf(sqlite.organizationPeople.$inferSelect);
    expectTypeOf(pg.workspaces.$inferSelect).toEqualTypeOf(sqlite.workspaces.$inferSelect);
    expectTypeOf(pg.teams.$inferSelect).toEqualTypeOf(sqlite.teams.$inferSelect);
    expectTypeOf(pg.members.$inferSelect).toEqualTypeOf(sqlite.members.$inferSelect);
    expectTypeOf(pg.endedAccesses.$inferSelect).toEqualTypeOf(sqlite.endedAccesses.$inferSelect);
    expectTypeOf(pg.contacts.$inferSelect).toEqualTypeOf(sqlite.contacts.$inferSelect);
    expectTypeOf(pg.invitations.$inferSelect).toEqualTypeOf(sqlite.invitations.$inferSelect);
    expectTypeOf(pg.sessions.$inferSelect).toEqualTypeOf(sqlite.sessions.$inferSelect);
    expectTypeOf(pg.changes.$inferSelect).toEqualTypeOf(sqlite.changes.$inferSelect);
    expectTypeOf(pg.appliedMutations.$inferSelect).toEqualTypeOf(sqlite.appliedMutations.$inferSelect);
    expectTypeOf(pg.passwordResets.$inferSelect).toEqualTypeOf(sqlite.passwordResets.$inferSelect);
    expectTypeOf(pg.auditLog.$inferSelect).toEqualTypeOf(sqlite.auditLog.$inferSelect);
    expectTypeOf(pg.notificationPreferences.$inferSelect).toEqualTypeOf(sqlite.notificationPreferences.$inferSelect);
    expectTypeOf(pg.hubSettings.$inferSelect).toEqualTypeOf(sqlite.hubSettings.$inferSelect);
    expectTypeOf(pg.twoStepSecrets.$inferSelect).toEqualTypeOf(sqlite.twoStepSecrets.$inferSelect);
    expectTypeOf(pg.twoStepRecoveryCodes.$inferSelect).toEqualTypeOf(sqlite.twoStepRecoveryCodes.$inferSelect);
    expectTypeOf(pg.twoStepPendingSignIns.$inferSelect).toEqualTypeOf(sqlite.twoStepPendingSignIns.$inferSelect);
    expectTypeOf(pg.workspaceTwoStepRules.$inferSelect).toEqualTypeOf(sqlite.workspaceTwoStepRules.$inferSelect);
    expectTypeOf(pg.accessReviews.$inferSelect).toEqualTypeOf(sqlite.accessReviews.$inferSelect);
    expectTypeOf(pg.accessReviewItems.$inferSelect).toEqualTypeOf(sqlite.accessReviewItems.$inferSelect);
    expectTypeOf(pg.accessReviewSchedules.$inferSelect).toEqualTypeOf(sqlite.accessReviewSchedules.$inferSelect);
  });

  it('every table takes the same insert type', () => {
    expectTypeOf<InsertRows<typeof pg>>().toEqualTypeOf<InsertRows<typeof sqlite>>();
    expectTypeOf(pg.organizations.$inferInsert).toEqualTypeOf(sqlite.organizations.$inferInsert);
    expectTypeOf(pg.people.$inferInsert).toEqualTypeOf(sqlite.people.$inferInsert);
    expectTypeOf(pg.organizationPeople.$inferInsert).toEqualTypeOf(sqlite.organizationPeople.$inferInsert);
    expectTypeOf(pg.workspaces.$inferInsert).toEqualTypeOf(sqlite.workspaces.$inferInsert);
    expectTypeOf(pg.teams.$inferInsert).toEqualTypeOf(sqlite.teams.$inferInsert);
    expectTypeOf(pg.members.$inferInsert).toEqualTypeOf(sqlite.members.$inferInsert);
    expectTypeOf(pg.endedAccesses.$inferInsert).toEqualTypeOf(sqlite.endedAccesses.$inferInsert);
    expectTypeOf(pg.contacts.$inferInsert).toEqualTypeOf(sqlite.contacts.$inferInsert);
    expectTypeOf(pg.invitations.$inferInsert).toEqualTypeOf(sqlite.invitations.$inferInsert);
    expectTypeOf(pg.sessions.$inferInsert).toEqualTypeOf(sqlite.sessions.$inferInsert);
    expectTypeOf(pg.changes.$inferInsert).toEqualTypeOf(sqlite.changes.$inferInsert);
    expectTypeOf(pg.appliedMutations.$inferInsert).toEqualTypeOf(sqlite.appliedMutations.$inferInsert);
    expectTypeOf(pg.passwordResets.$inferInsert).toEqualTypeOf(sqlite.passwordResets.$inferInsert);
    expectTypeOf(pg.auditLog.$inferInsert).toEqualTypeOf(sqlite.auditLog.$inferInsert);
    expectTypeOf(pg.notificationPreferences.$inferInsert).toEqualTypeOf(sqlite.notificationPreferences.$inferInsert);
    expectTypeOf(pg.hubSettings.$inferInsert).toEqualTypeOf(sqlite.hubSettings.$inferInsert);
    expectTypeOf(pg.twoStepSecrets.$inferInsert).toEqualTypeOf(sqlite.twoStepSecrets.$inferInsert);
    expectTypeOf(pg.twoStepRecoveryCodes.$inferInsert).toEqualTypeOf(sqlite.twoStepRecoveryCodes.$inferInsert);
    expectTypeOf(pg.twoStepPendingSignIns.$inferInsert).toEqualTypeOf(sqlite.twoStepPendingSignIns.$inferInsert);
    expectTypeOf(pg.workspaceTwoStepRules.$inferInsert).toEqualTypeOf(sqlite.workspaceTwoStepRules.$inferInsert);
    expectTypeOf(pg.accessReviews.$inferInsert).toEqualTypeOf(sqlite.accessReviews.$inferInsert);
    expectTypeOf(pg.accessReviewItems.$inferInsert).toEqualTypeOf(sqlite.accessReviewItems.$inferInsert);
    expectTypeOf(pg.accessReviewSchedules.$inferInsert).toEqualTypeOf(sqlite.accessReviewSchedules.$inferInsert);
  });
});

/** A table as both dialects can describe it: names, nullability, defaults, keys and indexes. */
interface TableShape {
  name: string;
  columns: Record<string, { column: string; isNotNull: boolean; isPrimaryKey: boolean; defaultValue: unknown; isGenerated: boolean }>;
  primaryKeys: string[][];
  foreignKeys: string[];
  indexes: string[];
}

/** An index column by name, or an expression with its column names in place (`lower(name)`). */
function indexPart(part: unknown): string {
  if (!is(part, SQL)) return (part as Column).name;
  return part.queryChunks
    .map((chunk) => (typeof chunk === 'object' && chunk !== null && 'value' in chunk ? (chunk.value as string[]).join('') : (chunk as Column).name))
    .join('');
}

function shapeOf(config: ReturnType<typeof sqliteTableConfig> | ReturnType<typeof pgTableConfig>, columnsByKey: Record<string, Column>): TableShape {
  const columns: TableShape['columns'] = {};
  for (const [key, column] of Object.entries(columnsByKey)) {
    columns[key] = {
      column: column.name,
      isNotNull: column.notNull,
      isPrimaryKey: column.primary,
      defaultValue: column.default,
      // The database picks the value when the insert leaves it out: PostgreSQL's identity, SQLite's INTEGER
      // PRIMARY KEY (an alias of the rowid, with or without AUTOINCREMENT).
      isGenerated: column.generatedIdentity !== undefined || (column.columnType === 'SQLiteInteger' && column.primary),
    };
  }
  return {
    name: config.name,
    columns,
    primaryKeys: config.primaryKeys.map((key) => key.columns.map((column) => column.name)),
    foreignKeys: config.foreignKeys.map((key) => {
      const reference = key.reference();
      return `${reference.columns.map((c) => c.name).join(',')} -> ${getTableName(reference.foreignTable)}(${reference.foreignColumns.map((c) => c.name).join(',')})`;
    }),
    indexes: config.indexes
      .map((index) => `${index.config.unique ? 'unique ' : ''}${index.config.name ?? ''} (${index.config.columns.map(indexPart).join(', ')})`)
      .sort(),
  };
}

const sqliteTables = Object.entries(sqlite as Record<string, unknown>).filter((entry): entry is [string, SQLiteTable] => is(entry[1], SQLiteTable));
const pgTables = new Map(Object.entries(pg as Record<string, unknown>).filter((entry): entry is [string, PgTable] => is(entry[1], PgTable)));

describe('the PostgreSQL schema has the SQLite schema’s tables', () => {
  it('has a table for every SQLite table, under the same name, and no other', () => {
    const names = (tables: Iterable<[string, Table]>) => [...tables].map(([key, table]) => `${key}: ${getTableName(table)}`).sort();
    expect(names(pgTables)).toEqual(names(sqliteTables));
    expect(sqliteTables.length).toBeGreaterThan(20);
  });

  it.each(sqliteTables)('%s has the same columns, keys and indexes', (key, sqliteTable) => {
    const pgTable = pgTables.get(key);
    if (!pgTable) throw new Error(`No PostgreSQL table for ${key}`);
    const expected = shapeOf(sqliteTableConfig(sqliteTable), getTableColumns(sqliteTable));
    const actual = shapeOf(pgTableConfig(pgTable), getTableColumns(pgTable));
    expect(actual).toEqual(expected);
  });
});
