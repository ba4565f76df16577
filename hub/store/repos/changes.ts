// The change log and the record of applied mutations.
import { and, asc, eq, gt, lt, lte, min } from 'drizzle-orm';
import type { HubDb } from '../database';
import type { appliedMutations as appliedMutationsTable, changes as changesTable } from '../schema';
import type { Dialect, HubTables } from './dialect';
import { sqliteDialect, sqliteTables } from './dialect';

export type ChangeRow = typeof changesTable.$inferSelect;
export type ChangedEntity = ChangeRow['entity'];
export type AppliedMutation = Pick<typeof appliedMutationsTable.$inferSelect, 'workspaceId' | 'memberId' | 'fingerprint' | 'reply'>;

export function changesRepo(db: HubDb, tables: HubTables = sqliteTables, _dialect: Dialect = sqliteDialect(db)) {
  const { appliedMutations, changes } = tables;
  return {
    append: async (row: ChangeRow): Promise<void> => {
      await db.insert(changes).values(row);
    },
    /** Changes after `seq`, oldest first. */
    after: async (workspaceId: string, seq: number): Promise<ChangeRow[]> =>
      db.select().from(changes).where(and(eq(changes.workspaceId, workspaceId), gt(changes.seq, seq))).orderBy(asc(changes.seq)),
    between: async (workspaceId: string, fromSeq: number, toSeq: number): Promise<ChangeRow[]> =>
      db
        .select()
        .from(changes)
        .where(and(eq(changes.workspaceId, workspaceId), gt(changes.seq, fromSeq), lte(changes.seq, toSeq)))
        .orderBy(asc(changes.seq)),
    oldestSeq: async (workspaceId: string): Promise<number | null> =>
      (await db.select({ seq: min(changes.seq) }).from(changes).where(eq(changes.workspaceId, workspaceId)))[0]?.seq ?? null,
    pruneBefore: async (workspaceId: string, seq: number): Promise<void> => {
      await db.delete(changes).where(and(eq(changes.workspaceId, workspaceId), lt(changes.seq, seq)));
    },
    /** The record of a mutation already applied under this person's key, with what it was bound to. */
    appliedMutation: async (personId: string, mutationId: string): Promise<AppliedMutation | undefined> =>
      (
        await db
          .select({
            workspaceId: appliedMutations.workspaceId,
            memberId: appliedMutations.memberId,
            fingerprint: appliedMutations.fingerprint,
            reply: appliedMutations.reply,
          })
          .from(appliedMutations)
          .where(and(eq(appliedMutations.personId, personId), eq(appliedMutations.mutationId, mutationId)))
          .limit(1)
      )[0],
    recordMutation: async (row: typeof appliedMutations.$inferInsert): Promise<void> => {
      await db.insert(appliedMutations).values(row);
    },
    updateMutationReply: async (personId: string, mutationId: string, reply: unknown): Promise<void> => {
      await db
        .update(appliedMutations)
        .set({ reply })
        .where(and(eq(appliedMutations.personId, personId), eq(appliedMutations.mutationId, mutationId)));
    },
    pruneMutationsBefore: async (at: number): Promise<void> => {
      await db.delete(appliedMutations).where(lt(appliedMutations.createdAt, at));
    },
  };
}
