// Issue 14.1: a streamed snapshot's reads on PostgreSQL, on one client inside
// one REPEATABLE READ transaction (postgres-read-connections.ts). Lists are
// read with pg-cursor a batch at a time, so the hub holds one batch of a
// workspace, never the whole of it. The SQL is the SQLite reader's
// (snapshot-reader.ts) with PostgreSQL's types: 64-bit times and counts come
// back from node-postgres as text, so they are cast to float8 and int here
// (exact up to 2^53, as drizzle's bigint "number" mode reads them), and the
// jsonb columns arrive parsed.
import type { NotificationPreferences } from '../../shared/domain';
import type pg from 'pg';
import Cursor from 'pg-cursor';
import type { MemberRow, MemberWithPerson } from './repos/members';
import { withPerson } from './repos/members';
import type { TeamRow } from './repos/teams';
import type { OrganizationRow, WorkspaceRow } from './repos/workspaces';
import type { ContactWithAssigneeTeam, MemberPresenceRow, RowBatches, SnapshotReader } from './snapshot-reader';
import { SNAPSHOT_BATCH_ROWS } from './snapshot-reader';

const MEMBER_COLUMNS = `m.id, m.workspace_id AS "workspaceId", m.person_id AS "personId", m.level, m.restrictions, m.status, m.team_id AS "teamId",
  m.invited_at::float8 AS "invitedAt", m.invited_by AS "invitedBy", m.joined_at::float8 AS "joinedAt", m.last_seen_at::float8 AS "lastSeenAt", m.version,
  m.access_until::float8 AS "accessUntil", m.access_heir_member_id AS "accessHeirMemberId", m.access_warned_for::float8 AS "accessWarnedFor",
  m.access_end_held_for::float8 AS "accessEndHeldFor", p.email, p.display_name AS "displayName", p.avatar_data_url AS "avatarDataUrl"`;

const SQL = {
  workspace: `SELECT id, organization_id AS "organizationId", name, plan, seq::float8 AS seq, created_at::float8 AS "createdAt",
    access_end_warning_days AS "accessEndWarningDays" FROM workspaces WHERE id = $1`,
  organization: 'SELECT id, name, created_at::float8 AS "createdAt" FROM organizations WHERE id = $1',
  member: `SELECT ${MEMBER_COLUMNS} FROM members m JOIN people p ON p.id = m.person_id WHERE m.id = $1`,
  preferences: 'SELECT preferences FROM notification_preferences WHERE member_id = $1',
  memberCount: 'SELECT count(*)::int AS count FROM members m JOIN people p ON p.id = m.person_id WHERE m.workspace_id = $1',
  teamCount: 'SELECT count(*)::int AS count FROM teams WHERE workspace_id = $1',
  contactCount: 'SELECT count(*)::int AS count FROM contacts WHERE workspace_id = $1',
  members: `SELECT ${MEMBER_COLUMNS} FROM members m JOIN people p ON p.id = m.person_id WHERE m.workspace_id = $1`,
  teams: 'SELECT id, workspace_id AS "workspaceId", name, created_at::float8 AS "createdAt" FROM teams WHERE workspace_id = $1 ORDER BY name',
  // The assignee's team comes in the same row: the client runs nothing else while this cursor is open.
  contacts: `SELECT c.id, c.workspace_id AS "workspaceId", c.name, c.phone, c.email, c.assignee_id AS "assigneeId", c.team_id AS "teamId",
      c.created_at::float8 AS "createdAt", c.updated_at::float8 AS "updatedAt", a.team_id AS "assigneeTeamId"
    FROM contacts c LEFT JOIN members a ON a.id = c.assignee_id AND a.workspace_id = c.workspace_id
    WHERE c.workspace_id = $1`,
  lastSeen: 'SELECT id, last_seen_at::float8 AS "lastSeenAt" FROM members WHERE workspace_id = $1',
} as const;

type StoredMember = MemberRow & { email: string; displayName: string; avatarDataUrl: string | null };

function memberFrom(row: StoredMember): MemberWithPerson {
  const { email, displayName, avatarDataUrl, ...member } = row;
  return withPerson(member, { email, displayName, avatarDataUrl });
}

/**
 * Opens the cursor only when the first batch is asked for; leaving the loop
 * early (the socket closed) closes it, so the client is free for the next
 * statement of the transaction.
 */
async function* cursorBatches<R, T = R>(client: pg.PoolClient, text: string, workspaceId: string, map?: (row: R) => T): AsyncGenerator<readonly T[]> {
  const cursor = client.query(new Cursor<R & pg.QueryResultRow>(text, [workspaceId]));
  try {
    for (;;) {
      const rows = await cursor.read(SNAPSHOT_BATCH_ROWS);
      if (rows.length === 0) return;
      yield map ? rows.map(map) : (rows as unknown as T[]);
    }
  } finally {
    await cursor.close();
  }
}

export function postgresSnapshotReader(client: pg.PoolClient): SnapshotReader {
  async function one<Row extends pg.QueryResultRow>(text: string, id: string): Promise<Row | undefined> {
    return (await client.query<Row>(text, [id])).rows[0];
  }
  async function count(text: string, workspaceId: string): Promise<number> {
    return (await one<{ count: number }>(text, workspaceId))?.count ?? 0;
  }
  return {
    workspace: (id) => one<WorkspaceRow>(SQL.workspace, id),
    organization: (id) => one<OrganizationRow>(SQL.organization, id),
    member: async (id) => {
      const row = await one<StoredMember>(SQL.member, id);
      return row && memberFrom(row);
    },
    preferences: async (memberId) => (await one<{ preferences: NotificationPreferences }>(SQL.preferences, memberId))?.preferences,
    memberCount: (workspaceId) => count(SQL.memberCount, workspaceId),
    teamCount: (workspaceId) => count(SQL.teamCount, workspaceId),
    contactCount: (workspaceId) => count(SQL.contactCount, workspaceId),
    members: (workspaceId): RowBatches<MemberWithPerson> => cursorBatches<StoredMember, MemberWithPerson>(client, SQL.members, workspaceId, memberFrom),
    teams: (workspaceId): RowBatches<TeamRow> => cursorBatches<TeamRow>(client, SQL.teams, workspaceId),
    contacts: (workspaceId): RowBatches<ContactWithAssigneeTeam> => cursorBatches<ContactWithAssigneeTeam>(client, SQL.contacts, workspaceId),
    lastSeen: (workspaceId): RowBatches<MemberPresenceRow> => cursorBatches<MemberPresenceRow>(client, SQL.lastSeen, workspaceId),
  };
}
