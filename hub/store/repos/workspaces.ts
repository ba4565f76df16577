// Organizations and workspaces, and the workspace's change sequence.
import { eq, sql } from 'drizzle-orm';
import type { HubDb } from '../database';
import { organizations, workspaces } from '../schema';

export type OrganizationRow = typeof organizations.$inferSelect;
export type WorkspaceRow = typeof workspaces.$inferSelect;

export function workspacesRepo(db: HubDb) {
  return {
    organization: (id: string): OrganizationRow | undefined =>
      db.select().from(organizations).where(eq(organizations.id, id)).get(),
    insertOrganization: (row: OrganizationRow): void => void db.insert(organizations).values(row).run(),
    byId: (id: string): WorkspaceRow | undefined => db.select().from(workspaces).where(eq(workspaces.id, id)).get(),
    all: (): WorkspaceRow[] => db.select().from(workspaces).all(),
    insert: (row: Omit<WorkspaceRow, 'accessEndWarningDays'> & Partial<Pick<WorkspaceRow, 'accessEndWarningDays'>>): void =>
      void db.insert(workspaces).values(row).run(),
    /** Issue 13.2: days before an access end the hub warns (0: never). */
    setAccessEndWarningDays: (id: string, days: number): void =>
      void db.update(workspaces).set({ accessEndWarningDays: days }).where(eq(workspaces.id, id)).run(),
    setPlan: (id: string, plan: WorkspaceRow['plan']): void =>
      void db.update(workspaces).set({ plan }).where(eq(workspaces.id, id)).run(),
    /** Raises the sequence by one and returns the new value. */
    nextSeq: (id: string): number => {
      const row = db
        .update(workspaces)
        .set({ seq: sql`${workspaces.seq} + 1` })
        .where(eq(workspaces.id, id))
        .returning({ seq: workspaces.seq })
        .get();
      if (!row) throw new Error(`Workspace ${id} does not exist`);
      return row.seq;
    },
  };
}
