// Issue 14.1: the generated PostgreSQL migrations build the schema of
// hub/store/pg/schema.ts on a real server, a second run changes nothing, and
// rows come back through drizzle with the types the repositories expect.
// The server is the test helper's own (hub/testing/postgres-server.ts): the
// last case proves that stopping it leaves no process and no folder.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { getTableColumns, getTableName, is, sql } from 'drizzle-orm';
import { drizzle, type NodePgDatabase } from 'drizzle-orm/node-postgres';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import { PgTable } from 'drizzle-orm/pg-core';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NO_RESTRICTIONS } from '../../../shared/policy';
import { isProcessAlive } from '../../testing/process-table';
import { startPostgresServer, type PostgresServer } from '../../testing/postgres-server';
import * as schema from './schema';

const MIGRATIONS = join(import.meta.dirname, 'migrations');
const journalEntries = (JSON.parse(readFileSync(join(MIGRATIONS, 'meta', '_journal.json'), 'utf8')) as { entries: unknown[] }).entries.length;

/** The schema's tables, each with its column names, as information_schema should list them. */
const expectedColumns = Object.fromEntries(
  Object.values(schema as Record<string, unknown>)
    .filter((value): value is PgTable => is(value, PgTable))
    .map((table) => [getTableName(table), Object.values(getTableColumns(table)).map((column) => column.name).sort()]),
);

let server: PostgresServer;
let pool: pg.Pool;
let db: NodePgDatabase<typeof schema>;

beforeAll(async () => {
  server = await startPostgresServer();
  pool = new pg.Pool({ connectionString: await server.createDatabase('hub_migrations'), max: 2 });
  db = drizzle(pool, { schema });
}, 60_000);

afterAll(async () => {
  // The last case stops both itself; this is for a run that failed before it.
  if (pool && !pool.ended) await pool.end();
  await server?.stop();
}, 60_000);

async function migrationsApplied(): Promise<number> {
  const { rows } = await pool.query<{ count: string }>('SELECT count(*) FROM drizzle.__drizzle_migrations');
  return Number(rows[0]?.count);
}

describe('the PostgreSQL migrations', () => {
  it('create every table and column of the schema, and nothing else', async () => {
    await migrate(db, { migrationsFolder: MIGRATIONS });
    const { rows } = await pool.query<{ table_name: string; column_name: string }>(
      `SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = 'public' ORDER BY table_name, column_name`,
    );
    const actual: Record<string, string[]> = {};
    for (const row of rows) (actual[row.table_name] ??= []).push(row.column_name);
    for (const columns of Object.values(actual)) columns.sort();
    expect(Object.keys(expectedColumns).length).toBeGreaterThan(20);
    expect(actual).toEqual(expectedColumns);
    expect(await migrationsApplied()).toBe(journalEntries);
  });

  it('store times as 64-bit integers and JSON as jsonb', async () => {
    const { rows } = await pool.query<{ table_name: string; column_name: string; data_type: string }>(
      `SELECT table_name, column_name, data_type FROM information_schema.columns
       WHERE table_schema = 'public' AND column_name IN ('created_at', 'restrictions', 'reply', 'before')`,
    );
    const types = new Set(rows.map((row) => `${row.column_name}: ${row.data_type}`));
    expect(types).toEqual(new Set(['created_at: bigint', 'restrictions: jsonb', 'reply: jsonb', 'before: jsonb']));
  });

  it('applied again, change nothing and keep the rows', async () => {
    await db.insert(schema.organizations).values({ id: 'org-again', name: 'Kept', createdAt: 1 });
    await migrate(db, { migrationsFolder: MIGRATIONS });
    expect(await migrationsApplied()).toBe(journalEntries);
    expect(await db.select().from(schema.organizations).where(sql`${schema.organizations.id} = 'org-again'`)).toEqual([
      { id: 'org-again', name: 'Kept', createdAt: 1 },
    ]);
  });
});

describe('rows through drizzle with the PostgreSQL schema', () => {
  // Past 2^31 ms (which a 32-bit integer column would refuse) and past 2^32: a real date in 2026.
  const AT = Date.UTC(2026, 10, 30, 23, 0, 0, 123);

  beforeAll(async () => {
    await db.insert(schema.organizations).values({ id: 'org1', name: 'Acme', createdAt: AT });
    await db.insert(schema.workspaces).values({ id: 'ws1', organizationId: 'org1', name: 'Support', plan: 'growth', createdAt: AT });
    await db.insert(schema.people).values({ id: 'p1', email: 'ana@example.com', displayName: 'Ana', createdAt: AT, updatedAt: AT });
  });

  it('a member reads back with its times as numbers and its restrictions as an object', async () => {
    const restrictions = { ...NO_RESTRICTIONS, dataExport: true };
    await db.insert(schema.members).values({
      id: 'm1',
      workspaceId: 'ws1',
      personId: 'p1',
      level: 'manager',
      restrictions,
      status: 'active',
      invitedAt: AT,
      accessUntil: AT + 86_400_000,
    });
    const [member] = await db.select().from(schema.members);
    expect(member).toMatchObject({ id: 'm1', level: 'manager', invitedAt: AT, accessUntil: AT + 86_400_000, version: 1, joinedAt: null });
    expect(typeof member?.invitedAt).toBe('number');
    expect(member?.restrictions).toEqual(restrictions);
    const [workspace] = await db.select().from(schema.workspaces);
    expect(workspace).toEqual({ id: 'ws1', organizationId: 'org1', name: 'Support', plan: 'growth', seq: 0, createdAt: AT, accessEndWarningDays: 3 });
  });

  it('the audit log numbers its rows itself, as SQLite does, and keeps before/after as objects', async () => {
    const entry = { workspaceId: 'ws1', at: AT, actorName: 'Ana', action: 'member.edited' as const, before: { level: 'agent' }, after: { level: 'manager' } };
    await db.insert(schema.auditLog).values([entry, { ...entry, at: AT + 1 }]);
    const rows = await db.select().from(schema.auditLog).orderBy(schema.auditLog.id);
    expect(rows.map((row) => row.id)).toEqual([1, 2]);
    expect(rows[0]).toMatchObject({ at: AT, before: { level: 'agent' }, after: { level: 'manager' }, actorMemberId: null });
  });

  it('refuses a second team whose name differs only in case (teams_workspace_name_unique on lower(name))', async () => {
    await db.insert(schema.teams).values({ id: 't1', workspaceId: 'ws1', name: 'Sales', createdAt: AT });
    await expect(db.insert(schema.teams).values({ id: 't2', workspaceId: 'ws1', name: 'SALES', createdAt: AT })).rejects.toMatchObject({
      cause: { code: '23505', constraint: 'teams_workspace_name_unique' },
    });
  });
});

describe('the test server', () => {
  it('stopped, leaves no process and no folder behind', async () => {
    const pids = server.processIds();
    // The postmaster and its helpers (checkpointer, writers, the pool's backends) at least.
    expect(pids.length).toBeGreaterThan(2);
    expect(existsSync(server.dataFolder)).toBe(true);
    await pool.end();
    await server.stop();
    expect(existsSync(server.folder)).toBe(false);
    expect(pids.filter(isProcessAlive)).toEqual([]);
  });
});
