// Issue 13.5: the second step of sign-in, per person across the hub (the
// authenticator's secret, recovery codes, sign-ins waiting for a code), and the
// workspaces whose Owners require it. Reached as `store.twoStep`: the
// second step belongs to the person, not to any workspace.
import { and, count, eq, isNull, lte, sql } from 'drizzle-orm';
import type { HubDb } from '../database';
import { sessions, twoStepPendingSignIns, twoStepRecoveryCodes, twoStepSecrets, workspaceTwoStepRules } from '../schema';

export type TwoStepSecretRow = typeof twoStepSecrets.$inferSelect;
export type TwoStepPendingRow = typeof twoStepPendingSignIns.$inferSelect;
export type WorkspaceTwoStepRuleRow = typeof workspaceTwoStepRules.$inferSelect;

export function twoStepRepo(db: HubDb) {
  return {
    /** The database file (for the key file kept beside it); ':memory:' or '' when there is none. */
    databaseFile: (): string => db.all<{ name: string; file: string }>(sql`PRAGMA database_list`).find((row) => row.name === 'main')?.file ?? '',

    secretOf: (personId: string): TwoStepSecretRow | undefined => db.select().from(twoStepSecrets).where(eq(twoStepSecrets.personId, personId)).get(),
    /** Whether the person has the second step on (a confirmed secret). */
    isEnabled: (personId: string): boolean =>
      db
        .select({ personId: twoStepSecrets.personId })
        .from(twoStepSecrets)
        .where(and(eq(twoStepSecrets.personId, personId), sql`${twoStepSecrets.confirmedAt} IS NOT NULL`))
        .get() !== undefined,
    /** A new, unconfirmed secret in place of any unconfirmed one (a confirmed one is never replaced here). */
    startEnrolment: (personId: string, encryptedSecret: string, at: number): void =>
      void db
        .insert(twoStepSecrets)
        .values({ personId, encryptedSecret, createdAt: at, confirmedAt: null, lastUsedStep: null })
        .onConflictDoUpdate({ target: twoStepSecrets.personId, set: { encryptedSecret, createdAt: at, confirmedAt: null, lastUsedStep: null } })
        .run(),
    /** The first code was right (its step is already taken): the second step is on. */
    confirm: (personId: string, at: number): void => void db.update(twoStepSecrets).set({ confirmedAt: at }).where(eq(twoStepSecrets.personId, personId)).run(),
    /**
     * Takes a time step as used, only if it is newer than the last one taken;
     * false when it is not (the code was used already): two requests racing
     * with the same code cannot both pass.
     */
    takeStep: (personId: string, step: number): boolean =>
      db
        .update(twoStepSecrets)
        .set({ lastUsedStep: step })
        .where(and(eq(twoStepSecrets.personId, personId), sql`coalesce(${twoStepSecrets.lastUsedStep}, -1) < ${step}`))
        .run().changes === 1,
    /** Removes the secret, the recovery codes and any sign-in waiting for a code. */
    removeAll: (personId: string): void => {
      db.delete(twoStepRecoveryCodes).where(eq(twoStepRecoveryCodes.personId, personId)).run();
      db.delete(twoStepPendingSignIns).where(eq(twoStepPendingSignIns.personId, personId)).run();
      db.delete(twoStepSecrets).where(eq(twoStepSecrets.personId, personId)).run();
    },

    replaceRecoveryCodes: (personId: string, codeHashes: readonly string[], at: number): void => {
      db.delete(twoStepRecoveryCodes).where(eq(twoStepRecoveryCodes.personId, personId)).run();
      if (codeHashes.length > 0) db.insert(twoStepRecoveryCodes).values(codeHashes.map((codeHash) => ({ codeHash, personId, createdAt: at, usedAt: null }))).run();
    },
    /** Uses a recovery code once: true when it was the person's and unused. */
    useRecoveryCode: (personId: string, codeHash: string, at: number): boolean =>
      db
        .update(twoStepRecoveryCodes)
        .set({ usedAt: at })
        .where(and(eq(twoStepRecoveryCodes.codeHash, codeHash), eq(twoStepRecoveryCodes.personId, personId), isNull(twoStepRecoveryCodes.usedAt)))
        .run().changes === 1,
    recoveryCodesLeft: (personId: string): number =>
      db
        .select({ left: count() })
        .from(twoStepRecoveryCodes)
        .where(and(eq(twoStepRecoveryCodes.personId, personId), isNull(twoStepRecoveryCodes.usedAt)))
        .get()?.left ?? 0,

    insertPending: (row: TwoStepPendingRow): void => void db.insert(twoStepPendingSignIns).values(row).run(),
    pending: (tokenHash: string, now: number): TwoStepPendingRow | undefined =>
      db
        .select()
        .from(twoStepPendingSignIns)
        .where(and(eq(twoStepPendingSignIns.tokenHash, tokenHash), sql`${twoStepPendingSignIns.expiresAt} > ${now}`))
        .get(),
    deletePending: (tokenHash: string): void => void db.delete(twoStepPendingSignIns).where(eq(twoStepPendingSignIns.tokenHash, tokenHash)).run(),
    deleteExpiredPending: (now: number): void => void db.delete(twoStepPendingSignIns).where(lte(twoStepPendingSignIns.expiresAt, now)).run(),

    /** Marks a session as having passed the second step. */
    markSession: (tokenHash: string, at: number): void => void db.update(sessions).set({ secondStepAt: at }).where(eq(sessions.tokenHash, tokenHash)).run(),
    /** No session of the person counts as having passed the second step any more (it was turned off or reset). */
    unmarkSessionsOf: (personId: string): void => void db.update(sessions).set({ secondStepAt: null }).where(eq(sessions.personId, personId)).run(),

    ruleOf: (workspaceId: string): WorkspaceTwoStepRuleRow | undefined =>
      db.select().from(workspaceTwoStepRules).where(eq(workspaceTwoStepRules.workspaceId, workspaceId)).get(),
    setRule: (row: WorkspaceTwoStepRuleRow): void =>
      void db
        .insert(workspaceTwoStepRules)
        .values(row)
        .onConflictDoUpdate({ target: workspaceTwoStepRules.workspaceId, set: { requiredAt: row.requiredAt, deadline: row.deadline, requiredByMemberId: row.requiredByMemberId } })
        .run(),
    clearRule: (workspaceId: string): void => void db.delete(workspaceTwoStepRules).where(eq(workspaceTwoStepRules.workspaceId, workspaceId)).run(),
  };
}
