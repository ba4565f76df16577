// The reads a streamed snapshot needs, inside one read transaction of its own
// (read-connections.ts on SQLite, postgres-read-connections.ts on PostgreSQL).
// Every method returns a promise, as PostgreSQL answers over a socket; lists
// come in batches from a cursor as they are consumed, so a workspace of
// 100,000 members is never held in memory at once. This file also holds the
// SQLite reader: raw prepared statements, not the query builder, since these
// run once per row of the largest lists the hub has (bench/README.md, first
// sync), and a batch of rows per await keeps the synchronous iterator's speed.
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

/** A list read from a cursor, a batch of rows at a time. Leaving the loop early ends the cursor. */
export type RowBatches<Row> = AsyncIterable<readonly Row[]>;

/** How many rows a cursor hands over per batch: enough that the await per batch costs nothing per row. */
export const SNAPSHOT_BATCH_ROWS = 256;

/** What a snapshot reads, all within one read transaction of the caller's. */
export interface SnapshotReader {
  workspace(id: string): Promise<WorkspaceRow | undefined>;
  organization(id: string): Promise<OrganizationRow | undefined>;
  member(id: string): Promise<MemberWithPerson | undefined>;
  preferences(memberId: string): Promise<NotificationPreferences | undefined>;
  memberCount(workspaceId: string): Promise<number>;
  teamCount(workspaceId: string): Promise<number>;
  contactCount(workspaceId: string): Promise<number>;
  /** Cursors: the read transaction's connection runs nothing else until one is finished or left. */
  members(workspaceId: string): RowBatches<MemberWithPerson>;
  teams(workspaceId: string): RowBatches<TeamRow>;
  contacts(workspaceId: string): RowBatches<ContactWithAssigneeTeam>;
  lastSeen(workspaceId: string): RowBatches<MemberPresenceRow>;
}

/** A snapshot's read transactions: SQLite's read connections or PostgreSQL's read pool. */
export interface SnapshotReads {
  /**
   * Runs `read` inside one read transaction on a connection no one else uses
   * meanwhile: every statement it runs sees the store as it was at its first
   * read, whatever is committed in between (`read` may await).
   */
  withReadTransaction<T>(read: (reader: SnapshotReader) => Promise<T>): Promise<T>;
  /** Connections lent out now (tests and metrics). */
  readonly busyCount: number;
  /** Closes the idle connections now, the borrowed ones as they come back; readers still waiting are refused. */
  close(): Promise<void>;
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
 * Opens the statement's cursor only when the first batch is asked for, so a
 * cursor made and never read holds nothing; leaving the loop early (the
 * socket closed) returns the generator, whose for...of returns the
 * statement's iterator, which ends the statement.
 */
async function* batchesOf<R, T = R>(open: () => IterableIterator<unknown>, map?: (row: R) => T): AsyncGenerator<readonly T[]> {
  let batch: T[] = [];
  for (const row of open()) {
    batch.push(map ? map(row as R) : (row as T));
    if (batch.length === SNAPSHOT_BATCH_ROWS) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length > 0) yield batch;
}

export function sqliteSnapshotReader(sqlite: Database.Database): SnapshotReader {
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
  // better-sqlite3 answers synchronously; the promises only give both stores' readers one shape.
  return {
    workspace: (id) => Promise.resolve(statements.workspace.get(id) as WorkspaceRow | undefined),
    organization: (id) => Promise.resolve(statements.organization.get(id) as OrganizationRow | undefined),
    member: (id) => {
      const row = statements.member.get(id) as StoredMember | undefined;
      return Promise.resolve(row && memberFrom(row));
    },
    preferences: (memberId) => {
      const stored = statements.preferences.get(memberId) as string | undefined;
      return Promise.resolve(stored === undefined ? undefined : (JSON.parse(stored) as NotificationPreferences));
    },
    memberCount: (workspaceId) => Promise.resolve(statements.memberCount.get(workspaceId) as number),
    teamCount: (workspaceId) => Promise.resolve(statements.teamCount.get(workspaceId) as number),
    contactCount: (workspaceId) => Promise.resolve(statements.contactCount.get(workspaceId) as number),
    members: (workspaceId) => batchesOf<StoredMember, MemberWithPerson>(() => statements.members.iterate(workspaceId), memberFrom),
    teams: (workspaceId) => batchesOf<TeamRow>(() => statements.teams.iterate(workspaceId)),
    contacts: (workspaceId) => batchesOf<ContactWithAssigneeTeam>(() => statements.contacts.iterate(workspaceId)),
    lastSeen: (workspaceId) => batchesOf<MemberPresenceRow>(() => statements.lastSeen.iterate(workspaceId)),
  };
}
