// Invitation links (A2, A6): stored by the hash of their token.
import { and, eq, isNull } from 'drizzle-orm';
import type { HubDb } from '../database';
import { invitations } from '../schema';

export type InvitationRow = typeof invitations.$inferSelect;

export function invitationsRepo(db: HubDb) {
  return {
    byTokenHash: (tokenHash: string): InvitationRow | undefined =>
      db.select().from(invitations).where(eq(invitations.tokenHash, tokenHash)).get(),
    /** The member's link that still works, if any. */
    liveFor: (memberId: string): InvitationRow | undefined =>
      db
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
        .get(),
    insert: (row: InvitationRow): void => void db.insert(invitations).values(row).run(),
    supersede: (id: string, at: number): void =>
      void db.update(invitations).set({ supersededAt: at }).where(eq(invitations.id, id)).run(),
    cancel: (id: string, at: number): void => void db.update(invitations).set({ cancelledAt: at }).where(eq(invitations.id, id)).run(),
    markUsed: (id: string, at: number): void => void db.update(invitations).set({ usedAt: at }).where(eq(invitations.id, id)).run(),
  };
}
