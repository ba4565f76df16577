// Members of workspaces, joined with their person for name, email and avatar.
// Until a member accepts, the workspace knows them only by the invited
// address: the person's name and avatar (perhaps of an account in another
// organization) stay out of every snapshot, change, reply, export and audit
// entry, so inviting an address never tells the inviter who has an account.
import { and, count, eq, gt, inArray, isNotNull, isNull, lte, min, sql } from 'drizzle-orm';
import type { HubDb } from '../database';
import type { endedAccesses as endedAccessesTable, members as membersTable } from '../schema';
import type { Dialect, HubTables } from './dialect';
import { sqliteDialect, sqliteTables } from './dialect';

export type MemberRow = typeof membersTable.$inferSelect;
type AccessEndColumns = 'accessUntil' | 'accessHeirMemberId' | 'accessWarnedFor' | 'accessEndHeldFor';
/** A new member: without an end date unless one is given (issue 13.2). */
export type NewMemberRow = Omit<MemberRow, AccessEndColumns> & Partial<Pick<MemberRow, AccessEndColumns>>;

/** Issue 13.2: a member whose end date asks for work now: a warning, or the end itself. */
export interface DueAccess {
  id: string;
  workspaceId: string;
  accessUntil: number;
}
export type MemberWithPerson = MemberRow & { email: string; displayName: string; avatarDataUrl: string | null };
/** SQLite limits how many values one statement may bind. */
const ID_CHUNK = 500;

export type MemberChanges = Partial<Pick<MemberRow, 'level' | 'restrictions' | 'status' | 'teamId' | 'joinedAt' | 'invitedAt' | 'accessUntil' | 'accessHeirMemberId'>>;

const DAY_MS = 24 * 60 * 60 * 1000;

/** A member with what the workspace may know of its person: only the invited address while pending. */
export function withPerson(member: MemberRow, person: { email: string; displayName: string; avatarDataUrl: string | null }): MemberWithPerson {
  if (member.status === 'pending') return { ...member, email: person.email, displayName: person.email, avatarDataUrl: null };
  return { ...member, email: person.email, displayName: person.displayName, avatarDataUrl: person.avatarDataUrl };
}

const flatten = (row: { member: MemberRow; email: string; displayName: string; avatarDataUrl: string | null }): MemberWithPerson => withPerson(row.member, row);

