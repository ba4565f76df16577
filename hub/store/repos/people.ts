// People (hub-wide, signed in by email) and their organization membership (O1).
import { and, eq } from 'drizzle-orm';
import type { HubDb } from '../database';
import type { people as peopleTable } from '../schema';
import type { Dialect, HubTables } from './dialect';
import { sqliteDialect, sqliteTables } from './dialect';

export type PersonRow = typeof peopleTable.$inferSelect;

export function peopleRepo(db: HubDb, tables: HubTables = sqliteTables, _dialect: Dialect = sqliteDialect(db)) {
  const { organizationPeople, people } = tables;
  return {
    byId: async (id: string): Promise<PersonRow | undefined> => (await db.select().from(people).where(eq(people.id, id)).limit(1))[0],
    byEmail: async (email: string): Promise<PersonRow | undefined> => (await db.select().from(people).where(eq(people.email, email)).limit(1))[0],
    insert: async (row: PersonRow): Promise<void> => {
      await db.insert(people).values(row);
    },
    setPassword: async (id: string, passwordHash: string, displayName: string, at: number): Promise<void> => {
      await db.update(people).set({ passwordHash, displayName, updatedAt: at }).where(eq(people.id, id));
    },
    /** A new password hash, keeping the name (setPassword also sets the name, as accepting an invitation does). */
    changePassword: async (id: string, passwordHash: string, at: number): Promise<void> => {
      await db.update(people).set({ passwordHash, updatedAt: at }).where(eq(people.id, id));
    },
    updateProfile: async (id: string, displayName: string, avatarDataUrl: string | null, at: number): Promise<void> => {
      await db.update(people).set({ displayName, avatarDataUrl, updatedAt: at }).where(eq(people.id, id));
    },
    isInOrganization: async (organizationId: string, personId: string): Promise<boolean> =>
      (
        await db
          .select({ personId: organizationPeople.personId })
          .from(organizationPeople)
          .where(and(eq(organizationPeople.organizationId, organizationId), eq(organizationPeople.personId, personId)))
          .limit(1)
      ).length === 1,
    addToOrganization: async (organizationId: string, personId: string, at: number): Promise<void> => {
      await db.insert(organizationPeople).values({ organizationId, personId, joinedAt: at }).onConflictDoNothing();
    },
  };
}
