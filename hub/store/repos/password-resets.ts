// "Forgot password" links, stored by the hash of their token; each works once.
import { and, eq, gt, isNull, lte, or } from 'drizzle-orm';
import type { HubDb } from '../database';
import { passwordResets } from '../schema';

export type PasswordResetRow = typeof passwordResets.$inferSelect;

export function passwordResetsRepo(db: HubDb) {
  return {
    insert: (row: PasswordResetRow): void => void db.insert(passwordResets).values(row).run(),
    /** The link if it is unused and not expired. */
    live: (tokenHash: string, now: number): PasswordResetRow | undefined =>
      db
        .select()
        .from(passwordResets)
        .where(and(eq(passwordResets.tokenHash, tokenHash), isNull(passwordResets.usedAt), gt(passwordResets.expiresAt, now)))
        .get(),
    /** Uses the link up: true only for the one caller that did it while it was live. */
    use: (tokenHash: string, now: number): boolean =>
      db
        .update(passwordResets)
        .set({ usedAt: now })
        .where(and(eq(passwordResets.tokenHash, tokenHash), isNull(passwordResets.usedAt), gt(passwordResets.expiresAt, now)))
        .run().changes === 1,
    /** A new link, or a new password, makes the person's older links useless. */
    retireOfPerson: (personId: string, now: number): void =>
      void db
        .update(passwordResets)
        .set({ usedAt: now })
        .where(and(eq(passwordResets.personId, personId), isNull(passwordResets.usedAt)))
        .run(),
    deleteFinished: (now: number): void =>
      void db
        .delete(passwordResets)
        .where(or(lte(passwordResets.expiresAt, now), lte(passwordResets.usedAt, now)))
        .run(),
  };
}