export function membersRepo(db: HubDb, tables: HubTables = sqliteTables, _dialect: Dialect = sqliteDialect(db)) {
  const { endedAccesses, members, organizations, people, workspaces } = tables;
  /**
   * When the workspace's warning for a member falls (only meaningful when its
   * days are above 0). The days are multiplied as a 64-bit number: on
   * PostgreSQL an integer times an integer overflows past 24 days.
   */
  const warningMoment = sql<number>`${members.accessUntil} - ${workspaces.accessEndWarningDays} * CAST(${DAY_MS} AS BIGINT)`;
  /** A warning not yet sent for the current end date, in a workspace that warns. */
  const warningOwed = sql`${workspaces.accessEndWarningDays} > 0 AND (${members.accessWarnedFor} IS NULL OR ${members.accessWarnedFor} <> ${members.accessUntil})`;
  /** An end not yet held back for the current end date (V4). */
  const endOwed = sql`(${members.accessEndHeldFor} IS NULL OR ${members.accessEndHeldFor} <> ${members.accessUntil})`;
  const joinedColumns = {
    member: members,
    email: people.email,
    displayName: people.displayName,
    avatarDataUrl: people.avatarDataUrl,
  };
  const joined = () => db.select(joinedColumns).from(members).innerJoin(people, eq(people.id, members.personId));
  return {
    byId: async (id: string): Promise<MemberWithPerson | undefined> => {
      const [row] = await joined().where(eq(members.id, id)).limit(1);
      return row && flatten(row);
    },
    inWorkspace: async (workspaceId: string): Promise<MemberWithPerson[]> =>
      (await joined().where(eq(members.workspaceId, workspaceId)).orderBy(members.invitedAt, members.id)).map(flatten),
    byPerson: async (workspaceId: string, personId: string): Promise<MemberRow | undefined> =>
      (await db.select().from(members).where(and(eq(members.workspaceId, workspaceId), eq(members.personId, personId))).limit(1))[0],
    idsOfPerson: async (personId: string): Promise<Array<{ id: string; workspaceId: string }>> =>
      db.select({ id: members.id, workspaceId: members.workspaceId }).from(members).where(eq(members.personId, personId)),
    /** The workspaces a person is an active member of, for sign-in. */
    membershipsOf: async (personId: string) =>
      db
        .select({
          workspaceId: workspaces.id,
          workspaceName: workspaces.name,
          organizationName: organizations.name,
          memberId: members.id,
          level: members.level,
        })
        .from(members)
        .innerJoin(workspaces, eq(workspaces.id, members.workspaceId))
        .innerJoin(organizations, eq(organizations.id, workspaces.organizationId))
        .where(and(eq(members.personId, personId), eq(members.status, 'active')))
        .orderBy(workspaces.name),
    /** The pending memberships of a person, with where they lead, for their own list of invitations. */
    pendingOf: async (personId: string) =>
      db
        .select({
          memberId: members.id,
          workspaceId: workspaces.id,
          workspaceName: workspaces.name,
          organizationName: organizations.name,
          level: members.level,
        })
        .from(members)
        .innerJoin(workspaces, eq(workspaces.id, members.workspaceId))
        .innerJoin(organizations, eq(organizations.id, workspaces.organizationId))
        .where(and(eq(members.personId, personId), eq(members.status, 'pending')))
        .orderBy(members.invitedAt, members.id),
    insert: async (row: NewMemberRow): Promise<void> => {
      await db.insert(members).values(row);
    },
    /** Applies the changes and raises the version; returns the new version. */
    update: async (id: string, changes: MemberChanges): Promise<number> => {
      const [row] = await db
        .update(members)
        .set({ ...changes, version: sql`${members.version} + 1` })
        .where(eq(members.id, id))
        .returning({ version: members.version });
      if (!row) throw new Error(`Member ${id} does not exist`);
      return row.version;
    },
    delete: async (id: string): Promise<void> => {
      await db.delete(members).where(eq(members.id, id));
    },
    /** Every member of the workspace, pending ones included (a revoked member is deleted), counted on the workspace index. */
    countInWorkspace: async (workspaceId: string): Promise<number> =>
      (await db.select({ count: count() }).from(members).where(eq(members.workspaceId, workspaceId)))[0]?.count ?? 0,
    activeOwnerCount: async (workspaceId: string): Promise<number> =>
      (
        await db
          .select({ count: count() })
          .from(members)
          .where(and(eq(members.workspaceId, workspaceId), eq(members.level, 'owner'), eq(members.status, 'active')))
      )[0]?.count ?? 0,
    /** Issue 13.2: the active Owners and Managers of a workspace, who may be told about others' access (the policy says whom each may manage). */
    activeAdmins: async (workspaceId: string): Promise<MemberWithPerson[]> =>
      (
        await joined()
          .where(and(eq(members.workspaceId, workspaceId), eq(members.status, 'active'), inArray(members.level, ['owner', 'manager'])))
          .orderBy(members.id)
      ).map(flatten),
    /** V4 with issue 13.2: active Owners whose access has no end date. */
    openEndedOwnerCount: async (workspaceId: string): Promise<number> =>
      (
        await db
          .select({ count: count() })
          .from(members)
          .where(and(eq(members.workspaceId, workspaceId), eq(members.level, 'owner'), eq(members.status, 'active'), isNull(members.accessUntil)))
      )[0]?.count ?? 0,
    /**
     * Issue 13.2: members whose end (`ends`) or warning (`warnings`) is due at
     * `now`, across the hub, soonest end first. An end already held back for
     * that date, or a warning already sent for it, is not due again.
     */
    dueAccess: async (now: number): Promise<{ ends: DueAccess[]; warnings: DueAccess[] }> => {
      // Not null here (the WHERE says so): read through the column, so PostgreSQL's bigint comes back a number.
      const columns = { id: members.id, workspaceId: members.workspaceId, accessUntil: sql<number>`${members.accessUntil}`.mapWith(members.accessUntil) };
      const ends = await db
        .select(columns)
        .from(members)
        .where(and(isNotNull(members.accessUntil), lte(members.accessUntil, now), endOwed))
        .orderBy(members.accessUntil, members.id);
      const warnings = await db
        .select(columns)
        .from(members)
        .innerJoin(workspaces, eq(workspaces.id, members.workspaceId))
        .where(and(isNotNull(members.accessUntil), gt(members.accessUntil, now), warningOwed, sql`${warningMoment} <= ${now}`))
        .orderBy(members.accessUntil, members.id);
      return { ends, warnings };
    },
    /** Issue 13.2: the soonest moment an end or a warning is owed (at or before `now` when owed already; null: nothing stored). */
    nextAccessMoment: async (now: number): Promise<number | null> => {
      const end =
        (
          await db
            .select({ at: min(members.accessUntil) })
            .from(members)
            .where(and(isNotNull(members.accessUntil), endOwed))
        )[0]?.at ?? null;
      const warning =
        (
          await db
            .select({ at: min(warningMoment).mapWith(Number) })
            .from(members)
            .innerJoin(workspaces, eq(workspaces.id, members.workspaceId))
            .where(and(isNotNull(members.accessUntil), gt(members.accessUntil, now), warningOwed))
        )[0]?.at ?? null;
      const moments = [end, warning].filter((at): at is number => at !== null);
      return moments.length > 0 ? Math.min(...moments) : null;
    },
    /**
     * Issue 13.2: the claims of the due-work runner. Each is one conditional
     * UPDATE or DELETE that re-checks the row, so when several hubs share a
     * store only one of them changes it (true) and acts; the others see 0 rows
     * and leave it. On PostgreSQL the same statements take the row's lock and
     * re-evaluate their WHERE after a concurrent commit (READ COMMITTED), so
     * they keep this meaning there without SELECT ... FOR UPDATE.
     */
    claimWarning: async (id: string, accessUntil: number): Promise<boolean> =>
      (
        await db
          .update(members)
          .set({ accessWarnedFor: accessUntil })
          .where(and(eq(members.id, id), eq(members.accessUntil, accessUntil), sql`(${members.accessWarnedFor} IS NULL OR ${members.accessWarnedFor} <> ${accessUntil})`))
          .returning({ id: members.id })
      ).length === 1,
    /** The end's claim is the deletion of the membership itself (V1), only while its end date is still the one that came. */
    claimEnd: async (id: string, accessUntil: number, now: number): Promise<boolean> =>
      (
        await db
          .delete(members)
          .where(and(eq(members.id, id), eq(members.accessUntil, accessUntil), lte(members.accessUntil, now)))
          .returning({ id: members.id })
      ).length === 1,
    claimEndHeld: async (id: string, accessUntil: number): Promise<boolean> =>
      (
        await db
          .update(members)
          .set({ accessEndHeldFor: accessUntil })
          .where(and(eq(members.id, id), eq(members.accessUntil, accessUntil), endOwed))
          .returning({ id: members.id })
      ).length === 1,
    /** Issue 13.2: remembers why a person's access ended, for their desktop's next connection. */
    recordEndedAccess: async (row: typeof endedAccessesTable.$inferSelect): Promise<void> => {
      await db
        .insert(endedAccesses)
        .values(row)
        .onConflictDoUpdate({ target: [endedAccesses.workspaceId, endedAccesses.personId], set: { accessUntil: row.accessUntil, endedAt: row.endedAt } });
    },
    endedAccessOf: async (workspaceId: string, personId: string): Promise<{ accessUntil: number; endedAt: number } | undefined> =>
      (
        await db
          .select({ accessUntil: endedAccesses.accessUntil, endedAt: endedAccesses.endedAt })
          .from(endedAccesses)
          .where(and(eq(endedAccesses.workspaceId, workspaceId), eq(endedAccesses.personId, personId)))
          .limit(1)
      )[0],
    forgetEndedAccess: async (workspaceId: string, personId: string): Promise<void> => {
      await db.delete(endedAccesses).where(and(eq(endedAccesses.workspaceId, workspaceId), eq(endedAccesses.personId, personId)));
    },
    /** R5's "assigned to their team": the team of one member of the workspace, read by id (null for none, or not in it). */
    teamOf: async (workspaceId: string, memberId: string): Promise<string | null> =>
      (
        await db
          .select({ teamId: members.teamId })
          .from(members)
          .where(and(eq(members.id, memberId), eq(members.workspaceId, workspaceId)))
          .limit(1)
      )[0]?.teamId ?? null,
    /** Which of these ids are members of the workspace, read by id in chunks (never the whole list). */
    existingIds: async (workspaceId: string, ids: readonly string[]): Promise<Set<string>> => {
      const found = new Set<string>();
      for (let start = 0; start < ids.length; start += ID_CHUNK) {
        const chunk = ids.slice(start, start + ID_CHUNK);
        const rows = await db.select({ id: members.id }).from(members).where(and(inArray(members.id, chunk), eq(members.workspaceId, workspaceId)));
        for (const row of rows) found.add(row.id);
      }
      return found;
    },
    inTeam: async (teamId: string): Promise<string[]> =>
      (await db.select({ id: members.id }).from(members).where(eq(members.teamId, teamId))).map((row) => row.id),
    clearTeam: async (teamId: string): Promise<void> => {
      await db.update(members).set({ teamId: null, version: sql`${members.version} + 1` }).where(eq(members.teamId, teamId));
    },
    /** Just what presence needs, without the join: ids and last seen. */
    lastSeenInWorkspace: async (workspaceId: string): Promise<Array<{ id: string; lastSeenAt: number | null }>> =>
      db.select({ id: members.id, lastSeenAt: members.lastSeenAt }).from(members).where(eq(members.workspaceId, workspaceId)),
    setLastSeen: async (id: string, at: number): Promise<void> => {
      await db.update(members).set({ lastSeenAt: at }).where(eq(members.id, id));
    },
  };
}
