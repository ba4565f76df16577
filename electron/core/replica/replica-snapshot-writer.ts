// Writes one snapshot of a workspace into the replica, inside a transaction
// its caller holds open: the workspace's previous rows deleted, the records
// written as they come (a whole snapshot at once, or a streamed one part by
// part), then the workspace's own row. Each list a large snapshot brings is
// written in bulk with its fields and search entries (replica-bulk-lists.ts),
// so the lists can answer as soon as it commits; a small one leaves them to
// the triggers' log and the catch-up, which costs less than rebuilding a list
// that other workspaces share.
import type Database from 'better-sqlite3';
import type { RecordKind, WorkspaceSnapshot } from '../../../shared/protocol';
import { RECORD_KINDS } from '../../../shared/protocol';
import { BulkListLoad, isBulkWorth } from './replica-bulk-lists';
import { listOf } from './replica-list-tables';

/** Where each kind of record is kept. */
export const RECORD_TABLES = { members: 'replica_members', teams: 'replica_teams', contacts: 'replica_contacts' } as const satisfies Record<RecordKind, string>;

/** A snapshot's own row: everything but its lists. */
export type SnapshotHeader = Omit<WorkspaceSnapshot, RecordKind>;

/** How many records of each kind a snapshot brings, when known before its records (a streamed one says so first). */
export type SnapshotSize = Record<RecordKind, number>;

export class SnapshotWriter {
  private readonly inserts: Record<RecordKind, Database.Statement>;

  private constructor(
    private readonly sqlite: Database.Database,
    readonly workspaceId: string,
    private readonly bulk: ReadonlyMap<RecordKind, BulkListLoad>,
  ) {
    const insert = (table: string) => sqlite.prepare(`insert into ${table} (workspace_id, id, data) values (?, ?, ?)`);
    this.inserts = { members: insert(RECORD_TABLES.members), teams: insert(RECORD_TABLES.teams), contacts: insert(RECORD_TABLES.contacts) };
  }

  /**
   * Deletes the workspace's previous copy and gets ready for its records.
   * `size` (when known) decides which lists are written in bulk; without it
   * every list is left to the catch-up.
   */
  static begin(sqlite: Database.Database, workspaceId: string, size: SnapshotSize | null): SnapshotWriter {
    const bulk = new Map<RecordKind, BulkListLoad>();
    sqlite.prepare('delete from replica_workspaces where workspace_id = ?').run(workspaceId);
    for (const kind of RECORD_KINDS) {
      const list = listOf(kind);
      if (list && size && isBulkWorth(sqlite, list, workspaceId, size[kind])) {
        bulk.set(kind, BulkListLoad.start(sqlite, list, workspaceId));
      } else {
        // The triggers blank what the lists hold of each row and log it for the catch-up.
        sqlite.prepare(`delete from ${RECORD_TABLES[kind]} where workspace_id = ?`).run(workspaceId);
      }
    }
    return new SnapshotWriter(sqlite, workspaceId, bulk);
  }

  /**
   * A snapshot can hold 100,000 members: one prepared statement run per row
   * is several times faster than building multi-row inserts through the
   * query builder (bench/README.md, first sync).
   */
  add(kind: RecordKind, records: ReadonlyArray<{ id: string }>): void {
    const insert = this.inserts[kind];
    for (const record of records) insert.run(this.workspaceId, record.id, JSON.stringify(record));
    this.bulk.get(kind)?.add(this.workspaceId, records);
  }

  /** The lists written in bulk get their indexes and triggers back, then the workspace's own row is written; the caller commits. */
  finish(seq: number, header: SnapshotHeader, at: number): void {
    for (const load of this.bulk.values()) load.finish();
    this.sqlite
      .prepare('insert into replica_workspaces (workspace_id, seq, organization, workspace, self_member_id, preferences, synced_at) values (?, ?, ?, ?, ?, ?, ?)')
      .run(this.workspaceId, seq, JSON.stringify(header.organization), JSON.stringify(header.workspace), header.selfMemberId, JSON.stringify(header.preferences), at);
  }
}
