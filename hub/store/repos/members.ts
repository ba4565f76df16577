// Members of workspaces, joined with their person for name, email and avatar.
// Until a member accepts, the workspace knows them only by the invited
// address: the person's name and avatar (perhaps of an account in another
// organization) stay out of every snapshot, change, reply, export and audit
// entry, so inviting an address never tells the inviter who has an account.
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { HubDb } from '../database';
import { members, organizations, people, workspaces } from '../schema';

export type MemberRow = typeof members.$inferSelect;
export type MemberWithPerson = MemberRow & { email: string; displayName: string; avatarDataUrl: string | null };
/** SQLite limits how many values one statement may bind. */
const ID_CHUNK = 500;

export type MemberChanges = Partial<Pick<MemberRow, 'level' | 'restrictions' | 'status' | 'teamId' | 'joinedAt' | 'invitedAt'>>;

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
    insert: (row: MemberRow): void => void db.insert(members).values(row).run(),
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
