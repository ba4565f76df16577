// Contacts of a workspace.
import { eq } from 'drizzle-orm';
import type { HubDb } from '../database';
import { contacts } from '../schema';

export type ContactRow = typeof contacts.$inferSelect;
export type ContactChanges = Partial<Pick<ContactRow, 'phone' | 'email' | 'assigneeId' | 'teamId' | 'name'>>;

export function contactsRepo(db: HubDb) {
  return {
    byId: (id: string): ContactRow | undefined => db.select().from(contacts).where(eq(contacts.id, id)).get(),
    inWorkspace: (workspaceId: string): ContactRow[] =>
      db.select().from(contacts).where(eq(contacts.workspaceId, workspaceId)).orderBy(contacts.name, contacts.id).all(),
    assignedTo: (memberId: string): ContactRow[] => db.select().from(contacts).where(eq(contacts.assigneeId, memberId)).all(),
    idsWithTeam: (teamId: string): string[] =>
      db.select({ id: contacts.id }).from(contacts).where(eq(contacts.teamId, teamId)).all().map((row) => row.id),
    insert: (row: ContactRow): void => void db.insert(contacts).values(row).run(),
    update: (id: string, changes: ContactChanges, at: number): void =>
      void db.update(contacts).set({ ...changes, updatedAt: at }).where(eq(contacts.id, id)).run(),
    delete: (id: string): void => void db.delete(contacts).where(eq(contacts.id, id)).run(),
    clearTeam: (teamId: string, at: number): void =>
      void db.update(contacts).set({ teamId: null, updatedAt: at }).where(eq(contacts.teamId, teamId)).run(),
  };
}
