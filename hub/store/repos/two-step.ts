// Issue 13.5: the second step of sign-in, per person across the hub (the
// authenticator's secret, recovery codes, sign-ins waiting for a code), and the
// workspaces whose Owners require it. Reached as `store.twoStep`: the
// second step belongs to the person, not to any workspace.
import { and, count, eq, isNull, lte, sql } from 'drizzle-orm';
import type { HubDb } from '../database';
import type { twoStepPendingSignIns as pendingTable, twoStepSecrets as secretsTable, workspaceTwoStepRules as rulesTable } from '../schema';
import type { Dialect, HubTables } from './dialect';
import { sqliteDialect, sqliteTables } from './dialect';

export type TwoStepSecretRow = typeof secretsTable.$inferSelect;
export type TwoStepPendingRow = typeof pendingTable.$inferSelect;
export type WorkspaceTwoStepRuleRow = typeof rulesTable.$inferSelect;

export function twoStepRepo(db: HubDb, tables: HubTables = sqliteTables, dialect: Dialect = sqliteDialect(db)) {
  const { sessions, twoStepPendingSignIns, twoStepRecoveryCodes, twoStepSecrets, workspaceTwoStepRules } = tables;
  return {
    /** The database file (for the key file kept beside it); ':memory:' or '' when there is none. */
    databaseFile: (): Promise<string> => dialect.databaseFile(),

    secretOf: async (personId: string): Promise<TwoStepSecretRow | undefined> =>
      (await db.select().from(twoStepSecrets).where(eq(twoStepSecrets.personId, personId)).limit(1))[0],
    /** Whether the person has the second step on (a confirmed secret). */
    isEnabled: async (personId: string): Promise<boolean> =>
      (
        await db
          .select({ personId: twoStepSecrets.personId })
          .from(twoStepSecrets)
          .where(and(eq(twoStepSecrets.personId, personId), sql`${twoStepSecrets.confirmedAt} IS NOT NULL`))
          .limit(1)
      ).length === 1,
    /** A new, unconfirmed secret in place of any unconfirmed one (a confirmed one is never replaced here). */
    startEnrolment: async (personId: string, encryptedSecret: string, at: number): Promise<void> => {
      await db
        .insert(twoStepSecrets)
        .values({ personId, encryptedSecret, createdAt: at, confirmedAt: null, lastUsedStep: null })
        .onConflictDoUpdate({ target: twoStepSecrets.personId, set: { encryptedSecret, createdAt: at, confirmedAt: null, lastUsedStep: null } });
    },
    /** The first code was right (its step is already taken): the second step is on. */
    confirm: async (personId: string, at: number): Promise<void> => {
      await db.update(twoStepSecrets).set({ confirmedAt: at }).where(eq(twoStepSecrets.personId, personId));
    },
    /**
     * Takes a time step as used, only if it is newer than the last one taken;
     * false when it is not (the code was used already): two requests racing
     * with the same code cannot both pass.
     */
    takeStep: async (personId: string, step: number): Promise<boolean> =>
      (
        await db
          .update(twoStepSecrets)
          .set({ lastUsedStep: step })
          .where(and(eq(twoStepSecrets.personId, personId), sql`coalesce(${twoStepSecrets.lastUsedStep}, -1) < ${step}`))
          .returning({ personId: twoStepSecrets.personId })
      ).length === 1,
    /** Removes the secret, the recovery codes and any sign-in waiting for a code. */
    removeAll: async (personId: string): Promise<void> => {
      await db.delete(twoStepRecoveryCodes).where(eq(twoStepRecoveryCodes.personId, personId));
      await db.delete(twoStepPendingSignIns).where(eq(twoStepPendingSignIns.personId, personId));
      await db.delete(twoStepSecrets).where(eq(twoStepSecrets.personId, personId));
    },

    replaceRecoveryCodes: async (personId: string, codeHashes: readonly string[], at: number): Promise<void> => {
      await db.delete(twoStepRecoveryCodes).where(eq(twoStepRecoveryCodes.personId, personId));
      if (codeHashes.length > 0) {
        await db.insert(twoStepRecoveryCodes).values(codeHashes.map((codeHash) => ({ codeHash, personId, createdAt: at, usedAt: null })));
      }
    },
    /** Uses a recovery code once: true when it was the person's and unused. */
    useRecoveryCode: async (personId: string, codeHash: string, at: number): Promise<boolean> =>
      (
        await db
          .update(twoStepRecoveryCodes)
          .set({ usedAt: at })
          .where(and(eq(twoStepRecoveryCodes.codeHash, codeHash), eq(twoStepRecoveryCodes.personId, personId), isNull(twoStepRecoveryCodes.usedAt)))
          .returning({ codeHash: twoStepRecoveryCodes.codeHash })
      ).length === 1,
    recoveryCodesLeft: async (personId: string): Promise<number> =>
      (
        await db
          .select({ left: count() })
          .from(twoStepRecoveryCodes)
          .where(and(eq(twoStepRecoveryCodes.personId, personId), isNull(twoStepRecoveryCodes.usedAt)))
      )[0]?.left ?? 0,

    insertPending: async (row: TwoStepPendingRow): Promise<void> => {
      await db.insert(twoStepPendingSignIns).values(row);
    },
    pending: async (tokenHash: string, now: number): Promise<TwoStepPendingRow | undefined> =>
      (
        await db
          .select()
          .from(twoStepPendingSignIns)
          .where(and(eq(twoStepPendingSignIns.tokenHash, tokenHash), sql`${twoStepPendingSignIns.expiresAt} > ${now}`))
          .limit(1)
      )[0],
    deletePending: async (tokenHash: string): Promise<void> => {
      await db.delete(twoStepPendingSignIns).where(eq(twoStepPendingSignIns.tokenHash, tokenHash));
    },
    deleteExpiredPending: async (now: number): Promise<void> => {
      await db.delete(twoStepPendingSignIns).where(lte(twoStepPendingSignIns.expiresAt, now));
    },

    /** Marks a session as having passed the second step. */
    markSession: async (tokenHash: string, at: number): Promise<void> => {
      await db.update(sessions).set({ secondStepAt: at }).where(eq(sessions.tokenHash, tokenHash));
    },
    /** No session of the person counts as having passed the second step any more (it was turned off or reset). */
    unmarkSessionsOf: async (personId: string): Promise<void> => {
      await db.update(sessions).set({ secondStepAt: null }).where(eq(sessions.personId, personId));
    },

    ruleOf: async (workspaceId: string): Promise<WorkspaceTwoStepRuleRow | undefined> =>
      (await db.select().from(workspaceTwoStepRules).where(eq(workspaceTwoStepRules.workspaceId, workspaceId)).limit(1))[0],
    setRule: async (row: WorkspaceTwoStepRuleRow): Promise<void> => {
      await db
        .insert(workspaceTwoStepRules)
        .values(row)
        .onConflictDoUpdate({ target: workspaceTwoStepRules.workspaceId, set: { requiredAt: row.requiredAt, deadline: row.deadline, requiredByMemberId: row.requiredByMemberId } });
    },
    clearRule: async (workspaceId: string): Promise<void> => {
      await db.delete(workspaceTwoStepRules).where(eq(workspaceTwoStepRules.workspaceId, workspaceId));
    },
  };
}
