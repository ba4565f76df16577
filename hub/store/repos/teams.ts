// Teams of a workspace.
import { eq, sql, and } from 'drizzle-orm';
import type { HubDb } from '../database';
import { teams } from '../schema';

export type TeamRow = typeof teams.$inferSelect;

export function teamsRepo(db: HubDb) {
  return {
    byId: (id: string): TeamRow | undefined => db.select().from(teams).where(eq(teams.id, id)).get(),
    byName: (workspaceId: string, name: string): TeamRow | undefined =>
      db.select().from(teams).where(and(eq(teams.workspaceId, workspaceId), sql`lower(${teams.name}) = lower(${name})`)).get(),
    inWorkspace: (workspaceId: string): TeamRow[] =>
      db.select().from(teams).where(eq(teams.workspaceId, workspaceId)).orderBy(teams.name).all(),
    insert: (row: TeamRow): void => void db.insert(teams).values(row).run(),
    rename: (id: string, name: string): void => void db.update(teams).set({ name }).where(eq(teams.id, id)).run(),
    delete: (id: string): void => void db.delete(teams).where(eq(teams.id, id)).run(),
  };
}
