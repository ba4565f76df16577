// Sign-in sessions, stored by the hash of their bearer token.
import { and, eq, gt, lte, ne } from 'drizzle-orm';
import type { HubDb } from '../database';
import type { sessions as sessionsTable } from '../schema';
import type { Dialect, HubTables } from './dialect';
import { sqliteDialect, sqliteTables } from './dialect';

export type SessionRow = typeof sessionsTable.$inferSelect;

export function sessionsRepo(db: HubDb, tables: HubTables = sqliteTables, _dialect: Dialect = sqliteDialect(db)) {
  const { sessions } = tables;
  return {
    insert: async (row: typeof sessions.$inferInsert): Promise<void> => {
      await db.insert(sessions).values(row);
    },
    valid: async (tokenHash: string, now: number): Promise<SessionRow | undefined> =>
      (await db.select().from(sessions).where(and(eq(sessions.tokenHash, tokenHash), gt(sessions.expiresAt, now))).limit(1))[0],
    delete: async (tokenHash: string): Promise<void> => {
      await db.delete(sessions).where(eq(sessions.tokenHash, tokenHash));
    },
    /** Ends every session of a person but `keepHash` (all of them when it is null); returns the hashes ended. */
    deleteOfPerson: async (personId: string, keepHash: string | null): Promise<string[]> =>
      (
        await db
          .delete(sessions)
          .where(keepHash === null ? eq(sessions.personId, personId) : and(eq(sessions.personId, personId), ne(sessions.tokenHash, keepHash)))
          .returning({ tokenHash: sessions.tokenHash })
      ).map((row) => row.tokenHash),
    deleteExpired: async (now: number): Promise<void> => {
      await db.delete(sessions).where(lte(sessions.expiresAt, now));
    },
  };
}
