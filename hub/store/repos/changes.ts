// The change log and the record of applied mutations.
import { and, asc, eq, gt, lt, lte, min } from 'drizzle-orm';
import type { HubDb } from '../database';
import { appliedMutations, changes } from '../schema';

export type ChangeRow = typeof changes.$inferSelect;
export type ChangedEntity = ChangeRow['entity'];
export type AppliedMutation = Pick<typeof appliedMutations.$inferSelect, 'workspaceId' | 'memberId' | 'fingerprint' | 'reply'>;

export function changesRepo(db: HubDb) {
  return {
    append: (row: ChangeRow): void => void db.insert(changes).values(row).run(),
    /** Changes after `seq`, oldest first. */
    after: (workspaceId: string, seq: number): ChangeRow[] =>
      db.select().from(changes).where(and(eq(changes.workspaceId, workspaceId), gt(changes.seq, seq))).orderBy(asc(changes.seq)).all(),
    between: (workspaceId: string, fromSeq: number, toSeq: number): ChangeRow[] =>
      db
        .select()
        .from(changes)
        .where(and(eq(changes.workspaceId, workspaceId), gt(changes.seq, fromSeq), lte(changes.seq, toSeq)))
        .orderBy(asc(changes.seq))
        .all(),
    oldestSeq: (workspaceId: string): number | null =>
      db.select({ seq: min(changes.seq) }).from(changes).where(eq(changes.workspaceId, workspaceId)).get()?.seq ?? null,
    pruneBefore: (workspaceId: string, seq: number): void =>
      void db.delete(changes).where(and(eq(changes.workspaceId, workspaceId), lt(changes.seq, seq))).run(),
    /** The record of a mutation already applied under this person's key, with what it was bound to. */
    appliedMutation: (personId: string, mutationId: string): AppliedMutation | undefined =>
      db
        .select({
          workspaceId: appliedMutations.workspaceId,
          memberId: appliedMutations.memberId,
          fingerprint: appliedMutations.fingerprint,
          reply: appliedMutations.reply,
        })
        .from(appliedMutations)
        .where(and(eq(appliedMutations.personId, personId), eq(appliedMutations.mutationId, mutationId)))
        .get(),
    recordMutation: (row: typeof appliedMutations.$inferInsert): void => void db.insert(appliedMutations).values(row).run(),
    updateMutationReply: (personId: string, mutationId: string, reply: unknown): void =>
      void db
        .update(appliedMutations)
        .set({ reply })
        .where(and(eq(appliedMutations.personId, personId), eq(appliedMutations.mutationId, mutationId)))
        .run(),
    pruneMutationsBefore: (at: number): void => void db.delete(appliedMutations).where(lt(appliedMutations.createdAt, at)).run(),
  };
}
