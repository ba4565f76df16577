// Issue 13.1: access reviews, the members each one froze when it started and
// what was decided about them, and each reviewer's recurring schedule.
import { and, asc, desc, eq } from 'drizzle-orm';
import type { HubDb } from '../database';
import { accessReviewItems, accessReviews, accessReviewSchedules } from '../schema';

export type AccessReviewRow = typeof accessReviews.$inferSelect;
export type AccessReviewItemRow = typeof accessReviewItems.$inferSelect;
export type AccessReviewScheduleRow = typeof accessReviewSchedules.$inferSelect;
export type ItemOutcome = Pick<
  AccessReviewItemRow,
  'decision' | 'outcome' | 'refusalCode' | 'refusalMessage' | 'heirMemberId' | 'contactsAffected' | 'decidedByMemberId' | 'decidedAt'
>;

/** SQLite limits how many values one statement may bind; items are inserted in chunks under it. */
const ITEM_CHUNK = 50;

export function accessReviewsRepo(db: HubDb) {
  return {
    insert: (review: AccessReviewRow, items: readonly AccessReviewItemRow[]): void => {
      db.insert(accessReviews).values(review).run();
      for (let start = 0; start < items.length; start += ITEM_CHUNK) {
        db.insert(accessReviewItems).values(items.slice(start, start + ITEM_CHUNK)).run();
      }
    },
    byId: (id: string): AccessReviewRow | undefined => db.select().from(accessReviews).where(eq(accessReviews.id, id)).get(),
    /** The member's newest review still open in the workspace. */
    newestOpenBy: (workspaceId: string, memberId: string): AccessReviewRow | undefined =>
      db
        .select()
        .from(accessReviews)
        .where(and(eq(accessReviews.workspaceId, workspaceId), eq(accessReviews.startedByMemberId, memberId), eq(accessReviews.status, 'open')))
        .orderBy(desc(accessReviews.startedAt))
        .get(),
    /** Longest unseen first, as the review presents them. */
    items: (reviewId: string): AccessReviewItemRow[] =>
      db.select().from(accessReviewItems).where(eq(accessReviewItems.reviewId, reviewId)).orderBy(asc(accessReviewItems.lastSeenAt), asc(accessReviewItems.invitedAt)).all(),
    setOutcome: (reviewId: string, memberId: string, outcome: ItemOutcome): void =>
      void db
        .update(accessReviewItems)
        .set(outcome)
        .where(and(eq(accessReviewItems.reviewId, reviewId), eq(accessReviewItems.memberId, memberId)))
        .run(),
    /** Completes an open review; false when it was no longer open (so a review completes once). */
    complete: (reviewId: string, byMemberId: string, at: number): boolean =>
      db
        .update(accessReviews)
        .set({ status: 'completed', completedAt: at, completedByMemberId: byMemberId })
        .where(and(eq(accessReviews.id, reviewId), eq(accessReviews.status, 'open')))
        .run().changes === 1,

    scheduleOf: (memberId: string): AccessReviewScheduleRow | undefined =>
      db.select().from(accessReviewSchedules).where(eq(accessReviewSchedules.memberId, memberId)).get(),
    setSchedule: (row: AccessReviewScheduleRow): void =>
      void db
        .insert(accessReviewSchedules)
        .values(row)
        .onConflictDoUpdate({ target: accessReviewSchedules.memberId, set: { everyDays: row.everyDays, nextDueAt: row.nextDueAt, updatedAt: row.updatedAt } })
        .run(),
    clearSchedule: (memberId: string): void => void db.delete(accessReviewSchedules).where(eq(accessReviewSchedules.memberId, memberId)).run(),
  };
}
