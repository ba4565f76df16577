// Invitation links (A2, A6): stored by the hash of their token.
import { and, eq, isNull } from 'drizzle-orm';
import type { HubDb } from '../database';
import type { invitations as invitationsTable } from '../schema';
import type { Dialect, HubTables } from './dialect';
import { sqliteDialect, sqliteTables } from './dialect';

export type InvitationRow = typeof invitationsTable.$inferSelect;

export function invitationsRepo(db: HubDb, tables: HubTables = sqliteTables, _dialect: Dialect = sqliteDialect(db)) {
  const { invitations } = tables;
  return {
    byTokenHash: async (tokenHash: string): Promise<InvitationRow | undefined> =>
      (await db.select().from(invitations).where(eq(invitations.tokenHash, tokenHash)).limit(1))[0],
    /** The member's link that still works, if any. */
    liveFor: async (memberId: string): Promise<InvitationRow | undefined> =>
      (
        await db
          .select()
          .from(invitations)
          .where(
            and(
              eq(invitations.memberId, memberId),
              isNull(invitations.usedAt),
              isNull(invitations.cancelledAt),
              isNull(invitations.supersededAt),
            ),
          )
          .limit(1)
      )[0],
    insert: async (row: InvitationRow): Promise<void> => {
      await db.insert(invitations).values(row);
    },
    supersede: async (id: string, at: number): Promise<void> => {
      await db.update(invitations).set({ supersededAt: at }).where(eq(invitations.id, id));
    },
    cancel: async (id: string, at: number): Promise<void> => {
      await db.update(invitations).set({ cancelledAt: at }).where(eq(invitations.id, id));
    },
    markUsed: async (id: string, at: number): Promise<void> => {
      await db.update(invitations).set({ usedAt: at }).where(eq(invitations.id, id));
    },
  };
}
