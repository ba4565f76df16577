// The local replica of one person on one hub: a SQLite file holding what the
// hub sent them. Snapshots and changes are applied in one transaction each, so
// the file is always a state the hub was in. A file that is corrupt, or that
// belongs to another hub or person, is thrown away and rebuilt from the hub.
// It holds unmasked contacts, so it is the owner's only (0600 in a 0700
// folder), and what is deleted from it is overwritten, not just unlinked.
import { existsSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { and, eq, inArray } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import type { BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { fileSystemReason, preparePrivateDatabase, SQLITE_FILE_SUFFIXES } from '../../../hub';
import type { Member } from '../../../shared/domain';
import type { Presence, RecordKind, WorkspaceChanges, WorkspaceSnapshot } from '../../../shared/protocol';
import { RECORD_KINDS } from '../../../shared/protocol';
import { ApiFailure } from '../api-failure';
import { forgetRemovedRows } from './replica-queries-catch-up';
import type { SnapshotHeader, SnapshotSize } from './replica-snapshot-writer';
import { SnapshotWriter } from './replica-snapshot-writer';
import * as schema from './schema';
import { replicaContacts, replicaIdentity, replicaMembers, replicaTeams, replicaWorkspaces } from './schema';

export const DEFAULT_REPLICA_MIGRATIONS_DIR = join(import.meta.dirname, 'migrations');

export interface ReplicaIdentity {
  hubUrl: string;
  personId: string;
}

export interface ReplicaView {
  seq: number;
  snapshot: WorkspaceSnapshot;
  syncedAt: number | null;
}

type ReplicaDb = BetterSQLite3Database<typeof schema>;

const BATCH = 500;

/**
 * The members of a presence list (JSON, see applyPresence) whose presence
 * differs from what the replica holds: the list's index of each, and its
 * member's JSON. json_extract reads true and false as 1 and 0 on both sides;
 * IS NOT compares a null last seen as a value. CROSS JOIN keeps the list
 * outside, each member found by its key: left to itself the planner walks the
 * workspace's members and scans the whole list for each (100,000 squared).
 */
const CHANGED_PRESENCE = `SELECT p.key, m.data FROM json_each(?) p
  CROSS JOIN replica_members m ON m.workspace_id = ? AND m.id = json_extract(p.value, '$[0]')
  WHERE json_extract(m.data, '$.isOnline') IS NOT json_extract(p.value, '$[1]')
     OR json_extract(m.data, '$.lastSeenAt') IS NOT json_extract(p.value, '$[2]')
  ORDER BY p.key`;

export type { SnapshotHeader, SnapshotSize } from './replica-snapshot-writer';

/**
 * A streamed snapshot being taken in (issue 12). It writes through a
 * connection of its own that holds one write transaction from the first part
 * to the last: the replica's readers (the screens, on the main connection
 * and the list connection) go on seeing the previous copy until `commit`,
 * and a connection lost midway rolls it all back, leaving the previous copy
 * as it was. Parts go straight into the real tables as they arrive (a large
 * snapshot's list fields and search entries with them), so most of the
 * writing is done while the rest is still on its way, not all at the end.
 */
export class StagedSnapshot {
  private isOpen = true;

  constructor(
    private readonly sqlite: Database.Database,
    private readonly writer: SnapshotWriter,
    private readonly onEnd: () => void,
  ) {}

  get workspaceId(): string {
    return this.writer.workspaceId;
  }

  add(kind: RecordKind, records: ReadonlyArray<{ id: string }>): void {
    this.writer.add(kind, records);
  }

  /** The snapshot's own row, then the commit: from now on every reader sees the new copy, whole. */
  commit(seq: number, header: SnapshotHeader, at: number): void {
    this.writer.finish(seq, header, at);
    this.sqlite.exec('COMMIT');
    this.end();
  }

  /** Rolls back everything staged; the previous copy stays as it was. */
  abandon(): void {
    if (!this.isOpen) return;
    try {
      if (this.sqlite.inTransaction) this.sqlite.exec('ROLLBACK');
    } finally {
      this.end();
    }
  }

  private end(): void {
    this.isOpen = false;
    this.sqlite.close();
    this.onEnd();
  }
}

function removeDatabaseFiles(file: string): void {
  for (const suffix of SQLITE_FILE_SUFFIXES) rmSync(`${file}${suffix}`, { force: true });
}

/** The replica cannot live where it should: said in plain words, instead of a crash at sign-in or start. */
function unusableLocation(file: string, reason: string, cause?: unknown): ApiFailure {
  const failure = new ApiFailure('replica_unavailable', `Gatehouse cannot keep its offline copy at ${file}: ${reason}. Move what is there away, or free the folder, and try again.`);
  if (cause !== undefined) failure.cause = cause;
  return failure;
}

function checkLocation(file: string): void {
  let found: ReturnType<typeof statSync>;
  try {
    found = statSync(file, { throwIfNoEntry: false });
  } catch (error) {
    const reason = fileSystemReason(error);
    throw reason ? unusableLocation(file, reason, error) : error;
  }
  if (found && !found.isFile()) throw unusableLocation(file, 'there is a folder where the file should be');
}

function openChecked(file: string, migrationsDir: string): { sqlite: Database.Database; db: ReplicaDb } {
  let sqlite: Database.Database;
  try {
    // SQLite gives the -wal and -shm files the main file's mode, so all three are 0600.
    preparePrivateDatabase(file);
    sqlite = new Database(file);
  } catch (error) {
    const reason = fileSystemReason(error);
    throw reason ? unusableLocation(file, reason, error) : error;
  }
  try {
    sqlite.pragma('journal_mode = WAL');
    // The replica can always resync from the hub, so a commit lost to a power cut costs nothing (the hub runs FULL).
    sqlite.pragma('synchronous = NORMAL');
    // Deleted and replaced rows are overwritten with zeros, not left in free pages: a revoked
    // workspace, a deleted contact or a detail masked since must not be readable in the file.
    sqlite.pragma('secure_delete = ON');
    const check = String(sqlite.pragma('quick_check', { simple: true }));
    if (check !== 'ok') throw new Error(`replica check failed: ${check}`);
    const db = drizzle(sqlite, { schema });
    migrate(db, { migrationsFolder: migrationsDir });
    return { sqlite, db };
  } catch (error) {
    sqlite.close();
    throw error;
  }
}

export class Replica {
  /** The streamed snapshot being taken in, if any (its connection holds the write lock until it ends). */
  private staged: StagedSnapshot | null = null;

  private constructor(
    private readonly sqlite: Database.Database,
    private readonly db: ReplicaDb,
    readonly file: string,
    /** Why the file was rebuilt when it was opened, or null. */
    readonly rebuiltBecause: string | null,
  ) {}

  static open(file: string, identity: ReplicaIdentity, migrationsDir = DEFAULT_REPLICA_MIGRATIONS_DIR): Replica {
    checkLocation(file);
    let rebuiltBecause: string | null = null;
    let opened: { sqlite: Database.Database; db: ReplicaDb } | null = null;
    if (existsSync(file)) {
      try {
        opened = openChecked(file, migrationsDir);
        const stored = opened.db.select().from(replicaIdentity).where(eq(replicaIdentity.key, 'owner')).get();
        if (stored && (stored.hubUrl !== identity.hubUrl || stored.personId !== identity.personId)) {
          opened.sqlite.close();
          opened = null;
          rebuiltBecause = 'the file belongs to another hub or person';
        }
      } catch (error) {
        if (error instanceof ApiFailure) throw error;
        opened = null;
        rebuiltBecause = `the file could not be read (${error instanceof Error ? error.message : String(error)})`;
      }
      if (!opened) removeDatabaseFiles(file);
    }
    opened ??= openChecked(file, migrationsDir);
    opened.db
      .insert(replicaIdentity)
      .values({ key: 'owner', ...identity })
      .onConflictDoNothing()
      .run();
    return new Replica(opened.sqlite, opened.db, file, rebuiltBecause);
  }

  /** Deletes a replica file (sign-out, revoke). */
  static destroy(file: string): void {
    removeDatabaseFiles(file);
  }

  seqOf(workspaceId: string): number | null {
    return this.db.select({ seq: replicaWorkspaces.seq }).from(replicaWorkspaces).where(eq(replicaWorkspaces.workspaceId, workspaceId)).get()?.seq ?? null;
  }

  /**
   * Starts taking in a streamed snapshot of a workspace: its previous rows are
   * deleted and the parts written inside one transaction of the staging
   * connection, invisible to readers until `commit`. One at a time: a new one
   * abandons the last. `size`, the totals the hub announced, lets a large
   * snapshot write its lists in bulk as it goes (replica-snapshot-writer.ts).
   */
  beginSnapshot(workspaceId: string, size: SnapshotSize | null = null): StagedSnapshot {
    this.staged?.abandon();
    const sqlite = new Database(this.file, { fileMustExist: true });
    let writer: SnapshotWriter;
    try {
      // The same settings as the main connection's writes: deleted rows are overwritten, a lost commit is resynced.
      sqlite.pragma('synchronous = NORMAL');
      sqlite.pragma('secure_delete = ON');
      sqlite.pragma('busy_timeout = 5000');
      sqlite.exec('BEGIN IMMEDIATE');
      writer = SnapshotWriter.begin(sqlite, workspaceId, size);
    } catch (error) {
      if (sqlite.inTransaction) sqlite.exec('ROLLBACK');
      sqlite.close();
      throw error;
    }
    const staged = new StagedSnapshot(sqlite, writer, () => {
      if (this.staged === staged) this.staged = null;
    });
    this.staged = staged;
    return staged;
  }

  /** A whole snapshot in one transaction (a hub that does not stream), written as a streamed one is. */
  applySnapshot(seq: number, snapshot: WorkspaceSnapshot, at: number): void {
    const size = { members: snapshot.members.length, teams: snapshot.teams.length, contacts: snapshot.contacts.length };
    this.sqlite.transaction(() => {
      const writer = SnapshotWriter.begin(this.sqlite, snapshot.workspace.id, size);
      for (const kind of RECORD_KINDS) writer.add(kind, snapshot[kind]);
      const { organization, workspace, selfMemberId, preferences } = snapshot;
      writer.finish(seq, { organization, workspace, selfMemberId, preferences }, at);
    })();
  }

  /** Applies a change set; false (and nothing applied) when it does not start where the replica is. */
  applyChanges(workspaceId: string, fromSeq: number, seq: number, changes: WorkspaceChanges, at: number): boolean {
    return this.sqlite.transaction(() => {
      if (this.seqOf(workspaceId) !== fromSeq) return false;
      const set = { seq, syncedAt: at, ...(changes.workspace ? { workspace: changes.workspace } : {}), ...(changes.preferences ? { preferences: changes.preferences } : {}) };
      this.db.update(replicaWorkspaces).set(set).where(eq(replicaWorkspaces.workspaceId, workspaceId)).run();
      this.upsertMany(replicaMembers, workspaceId, changes.members.upserted);
      this.upsertMany(replicaTeams, workspaceId, changes.teams.upserted);
      this.upsertMany(replicaContacts, workspaceId, changes.contacts.upserted);
      this.deleteIds(replicaMembers, workspaceId, changes.members.deleted);
      this.deleteIds(replicaTeams, workspaceId, changes.teams.deleted);
      this.deleteIds(replicaContacts, workspaceId, changes.contacts.deleted);
      return true;
    })();
  }

  /**
   * Keeps last seen in the replica so it can be shown offline (U3). After a
   * catch-up by changes the hub sends every member's presence, nearly all as
   * the replica already holds it: SQLite compares each member's two fields
   * in one statement, and only the members whose presence changed are read,
   * rewritten and logged for the lists. Reading all 100,000 through the
   * query builder to compare them took about 0.5 s of the core's thread
   * right after a first sync, while the window was loading the Users page
   * (bench/README.md, 7a).
   */
  applyPresence(workspaceId: string, presence: Presence[]): void {
    if (presence.length === 0) return;
    this.sqlite.transaction(() => {
      // One JSON array of [memberId, isOnline, lastSeenAt]: json_each has no limit on how many values it takes.
      const listed = JSON.stringify(presence.map((each) => [each.memberId, each.isOnline, each.lastSeenAt]));
      const changed = this.sqlite.prepare(CHANGED_PRESENCE).raw(true).all(listed, workspaceId) as Array<[number, string]>;
      const rewrite = this.sqlite.prepare('UPDATE replica_members SET data = ? WHERE workspace_id = ? AND id = ?');
      for (const [at, data] of changed) {
        const update = presence[at];
        if (!update) continue;
        const member = JSON.parse(data) as Member;
        rewrite.run(JSON.stringify({ ...member, isOnline: update.isOnline, lastSeenAt: update.lastSeenAt }), workspaceId, update.memberId);
      }
    })();
  }

  /** The workspace's own row (sequence, preferences, who this is), without its lists. */
  state(workspaceId: string) {
    return this.db.select().from(replicaWorkspaces).where(eq(replicaWorkspaces.workspaceId, workspaceId)).get() ?? null;
  }

  /** Just these members, read in chunks (SQLite limits how many values one statement may bind). */
  members(workspaceId: string, ids: readonly string[]): Member[] {
    const found: Member[] = [];
    for (let start = 0; start < ids.length; start += BATCH) {
      const rows = this.db
        .select({ data: replicaMembers.data })
        .from(replicaMembers)
        .where(and(eq(replicaMembers.workspaceId, workspaceId), inArray(replicaMembers.id, ids.slice(start, start + BATCH))))
        .all();
      found.push(...rows.map((row) => row.data));
    }
    return found;
  }

  view(workspaceId: string): ReplicaView | null {
    const state = this.state(workspaceId);
    if (!state) return null;
    const rows = <T>(table: typeof replicaMembers | typeof replicaTeams | typeof replicaContacts) =>
      this.db.select({ data: table.data }).from(table).where(eq(table.workspaceId, workspaceId)).all().map((row) => row.data as T);
    return {
      seq: state.seq,
      syncedAt: state.syncedAt,
      snapshot: {
        organization: state.organization,
        workspace: state.workspace,
        selfMemberId: state.selfMemberId,
        preferences: state.preferences,
        members: rows(replicaMembers),
        teams: rows(replicaTeams),
        contacts: rows(replicaContacts),
      },
    };
  }

  workspaceIds(): string[] {
    return this.db.select({ id: replicaWorkspaces.workspaceId }).from(replicaWorkspaces).all().map((row) => row.id);
  }

  /**
   * V2: what a revoked person could see leaves this machine. The rows are
   * deleted with secure_delete on (overwritten in the pages), and the WAL,
   * which still holds earlier copies of those pages, is checkpointed into the
   * main file and truncated to nothing. Other workspaces of the same person
   * on this hub stay readable offline.
   */
  wipeWorkspace(workspaceId: string): void {
    // A snapshot half taken in would hold the write lock and the log.
    this.staged?.abandon();
    this.sqlite.transaction(() => this.deleteWorkspaceRows(workspaceId))();
    // The list fields and search tables keep copies of names and emails: blank them too before the checkpoint (V2).
    forgetRemovedRows(this.sqlite);
    const [outcome] = this.sqlite.pragma('wal_checkpoint(TRUNCATE)') as Array<{ busy: number }>;
    // Only this connection uses the file, so nothing can hold the checkpoint back; if something did, say so.
    if (outcome?.busy) throw new Error(`the replica's log could not be cleared after removing workspace ${workspaceId}`);
  }

  integrityCheck(): string {
    return String(this.sqlite.pragma('integrity_check', { simple: true }));
  }

  close(): void {
    this.staged?.abandon();
    this.sqlite.close();
  }

  private deleteWorkspaceRows(workspaceId: string): void {
    this.db.delete(replicaWorkspaces).where(eq(replicaWorkspaces.workspaceId, workspaceId)).run();
    for (const table of [replicaMembers, replicaTeams, replicaContacts]) this.db.delete(table).where(eq(table.workspaceId, workspaceId)).run();
  }

  private upsertMany<T extends typeof replicaMembers | typeof replicaTeams | typeof replicaContacts>(
    table: T,
    workspaceId: string,
    items: Array<T['$inferSelect']['data']>,
  ): void {
    for (const data of items) {
      this.db
        .insert(table)
        .values({ workspaceId, id: data.id, data } as T['$inferInsert'])
        .onConflictDoUpdate({ target: [table.workspaceId, table.id], set: { data } as never })
        .run();
    }
  }

  private deleteIds(table: typeof replicaMembers | typeof replicaTeams | typeof replicaContacts, workspaceId: string, ids: string[]): void {
    for (let start = 0; start < ids.length; start += BATCH) {
      this.db.delete(table).where(and(eq(table.workspaceId, workspaceId), inArray(table.id, ids.slice(start, start + BATCH)))).run();
    }
  }
}
