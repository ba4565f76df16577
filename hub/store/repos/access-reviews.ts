// Issue 13.1: access reviews, the members each one froze when it started and
// what was decided about them, and each reviewer's recurring schedule.
import { and, asc, desc, eq } from 'drizzle-orm';
import type { HubDb } from '../database';
import type { accessReviewItems as itemsTable, accessReviews as reviewsTable, accessReviewSchedules as schedulesTable } from '../schema';
import type { Dialect, HubTables } from './dialect';
import { sqliteDialect, sqliteTables } from './dialect';

export type AccessReviewRow = typeof reviewsTable.$inferSelect;
export type AccessReviewItemRow = typeof itemsTable.$inferSelect;
export type AccessReviewScheduleRow = typeof schedulesTable.$inferSelect;
export type ItemOutcome = Pick<
  AccessReviewItemRow,
  'decision' | 'outcome' | 'refusalCode' | 'refusalMessage' | 'heirMemberId' | 'contactsAffected' | 'decidedByMemberId' | 'decidedAt'
>;

/** SQLite limits how many values one statement may bind; items are inserted in chunks under it. */
const ITEM_CHUNK = 50;

export function accessReviewsRepo(db: HubDb, tables: HubTables = sqliteTables, _dialect: Dialect = sqliteDialect(db)) {
  const { accessReviewItems, accessReviews, accessReviewSchedules } = tables;
  return {
    insert: async (review: AccessReviewRow, items: readonly AccessReviewItemRow[]): Promise<void> => {
      await db.insert(accessReviews).values(review);
      for (let start = 0; start < items.length; start += ITEM_CHUNK) {
        await db.insert(accessReviewItems).values(items.slice(start, start + ITEM_CHUNK));
      }
    },
    byId: async (id: string): Promise<AccessReviewRow | undefined> => (await db.select().from(accessReviews).where(eq(accessReviews.id, id)).limit(1))[0],
    /** The member's newest review still open in the workspace. */
    newestOpenBy: async (workspaceId: string, memberId: string): Promise<AccessReviewRow | undefined> =>
      (
        await db
          .select()
          .from(accessReviews)
          .where(and(eq(accessReviews.workspaceId, workspaceId), eq(accessReviews.startedByMemberId, memberId), eq(accessReviews.status, 'open')))
          .orderBy(desc(accessReviews.startedAt))
          .limit(1)
      )[0],
    /** Longest unseen first, as the review presents them. */
    items: async (reviewId: string): Promise<AccessReviewItemRow[]> =>
      db.select().from(accessReviewItems).where(eq(accessReviewItems.reviewId, reviewId)).orderBy(asc(accessReviewItems.lastSeenAt), asc(accessReviewItems.invitedAt)),
    setOutcome: async (reviewId: string, memberId: string, outcome: ItemOutcome): Promise<void> => {
      await db
        .update(accessReviewItems)
        .set(outcome)
        .where(and(eq(accessReviewItems.reviewId, reviewId), eq(accessReviewItems.memberId, memberId)));
    },
    /** Completes an open review; false when it was no longer open (so a review completes once). */
    complete: async (reviewId: string, byMemberId: string, at: number): Promise<boolean> =>
      (
        await db
          .update(accessReviews)
          .set({ status: 'completed', completedAt: at, completedByMemberId: byMemberId })
          .where(and(eq(accessReviews.id, reviewId), eq(accessReviews.status, 'open')))
          .returning({ id: accessReviews.id })
      ).length === 1,

    scheduleOf: async (memberId: string): Promise<AccessReviewScheduleRow | undefined> =>
      (await db.select().from(accessReviewSchedules).where(eq(accessReviewSchedules.memberId, memberId)).limit(1))[0],
    setSchedule: async (row: AccessReviewScheduleRow): Promise<void> => {
      await db
        .insert(accessReviewSchedules)
        .values(row)
        .onConflictDoUpdate({ target: accessReviewSchedules.memberId, set: { everyDays: row.everyDays, nextDueAt: row.nextDueAt, updatedAt: row.updatedAt } });
    },
    clearSchedule: async (memberId: string): Promise<void> => {
      await db.delete(accessReviewSchedules).where(eq(accessReviewSchedules.memberId, memberId));
    },
  };
}
