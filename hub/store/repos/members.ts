// Members of workspaces, joined with their person for name, email and avatar.
// Until a member accepts, the workspace knows them only by the invited
// address: the person's name and avatar (perhaps of an account in another
// organization) stay out of every snapshot, change, reply, export and audit
// entry, so inviting an address never tells the inviter who has an account.
import { and, eq, gt, inArray, isNotNull, isNull, lte, sql } from 'drizzle-orm';
import type { HubDb } from '../database';
import { endedAccesses, members, organizations, people, workspaces } from '../schema';

export type MemberRow = typeof members.$inferSelect;
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
/** When the workspace's warning for a member falls (only meaningful when its days are above 0). */
const warningMoment = sql<number>`${members.accessUntil} - ${workspaces.accessEndWarningDays} * ${DAY_MS}`;
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

/** A member with what the workspace may know of its person: only the invited address while pending. */
export function withPerson(member: MemberRow, person: { email: string; displayName: string; avatarDataUrl: string | null }): MemberWithPerson {
  if (member.status === 'pending') return { ...member, email: person.email, displayName: person.email, avatarDataUrl: null };
  return { ...member, email: person.email, displayName: person.displayName, avatarDataUrl: person.avatarDataUrl };
}

const flatten = (row: { member: MemberRow; email: string; displayName: string; avatarDataUrl: string | null }): MemberWithPerson => withPerson(row.member, row);

