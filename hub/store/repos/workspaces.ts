// Organizations and workspaces, and the workspace's change sequence.
import { eq, sql } from 'drizzle-orm';
import type { HubDb } from '../database';
import type { organizations, workspaces as workspacesTable } from '../schema';
import type { Dialect, HubTables } from './dialect';
import { sqliteDialect, sqliteTables } from './dialect';

export type OrganizationRow = typeof organizations.$inferSelect;
export type WorkspaceRow = typeof workspacesTable.$inferSelect;

export function workspacesRepo(db: HubDb, tables: HubTables = sqliteTables, _dialect: Dialect = sqliteDialect(db)) {
  const { organizations, workspaces } = tables;
  return {
    organization: async (id: string): Promise<OrganizationRow | undefined> =>
      (await db.select().from(organizations).where(eq(organizations.id, id)).limit(1))[0],
    insertOrganization: async (row: OrganizationRow): Promise<void> => {
      await db.insert(organizations).values(row);
    },
    byId: async (id: string): Promise<WorkspaceRow | undefined> => (await db.select().from(workspaces).where(eq(workspaces.id, id)).limit(1))[0],
    all: async (): Promise<WorkspaceRow[]> => db.select().from(workspaces),
    insert: async (row: Omit<WorkspaceRow, 'accessEndWarningDays'> & Partial<Pick<WorkspaceRow, 'accessEndWarningDays'>>): Promise<void> => {
      await db.insert(workspaces).values(row);
    },
    /** Issue 13.2: days before an access end the hub warns (0: never). */
    setAccessEndWarningDays: async (id: string, days: number): Promise<void> => {
      await db.update(workspaces).set({ accessEndWarningDays: days }).where(eq(workspaces.id, id));
    },
    setPlan: async (id: string, plan: WorkspaceRow['plan']): Promise<void> => {
      await db.update(workspaces).set({ plan }).where(eq(workspaces.id, id));
    },
    /**
     * Raises the sequence by one and returns the new value. On PostgreSQL the
     * UPDATE holds the workspace row's lock until its transaction ends, so
     * concurrent transactions take the numbers one after another, without gaps.
     */
    nextSeq: async (id: string): Promise<number> => {
      const [row] = await db
        .update(workspaces)
        .set({ seq: sql`${workspaces.seq} + 1` })
        .where(eq(workspaces.id, id))
        .returning({ seq: workspaces.seq });
      if (!row) throw new Error(`Workspace ${id} does not exist`);
      return row.seq;
    },
  };
}
