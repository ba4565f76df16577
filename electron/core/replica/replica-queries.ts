// The replica's answers to the list screens (issue 12): windowed queries
// over members, teams and contacts, the pickers, the workspace's summary and
// the rows of the member export, all from the local replica file.
//
// They run on a connection of their own, opened on the file the Replica has
// opened and migrated: in WAL mode it reads the last committed state while
// a streamed snapshot is still being written on another connection, an
// export can iterate without holding the Replica's connection, and catching
// the list fields up (a write) stays out of the sync code. No statement of
// this connection is left open between calls, so a revoke's wipe can always
// checkpoint the log.
import Database from 'better-sqlite3';
import type { ContactsQuery, ContactWindow, ListsChanged, MemberChoices, MemberListRow, MembersQuery, MemberWindow, TeamsQuery, TeamWindow, WorkspaceSummary } from '../../../shared/api/list-queries-contract';
import type { NotificationPreferences, Organization, Workspace } from '../../../shared/domain';
import type { SyncEvent } from '../sync/sync-client';
import { listsChangedBy } from './replica-queries-changes';
import { queryContacts } from './replica-queries-contacts';
import type { MemberPick } from './replica-queries-members';
import { membersByIds, pickMembers, queryMembers } from './replica-queries-members';
import { catchUpLists, forgetRemovedRows, isCaughtUp } from './replica-queries-catch-up';
import type { QueryTuning } from './replica-queries-sql';
import { DEFAULT_TUNING, Statements } from './replica-queries-sql';
import { queryTeams } from './replica-queries-teams';

/** The open workspace as the core sees it: which one, and whether presence counts (see replica-queries-members.ts). */
export interface OpenWorkspace {
  workspaceId: string;
  isPresenceLive: boolean;
  /** The clock "access ending soon" counts from; now when left out (see replica-queries-members.ts). */
  now?: number;
}

/**
 * One member as the export writes it, read from replica_member_fields (never
 * the whole JSON, which may hold an avatar), as the statement's raw values:
 * 100,000 of them are read per export, and objects would cost a third more.
 */
export type MemberExportRow = readonly [
  id: string,
  invitedAt: number,
  displayName: string,
  email: string,
  /** 0 Owner, 1 Manager, 2 Agent (schema.ts). */
  levelRank: number,
  isPending: number,
  teamId: string | null,
  /** The restrictions as JSON text. */
  restrictions: string,
  isOnline: number,
  lastSeenAt: number | null,
  joinedAt: number | null,
];

/** Where an export goes on from: the last member written, in the export's order (invited, then id). */
export interface ExportCursor {
  invitedAt: number;
  id: string;
}

const EXPORT_COLUMNS = "id, invited_at, display_name, email, level_rank, status = 'pending', team_id, restrictions, is_online, last_seen_at, joined_at FROM replica_member_fields";

interface WorkspaceRow {
  seq: number;
  syncedAt: number | null;
  organization: string;
  workspace: string;
  selfMemberId: string;
  preferences: string;
}

function isBusy(error: unknown): boolean {
  return error instanceof Database.SqliteError && (error.code === 'SQLITE_BUSY' || error.code === 'SQLITE_LOCKED');
}

export class ReplicaQueries {
  private readonly statements: Statements;

  private constructor(
    private readonly sqlite: Database.Database,
    tuning: QueryTuning,
  ) {
    this.statements = new Statements(sqlite, tuning);
  }

  /** A connection to a replica file that Replica.open has already opened and migrated. */
  static open(file: string, tuning: QueryTuning = DEFAULT_TUNING): ReplicaQueries {
    // No busy wait: nothing else in this thread can free the lock while it waits (see catchUp).
    const sqlite = new Database(file, { fileMustExist: true, timeout: 0 });
    try {
      // As the Replica's own connection: what the catch-up drops is overwritten, a lost commit is resynced.
      sqlite.pragma('secure_delete = ON');
      sqlite.pragma('synchronous = NORMAL');
      // Reads jump between index entries and rows across a file of 100 MB and more: mapped pages spare a
      // system call per page, and a larger cache keeps the indexes a screen walks again and again.
      sqlite.pragma('mmap_size = 1073741824');
      sqlite.pragma('cache_size = -32768');
      return new ReplicaQueries(sqlite, tuning);
    } catch (error) {
      sqlite.close();
      throw error;
    }
  }

  /**
   * Brings the list fields and search tables up to what the replica holds
   * (replica-queries-catch-up.ts); every query does it first. While a
   * streamed snapshot holds the file's write lock this cannot write, and
   * the lists answer from the last state caught up until a later call gets
   * through. False then.
   */
  catchUp(): boolean {
    if (isCaughtUp(this.sqlite)) return true;
    return this.whenWritable(() => {
      const hasRebuilt = catchUpLists(this.sqlite);
      // Counts are remembered per write of another connection; this connection's own writes change them too.
      this.statements.forgetCounts();
      if (hasRebuilt) this.settleRebuild();
    });
  }

  members(open: OpenWorkspace, query: MembersQuery): MemberWindow {
    this.catchUp();
    return queryMembers(this.statements, open, query);
  }

  pickMembers(open: OpenWorkspace, pick: MemberPick): MemberChoices {
    this.catchUp();
    return pickMembers(this.statements, open, pick);
  }

  membersByIds(open: OpenWorkspace, ids: readonly string[]): MemberListRow[] {
    this.catchUp();
    return membersByIds(this.statements, open, ids);
  }

