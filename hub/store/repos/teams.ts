// Teams of a workspace.
import { and, eq, sql } from 'drizzle-orm';
import type { HubDb } from '../database';
import type { teams as teamsTable } from '../schema';
import type { Dialect, HubTables } from './dialect';
import { sqliteDialect, sqliteTables } from './dialect';

export type TeamRow = typeof teamsTable.$inferSelect;

export function teamsRepo(db: HubDb, tables: HubTables = sqliteTables, _dialect: Dialect = sqliteDialect(db)) {
  const { teams } = tables;
  return {
    byId: async (id: string): Promise<TeamRow | undefined> => (await db.select().from(teams).where(eq(teams.id, id)).limit(1))[0],
    /** Case-insensitive, as the unique index on lower(name) is (ASCII letters on both databases: pg/schema.ts, teams). */
    byName: async (workspaceId: string, name: string): Promise<TeamRow | undefined> =>
      (await db.select().from(teams).where(and(eq(teams.workspaceId, workspaceId), sql`lower(${teams.name}) = lower(${name})`)).limit(1))[0],
    inWorkspace: async (workspaceId: string): Promise<TeamRow[]> => db.select().from(teams).where(eq(teams.workspaceId, workspaceId)).orderBy(teams.name),
    insert: async (row: TeamRow): Promise<void> => {
      await db.insert(teams).values(row);
    },
    rename: async (id: string, name: string): Promise<void> => {
      await db.update(teams).set({ name }).where(eq(teams.id, id));
    },
    delete: async (id: string): Promise<void> => {
      await db.delete(teams).where(eq(teams.id, id));
    },
  };
}