export function membersRepo(db: HubDb) {
  const joined = () => db.select(joinedColumns).from(members).innerJoin(people, eq(people.id, members.personId));
  return {
    byId: (id: string): MemberWithPerson | undefined => {
      const row = joined().where(eq(members.id, id)).get();
      return row && flatten(row);
    },
    inWorkspace: (workspaceId: string): MemberWithPerson[] =>
      joined().where(eq(members.workspaceId, workspaceId)).orderBy(members.invitedAt, members.id).all().map(flatten),
    byPerson: (workspaceId: string, personId: string): MemberRow | undefined =>
      db.select().from(members).where(and(eq(members.workspaceId, workspaceId), eq(members.personId, personId))).get(),
    idsOfPerson: (personId: string): Array<{ id: string; workspaceId: string }> =>
      db.select({ id: members.id, workspaceId: members.workspaceId }).from(members).where(eq(members.personId, personId)).all(),
    /** The workspaces a person is an active member of, for sign-in. */
    membershipsOf: (personId: string) =>
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
        .orderBy(workspaces.name)
        .all(),
    /** The pending memberships of a person, with where they lead, for their own list of invitations. */
    pendingOf: (personId: string) =>
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
        .orderBy(members.invitedAt, members.id)
        .all(),
    insert: (row: NewMemberRow): void => void db.insert(members).values(row).run(),
    /** Applies the changes and raises the version; returns the new version. */
    update: (id: string, changes: MemberChanges): number => {
      const row = db
        .update(members)
        .set({ ...changes, version: sql`${members.version} + 1` })
        .where(eq(members.id, id))
        .returning({ version: members.version })
        .get();
      if (!row) throw new Error(`Member ${id} does not exist`);
      return row.version;
    },
    delete: (id: string): void => void db.delete(members).where(eq(members.id, id)).run(),
    /** Every member of the workspace, pending ones included (a revoked member is deleted), counted on the workspace index. */
    countInWorkspace: (workspaceId: string): number =>
      db.select({ count: sql<number>`count(*)` }).from(members).where(eq(members.workspaceId, workspaceId)).get()?.count ?? 0,
    activeOwnerCount: (workspaceId: string): number =>
      db
        .select({ count: sql<number>`count(*)` })
        .from(members)
        .where(and(eq(members.workspaceId, workspaceId), eq(members.level, 'owner'), eq(members.status, 'active')))
        .get()?.count ?? 0,
    /** Issue 13.2: the active Owners and Managers of a workspace, who may be told about others' access (the policy says whom each may manage). */
    activeAdmins: (workspaceId: string): MemberWithPerson[] =>
      joined()
        .where(and(eq(members.workspaceId, workspaceId), eq(members.status, 'active'), inArray(members.level, ['owner', 'manager'])))
        .orderBy(members.id)
        .all()
        .map(flatten),
    /** V4 with issue 13.2: active Owners whose access has no end date. */
    openEndedOwnerCount: (workspaceId: string): number =>
      db
        .select({ count: sql<number>`count(*)` })
        .from(members)
        .where(and(eq(members.workspaceId, workspaceId), eq(members.level, 'owner'), eq(members.status, 'active'), isNull(members.accessUntil)))
        .get()?.count ?? 0,
    /**
     * Issue 13.2: members whose end (`ends`) or warning (`warnings`) is due at
     * `now`, across the hub, soonest end first. An end already held back for
     * that date, or a warning already sent for it, is not due again.
     */
    dueAccess: (now: number): { ends: DueAccess[]; warnings: DueAccess[] } => {
      const columns = { id: members.id, workspaceId: members.workspaceId, accessUntil: sql<number>`${members.accessUntil}` };
      const ends = db
        .select(columns)
        .from(members)
        .where(and(isNotNull(members.accessUntil), lte(members.accessUntil, now), endOwed))
        .orderBy(members.accessUntil, members.id)
        .all();
      const warnings = db
        .select(columns)
        .from(members)
        .innerJoin(workspaces, eq(workspaces.id, members.workspaceId))
        .where(and(isNotNull(members.accessUntil), gt(members.accessUntil, now), warningOwed, sql`${warningMoment} <= ${now}`))
        .orderBy(members.accessUntil, members.id)
        .all();
      return { ends, warnings };
    },
    /** Issue 13.2: the soonest moment an end or a warning is owed (at or before `now` when owed already; null: nothing stored). */
    nextAccessMoment: (now: number): number | null => {
      const end = db
        .select({ at: sql<number | null>`min(${members.accessUntil})` })
        .from(members)
        .where(and(isNotNull(members.accessUntil), endOwed))
        .get()?.at ?? null;
      const warning = db
        .select({ at: sql<number | null>`min(${warningMoment})` })
        .from(members)
        .innerJoin(workspaces, eq(workspaces.id, members.workspaceId))
        .where(and(isNotNull(members.accessUntil), gt(members.accessUntil, now), warningOwed))
        .get()?.at ?? null;
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
    claimWarning: (id: string, accessUntil: number): boolean =>
      db
        .update(members)
        .set({ accessWarnedFor: accessUntil })
        .where(and(eq(members.id, id), eq(members.accessUntil, accessUntil), sql`(${members.accessWarnedFor} IS NULL OR ${members.accessWarnedFor} <> ${accessUntil})`))
        .run().changes === 1,
    /** The end's claim is the deletion of the membership itself (V1), only while its end date is still the one that came. */
    claimEnd: (id: string, accessUntil: number, now: number): boolean =>
      db
        .delete(members)
        .where(and(eq(members.id, id), eq(members.accessUntil, accessUntil), lte(members.accessUntil, now)))
        .run().changes === 1,
    claimEndHeld: (id: string, accessUntil: number): boolean =>
      db
        .update(members)
        .set({ accessEndHeldFor: accessUntil })
        .where(and(eq(members.id, id), eq(members.accessUntil, accessUntil), endOwed))
        .run().changes === 1,
    /** Issue 13.2: remembers why a person's access ended, for their desktop's next connection. */
    recordEndedAccess: (row: typeof endedAccesses.$inferSelect): void =>
      void db
        .insert(endedAccesses)
        .values(row)
        .onConflictDoUpdate({ target: [endedAccesses.workspaceId, endedAccesses.personId], set: { accessUntil: row.accessUntil, endedAt: row.endedAt } })
        .run(),
    endedAccessOf: (workspaceId: string, personId: string): { accessUntil: number; endedAt: number } | undefined =>
      db
        .select({ accessUntil: endedAccesses.accessUntil, endedAt: endedAccesses.endedAt })
        .from(endedAccesses)
        .where(and(eq(endedAccesses.workspaceId, workspaceId), eq(endedAccesses.personId, personId)))
        .get(),
    forgetEndedAccess: (workspaceId: string, personId: string): void =>
      void db.delete(endedAccesses).where(and(eq(endedAccesses.workspaceId, workspaceId), eq(endedAccesses.personId, personId))).run(),
    /** R5's "assigned to their team": the team of one member of the workspace, read by id (null for none, or not in it). */
    teamOf: (workspaceId: string, memberId: string): string | null =>
      db
        .select({ teamId: members.teamId })
        .from(members)
        .where(and(eq(members.id, memberId), eq(members.workspaceId, workspaceId)))
        .get()?.teamId ?? null,
    /** Which of these ids are members of the workspace, read by id in chunks (never the whole list). */
    existingIds: (workspaceId: string, ids: readonly string[]): Set<string> => {
      const found = new Set<string>();
      for (let start = 0; start < ids.length; start += ID_CHUNK) {
        const chunk = ids.slice(start, start + ID_CHUNK);
        const rows = db.select({ id: members.id }).from(members).where(and(inArray(members.id, chunk), eq(members.workspaceId, workspaceId))).all();
        for (const row of rows) found.add(row.id);
      }
      return found;
    },
    inTeam: (teamId: string): string[] =>
      db.select({ id: members.id }).from(members).where(eq(members.teamId, teamId)).all().map((row) => row.id),
    clearTeam: (teamId: string): void =>
      void db.update(members).set({ teamId: null, version: sql`${members.version} + 1` }).where(eq(members.teamId, teamId)).run(),
    /** Just what presence needs, without the join: ids and last seen. */
    lastSeenInWorkspace: (workspaceId: string): Array<{ id: string; lastSeenAt: number | null }> =>
      db.select({ id: members.id, lastSeenAt: members.lastSeenAt }).from(members).where(eq(members.workspaceId, workspaceId)).all(),
    setLastSeen: (id: string, at: number): void => void db.update(members).set({ lastSeenAt: at }).where(eq(members.id, id)).run(),
  };
}
