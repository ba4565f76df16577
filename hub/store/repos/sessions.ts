// Sign-in sessions, stored by the hash of their bearer token.
import { and, eq, gt, lte, ne } from 'drizzle-orm';
import type { HubDb } from '../database';
import { sessions } from '../schema';

export type SessionRow = typeof sessions.$inferSelect;

export function sessionsRepo(db: HubDb) {
  return {
    insert: (row: typeof sessions.$inferInsert): void => void db.insert(sessions).values(row).run(),
    valid: (tokenHash: string, now: number): SessionRow | undefined =>
      db.select().from(sessions).where(and(eq(sessions.tokenHash, tokenHash), gt(sessions.expiresAt, now))).get(),
    delete: (tokenHash: string): void => void db.delete(sessions).where(eq(sessions.tokenHash, tokenHash)).run(),
    /** Ends every session of a person but `keepHash` (all of them when it is null); returns the hashes ended. */
    deleteOfPerson: (personId: string, keepHash: string | null): string[] =>
      db
        .delete(sessions)
        .where(keepHash === null ? eq(sessions.personId, personId) : and(eq(sessions.personId, personId), ne(sessions.tokenHash, keepHash)))
        .returning({ tokenHash: sessions.tokenHash })
        .all()
        .map((row) => row.tokenHash),
    deleteExpired: (now: number): void => void db.delete(sessions).where(lte(sessions.expiresAt, now)).run(),
  };
}
