// Contacts of a workspace.
import { eq } from 'drizzle-orm';
import type { HubDb } from '../database';
import type { contacts as contactsTable } from '../schema';
import type { Dialect, HubTables } from './dialect';
import { sqliteDialect, sqliteTables } from './dialect';

export type ContactRow = typeof contactsTable.$inferSelect;
export type ContactChanges = Partial<Pick<ContactRow, 'phone' | 'email' | 'assigneeId' | 'teamId' | 'name'>>;

export function contactsRepo(db: HubDb, tables: HubTables = sqliteTables, _dialect: Dialect = sqliteDialect(db)) {
  const { contacts } = tables;
  return {
    byId: async (id: string): Promise<ContactRow | undefined> => (await db.select().from(contacts).where(eq(contacts.id, id)).limit(1))[0],
    inWorkspace: async (workspaceId: string): Promise<ContactRow[]> =>
      db.select().from(contacts).where(eq(contacts.workspaceId, workspaceId)).orderBy(contacts.name, contacts.id),
    assignedTo: async (memberId: string): Promise<ContactRow[]> => db.select().from(contacts).where(eq(contacts.assigneeId, memberId)),
    idsWithTeam: async (teamId: string): Promise<string[]> =>
      (await db.select({ id: contacts.id }).from(contacts).where(eq(contacts.teamId, teamId))).map((row) => row.id),
    insert: async (row: ContactRow): Promise<void> => {
      await db.insert(contacts).values(row);
    },
    update: async (id: string, changes: ContactChanges, at: number): Promise<void> => {
      await db.update(contacts).set({ ...changes, updatedAt: at }).where(eq(contacts.id, id));
    },
    delete: async (id: string): Promise<void> => {
      await db.delete(contacts).where(eq(contacts.id, id));
    },
    clearTeam: async (teamId: string, at: number): Promise<void> => {
      await db.update(contacts).set({ teamId: null, updatedAt: at }).where(eq(contacts.teamId, teamId));
    },
  };
}