  teams(open: OpenWorkspace, query: TeamsQuery): TeamWindow {
    this.catchUp();
    return queryTeams(this.statements, open.workspaceId, query);
  }

  contacts(open: OpenWorkspace, query: ContactsQuery): ContactWindow {
    this.catchUp();
    return queryContacts(this.statements, open.workspaceId, query);
  }

  /** The workspace's own record, the signed-in member and the counts; null when the replica does not hold the workspace. */
  summary(open: OpenWorkspace): WorkspaceSummary | null {
    this.catchUp();
    const row = this.statements.rows<WorkspaceRow>(
      `SELECT seq, synced_at AS syncedAt, organization, workspace, self_member_id AS selfMemberId, preferences FROM replica_workspaces WHERE workspace_id = ?`,
      [open.workspaceId],
    )[0];
    if (!row) return null;
    const count = (sql: string) => this.statements.count(sql, [open.workspaceId]);
    return {
      seq: row.seq,
      syncedAt: row.syncedAt,
      organization: JSON.parse(row.organization) as Organization,
      workspace: JSON.parse(row.workspace) as Workspace,
      self: membersByIds(this.statements, open, [row.selfMemberId])[0] ?? null,
      preferences: JSON.parse(row.preferences) as NotificationPreferences,
      counts: {
        members: count('SELECT count(*) FROM replica_member_fields WHERE workspace_id = ?'),
        pendingMembers: count(`SELECT count(*) FROM replica_member_fields WHERE workspace_id = ? AND status = 'pending'`),
        activeOwners: count(`SELECT count(*) FROM replica_member_fields WHERE workspace_id = ? AND level_rank = 0 AND status = 'active'`),
        openEndedOwners: count(`SELECT count(*) FROM replica_member_fields WHERE workspace_id = ? AND level_rank = 0 AND status = 'active' AND access_until IS NULL`),
        teams: count('SELECT count(*) FROM replica_teams WHERE workspace_id = ?'),
        contacts: count('SELECT count(*) FROM replica_contact_fields WHERE workspace_id = ?'),
      },
    };
  }

  /** How many members an export writes (and the catch-up it needs first). */
  exportTotal(workspaceId: string): number {
    this.catchUp();
    return this.statements.count('SELECT count(*) FROM replica_member_fields WHERE workspace_id = ?', [workspaceId]);
  }

  /** The workspace's team names by id (teams are few: the export looks them up in memory). */
  teamNames(workspaceId: string): Map<string, string> {
    const rows = this.statements.rows<{ id: string; name: string }>("SELECT id, json_extract(data, '$.name') AS name FROM replica_teams WHERE workspace_id = ?", [workspaceId]);
    return new Map(rows.map((row) => [row.id, row.name]));
  }

  /**
   * Hands the members after `after`, in the export's order (invited, then
   * id: the hub's own order), to `take` until it answers false or none is
   * left; returns where to go on from, or null at the end. The iterating
   * statement is closed before this returns, so no read stays open while the
   * caller waits for the file to drain. Invitation times never change, so a
   * member edited between two calls is written once, as it is then.
   */
  readMembersForExport(workspaceId: string, after: ExportCursor | null, take: (row: MemberExportRow) => boolean): ExportCursor | null {
    const statement = after
      ? this.statements.get(`SELECT ${EXPORT_COLUMNS} WHERE workspace_id = ? AND (invited_at, id) > (?, ?) ORDER BY invited_at, id`)
      : this.statements.get(`SELECT ${EXPORT_COLUMNS} WHERE workspace_id = ? ORDER BY invited_at, id`);
    const rows = (after ? statement.raw(true).iterate(workspaceId, after.invitedAt, after.id) : statement.raw(true).iterate(workspaceId)) as IterableIterator<MemberExportRow>;
    for (const row of rows) {
      // Leaving the loop early returns the iterator, which resets the statement.
      if (!take(row)) return { invitedAt: row[1], id: row[0] };
    }
    return null;
  }

  /**
   * After the sync client applied an event: catches the lists up and says
   * what the renderer's windows must refetch, or null. After a revoke's wipe
   * both lists are rebuilt from what is left, whatever the workspace's size,
   * so none of its names or emails stays in their pages (V2).
   */
  afterSync(workspaceId: string, event: SyncEvent): ListsChanged | null {
    if (event.type === 'revoked') {
      this.whenWritable(() => {
        forgetRemovedRows(this.sqlite);
        this.statements.forgetCounts();
        this.settleRebuild();
      });
    }
    if (event.type === 'snapshot' || event.type === 'changes' || event.type === 'presence') this.catchUp();
    return listsChangedBy(workspaceId, event);
  }

  close(): void {
    this.sqlite.close();
  }

  /** After a bulk rebuild: the planner reads the statistics put back with the indexes, and the overwritten pages reach the main file. */
  private settleRebuild(): void {
    this.sqlite.exec('ANALYZE sqlite_schema');
    // If a reader holds the log, a later checkpoint carries them.
    this.sqlite.pragma('wal_checkpoint(TRUNCATE)');
  }

  /** Runs a write of this connection; false when another connection holds the write lock (it is tried again later). */
  private whenWritable(write: () => void): boolean {
    try {
      write();
      return true;
    } catch (error) {
      if (isBusy(error)) return false;
      throw error;
    }
  }
}
