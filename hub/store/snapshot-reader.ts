// The reads a streamed snapshot needs, on a read connection of its own
// (read-connections.ts), as cursors: rows come from SQLite as they are
// consumed, so a workspace of 100,000 members is never held in memory at once.
// Raw prepared statements, not the query builder: these run once per row of
// the largest lists the hub has (bench/README.md, first sync).
import type Database from 'better-sqlite3';
import type { NotificationPreferences } from '../../shared/domain';
import type { ContactRow } from './repos/contacts';
import type { MemberRow, MemberWithPerson } from './repos/members';
import { withPerson } from './repos/members';
import type { TeamRow } from './repos/teams';
import type { OrganizationRow, WorkspaceRow } from './repos/workspaces';

/** A contact with the team of its assignee (R5's "assigned to their team"), read in the same row. */
export type ContactWithAssigneeTeam = ContactRow & { assigneeTeamId: string | null };

export interface MemberPresenceRow {
  id: string;
  lastSeenAt: number | null;
}

/** What a snapshot reads, all within one read transaction of the caller's. */
export interface SnapshotReader {
  workspace(id: string): WorkspaceRow | undefined;
  organization(id: string): OrganizationRow | undefined;
  member(id: string): MemberWithPerson | undefined;
  preferences(memberId: string): NotificationPreferences | undefined;
  memberCount(workspaceId: string): number;
  teamCount(workspaceId: string): number;
  contactCount(workspaceId: string): number;
  /** Cursors: a better-sqlite3 connection runs nothing else until one is finished or returned. */
  members(workspaceId: string): IterableIterator<MemberWithPerson>;
  teams(workspaceId: string): IterableIterator<TeamRow>;
  contacts(workspaceId: string): IterableIterator<ContactWithAssigneeTeam>;
  lastSeen(workspaceId: string): IterableIterator<MemberPresenceRow>;
}

const MEMBER_COLUMNS = `m.id, m.workspace_id AS workspaceId, m.person_id AS personId, m.level, m.restrictions, m.status, m.team_id AS teamId,
  m.invited_at AS invitedAt, m.invited_by AS invitedBy, m.joined_at AS joinedAt, m.last_seen_at AS lastSeenAt, m.version,
  m.access_until AS accessUntil, m.access_heir_member_id AS accessHeirMemberId, m.access_warned_for AS accessWarnedFor, m.access_end_held_for AS accessEndHeldFor,
  p.email, p.display_name AS displayName, p.avatar_data_url AS avatarDataUrl`;

type StoredMember = Omit<MemberRow, 'restrictions'> & { restrictions: string; email: string; displayName: string; avatarDataUrl: string | null };

function memberFrom(row: StoredMember): MemberWithPerson {
  const { email, displayName, avatarDataUrl, restrictions, ...member } = row;
  return withPerson({ ...member, restrictions: JSON.parse(restrictions) as MemberRow['restrictions'] }, { email, displayName, avatarDataUrl });
}

/**
 * Opens the statement's cursor only when the first row is asked for, so a
 * cursor made and never read holds nothing; leaving the loop early (the
 * socket closed) returns it, which ends the statement.
 */
function* cursor<R, T = R>(open: () => IterableIterator<unknown>, map?: (row: R) => T): IterableIterator<T> {
  for (const row of open()) yield map ? map(row as R) : (row as T);
}

export function snapshotReader(sqlite: Database.Database): SnapshotReader {
  const statements = {
    workspace: sqlite.prepare('SELECT id, organization_id AS organizationId, name, plan, seq, created_at AS createdAt, access_end_warning_days AS accessEndWarningDays FROM workspaces WHERE id = ?'),
    organization: sqlite.prepare('SELECT id, name, created_at AS createdAt FROM organizations WHERE id = ?'),
    member: sqlite.prepare(`SELECT ${MEMBER_COLUMNS} FROM members m JOIN people p ON p.id = m.person_id WHERE m.id = ?`),
    preferences: sqlite.prepare('SELECT preferences FROM notification_preferences WHERE member_id = ?').pluck(),
    memberCount: sqlite.prepare('SELECT count(*) FROM members m JOIN people p ON p.id = m.person_id WHERE m.workspace_id = ?').pluck(),
    teamCount: sqlite.prepare('SELECT count(*) FROM teams WHERE workspace_id = ?').pluck(),
    contactCount: sqlite.prepare('SELECT count(*) FROM contacts WHERE workspace_id = ?').pluck(),
    members: sqlite.prepare(`SELECT ${MEMBER_COLUMNS} FROM members m JOIN people p ON p.id = m.person_id WHERE m.workspace_id = ?`),
    teams: sqlite.prepare('SELECT id, workspace_id AS workspaceId, name, created_at AS createdAt FROM teams WHERE workspace_id = ? ORDER BY name'),
    // The assignee's team comes in the same row: the connection cannot look it up while this cursor is open.
    contacts: sqlite.prepare(
      `SELECT c.id, c.workspace_id AS workspaceId, c.name, c.phone, c.email, c.assignee_id AS assigneeId, c.team_id AS teamId,
        c.created_at AS createdAt, c.updated_at AS updatedAt, a.team_id AS assigneeTeamId
       FROM contacts c LEFT JOIN members a ON a.id = c.assignee_id AND a.workspace_id = c.workspace_id
       WHERE c.workspace_id = ?`,
    ),
    lastSeen: sqlite.prepare('SELECT id, last_seen_at AS lastSeenAt FROM members WHERE workspace_id = ?'),
  };
  return {
    workspace: (id) => statements.workspace.get(id) as WorkspaceRow | undefined,
    organization: (id) => statements.organization.get(id) as OrganizationRow | undefined,
    member: (id) => {
      const row = statements.member.get(id) as StoredMember | undefined;
      return row && memberFrom(row);
    },
    preferences: (memberId) => {
      const stored = statements.preferences.get(memberId) as string | undefined;
      return stored === undefined ? undefined : (JSON.parse(stored) as NotificationPreferences);
    },
    memberCount: (workspaceId) => statements.memberCount.get(workspaceId) as number,
    teamCount: (workspaceId) => statements.teamCount.get(workspaceId) as number,
    contactCount: (workspaceId) => statements.contactCount.get(workspaceId) as number,
    members: (workspaceId) => cursor<StoredMember, MemberWithPerson>(() => statements.members.iterate(workspaceId), memberFrom),
    teams: (workspaceId) => cursor<TeamRow>(() => statements.teams.iterate(workspaceId)),
    contacts: (workspaceId) => cursor<ContactWithAssigneeTeam>(() => statements.contacts.iterate(workspaceId)),
    lastSeen: (workspaceId) => cursor<MemberPresenceRow>(() => statements.lastSeen.iterate(workspaceId)),
  };
}
