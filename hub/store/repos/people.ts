// People (hub-wide, signed in by email) and their organization membership (O1).
import { and, eq } from 'drizzle-orm';
import type { HubDb } from '../database';
import { organizationPeople, people } from '../schema';

export type PersonRow = typeof people.$inferSelect;

export function peopleRepo(db: HubDb) {
  return {
    byId: (id: string): PersonRow | undefined => db.select().from(people).where(eq(people.id, id)).get(),
    byEmail: (email: string): PersonRow | undefined => db.select().from(people).where(eq(people.email, email)).get(),
    insert: (row: PersonRow): void => void db.insert(people).values(row).run(),
    setPassword: (id: string, passwordHash: string, displayName: string, at: number): void =>
      void db.update(people).set({ passwordHash, displayName, updatedAt: at }).where(eq(people.id, id)).run(),
    /** A new password hash, keeping the name (setPassword also sets the name, as accepting an invitation does). */
    changePassword: (id: string, passwordHash: string, at: number): void =>
      void db.update(people).set({ passwordHash, updatedAt: at }).where(eq(people.id, id)).run(),
    updateProfile: (id: string, displayName: string, avatarDataUrl: string | null, at: number): void =>
      void db.update(people).set({ displayName, avatarDataUrl, updatedAt: at }).where(eq(people.id, id)).run(),
    isInOrganization: (organizationId: string, personId: string): boolean =>
      db
        .select()
        .from(organizationPeople)
        .where(and(eq(organizationPeople.organizationId, organizationId), eq(organizationPeople.personId, personId)))
        .get() !== undefined,
    addToOrganization: (organizationId: string, personId: string, at: number): void =>
      void db.insert(organizationPeople).values({ organizationId, personId, joinedAt: at }).onConflictDoNothing().run(),
  };
}
