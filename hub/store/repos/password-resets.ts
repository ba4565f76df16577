// "Forgot password" links, stored by the hash of their token; each works once.
import { and, eq, gt, isNull, lte, or } from 'drizzle-orm';
import type { HubDb } from '../database';
import type { passwordResets as passwordResetsTable } from '../schema';
import type { Dialect, HubTables } from './dialect';
import { sqliteDialect, sqliteTables } from './dialect';

export type PasswordResetRow = typeof passwordResetsTable.$inferSelect;

export function passwordResetsRepo(db: HubDb, tables: HubTables = sqliteTables, _dialect: Dialect = sqliteDialect(db)) {
  const { passwordResets } = tables;
  return {
    insert: async (row: PasswordResetRow): Promise<void> => {
      await db.insert(passwordResets).values(row);
    },
    /** The link if it is unused and not expired. */
    live: async (tokenHash: string, now: number): Promise<PasswordResetRow | undefined> =>
      (
        await db
          .select()
          .from(passwordResets)
          .where(and(eq(passwordResets.tokenHash, tokenHash), isNull(passwordResets.usedAt), gt(passwordResets.expiresAt, now)))
          .limit(1)
      )[0],
    /** Uses the link up: true only for the one caller that did it while it was live (the UPDATE re-checks the row). */
    use: async (tokenHash: string, now: number): Promise<boolean> =>
      (
        await db
          .update(passwordResets)
          .set({ usedAt: now })
          .where(and(eq(passwordResets.tokenHash, tokenHash), isNull(passwordResets.usedAt), gt(passwordResets.expiresAt, now)))
          .returning({ tokenHash: passwordResets.tokenHash })
      ).length === 1,
    /** A new link, or a new password, makes the person's older links useless. */
    retireOfPerson: async (personId: string, now: number): Promise<void> => {
      await db
        .update(passwordResets)
        .set({ usedAt: now })
        .where(and(eq(passwordResets.personId, personId), isNull(passwordResets.usedAt)));
    },
    deleteFinished: async (now: number): Promise<void> => {
      await db.delete(passwordResets).where(or(lte(passwordResets.expiresAt, now), lte(passwordResets.usedAt, now)));
    },
  };
}
