// Issue 12 (first sync): a large snapshot writes its list fields and search
// entries in its own transaction, so the lists answer the moment it commits,
// with exactly the rows the catch-up would have read from the JSON; the
// triggers, indexes and planner statistics it drops meanwhile are back
// before anyone can see them gone (even when the snapshot is abandoned);
// another workspace in the same file keeps its lists; and what the
// snapshot replaces leaves nothing in the file (V2, R7).
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { contactsQueryInputSchema, membersQueryInputSchema } from '../../../shared/api/list-queries-contract';
import type { Member } from '../../../shared/domain';
import type { WorkspaceSnapshot } from '../../../shared/protocol';
import { RECORD_KINDS } from '../../../shared/protocol';
import { Replica } from './replica';
import { variedSnapshot, workspaceSnapshot } from './replica-fixtures';
import { LISTS } from './replica-list-tables';
import { ReplicaQueries } from './replica-queries';
import { isCaughtUp } from './replica-queries-catch-up';
import { referenceContacts, referenceMembers } from './replica-queries-reference';

/** Large enough for the search and the index builds to matter (1,500 contacts come with it). */
const LARGE = 3_000;

let folder: string;
beforeEach(async () => {
  folder = await mkdtemp(join(tmpdir(), 'gatehouse-bulk-lists-'));
});
afterEach(() => rm(folder, { recursive: true, force: true }));

function openReplica(name: string): { file: string; replica: Replica } {
  const file = join(folder, name);
  return { file, replica: Replica.open(file, { hubUrl: 'http://hub.example', personId: 'p' }) };
}

function header(snapshot: WorkspaceSnapshot) {
  const { organization, workspace, selfMemberId, preferences } = snapshot;
  return { organization, workspace, selfMemberId, preferences };
}

/** A streamed snapshot as the sync client stages it: announced totals (or none), then parts of 500. */
function stream(replica: Replica, seq: number, snapshot: WorkspaceSnapshot, isSizeAnnounced: boolean): void {
  const size = { members: snapshot.members.length, teams: snapshot.teams.length, contacts: snapshot.contacts.length };
  const staged = replica.beginSnapshot(snapshot.workspace.id, isSizeAnnounced ? size : null);
  for (const kind of RECORD_KINDS) {
    for (let start = 0; start < snapshot[kind].length; start += 500) staged.add(kind, snapshot[kind].slice(start, start + 500));
  }
  staged.commit(seq, header(snapshot), seq);
}

function readOnly<T>(file: string, read: (sqlite: Database.Database) => T): T {
  const sqlite = new Database(file, { readonly: true });
  try {
    return read(sqlite);
  } finally {
    sqlite.close();
  }
}

/** Every list-field row but its search key (which differs with the order rows came in), in a fixed order. */
function fieldRows(file: string) {
  return readOnly(file, (sqlite) =>
    Object.fromEntries(LISTS.map((list) => [list.name, sqlite.prepare(`SELECT ${list.columns} FROM ${list.fields} ORDER BY workspace_id, id`).all()])),
  );
}

/** The file's indexes, triggers and planner statistics, as the migrations made them. */
function schemaOf(file: string) {
  return readOnly(file, (sqlite) => ({
    entries: sqlite.prepare("SELECT type, name, sql FROM sqlite_schema WHERE type IN ('index', 'trigger') ORDER BY name").all(),
    statistics: sqlite.prepare('SELECT tbl, idx, stat FROM sqlite_stat1 ORDER BY tbl, idx').all(),
  }));
}

const open = (workspaceId: string) => ({ workspaceId, isPresenceLive: true });

describe('a large snapshot writes its lists in bulk', () => {
  it('issue 12: the lists are caught up at its commit, with the very rows and search answers the catch-up makes from the JSON', () => {
    const snapshot = variedSnapshot('w', LARGE, 31);
    const bulk = openReplica('bulk.sqlite');
    const logged = openReplica('logged.sqlite');
    const migrated = schemaOf(bulk.file);
    stream(bulk.replica, 1, snapshot, true);
    stream(logged.replica, 1, snapshot, false);

    // Nothing is left for the list connection to do before it answers.
    expect(readOnly(bulk.file, isCaughtUp)).toBe(true);
    expect(readOnly(logged.file, isCaughtUp)).toBe(false);
    const bulkQueries = ReplicaQueries.open(bulk.file);
    const loggedQueries = ReplicaQueries.open(logged.file);
    try {
      loggedQueries.catchUp();
      expect(fieldRows(bulk.file)).toEqual(fieldRows(logged.file));
      for (const search of ['', 'ada', 'Li', 'émile', 'σίσ', 'NEAR(a b)', 'example.com', 'customer1']) {
        const members = membersQueryInputSchema.parse({ search, limit: 500, sort: { by: 'last_seen', direction: 'desc' } });
        expect(bulkQueries.members(open('w'), members)).toEqual(referenceMembers(snapshot.members, snapshot.teams, members, true));
        const contacts = contactsQueryInputSchema.parse({ search, limit: 500 });
        expect(bulkQueries.contacts(open('w'), contacts)).toEqual(referenceContacts(snapshot.contacts, snapshot.members, contacts));
      }
    } finally {
      bulkQueries.close();
      loggedQueries.close();
    }
    // The triggers, indexes and statistics dropped for the load are back as they were.
    expect(schemaOf(bulk.file)).toEqual(migrated);
    expect(bulk.replica.integrityCheck()).toBe('ok');
    bulk.replica.close();
    logged.replica.close();
  });

  it('issue 12: a whole (unstreamed) snapshot, even a small one into a file that holds no other workspace, is written the same way', () => {
    const { file, replica } = openReplica('whole.sqlite');
    const queries = ReplicaQueries.open(file);
    for (const [seq, snapshot] of [[1, variedSnapshot('w', LARGE, 32)], [2, variedSnapshot('w', 40, 38)]] as const) {
      replica.applySnapshot(seq, snapshot, seq);
      expect(readOnly(file, isCaughtUp)).toBe(true);
      const members = membersQueryInputSchema.parse({ search: 'ada', limit: 500 });
      expect(queries.members(open('w'), members)).toEqual(referenceMembers(snapshot.members, snapshot.teams, members, true));
    }
    queries.close();
    replica.close();
  });

  it('issue 12: abandoned midway, it leaves the previous copy with its lists, triggers and indexes exactly as they were', () => {
    const { file, replica } = openReplica('abandoned.sqlite');
    const before = variedSnapshot('w', 300, 33);
    replica.applySnapshot(1, before, 1);
    const queries = ReplicaQueries.open(file);
    queries.catchUp();
    const rowsBefore = fieldRows(file);
    const schemaBefore = schemaOf(file);

    const next = variedSnapshot('w', LARGE, 34);
    const staged = replica.beginSnapshot('w', { members: next.members.length, teams: next.teams.length, contacts: next.contacts.length });
    staged.add('members', next.members.slice(0, 1_000));
    // Meanwhile the screens read the previous copy, through the indexes it had.
    const adaBefore = membersQueryInputSchema.parse({ search: 'ada', limit: 500 });
    expect(queries.members(open('w'), adaBefore)).toEqual(referenceMembers(before.members, before.teams, adaBefore, true));
    staged.abandon();

    expect(fieldRows(file)).toEqual(rowsBefore);
    expect(schemaOf(file)).toEqual(schemaBefore);
    expect(queries.members(open('w'), adaBefore)).toEqual(referenceMembers(before.members, before.teams, adaBefore, true));
    // The triggers are live again: a change to a row still reaches the lists.
    const renamed = { ...(before.members[1] as Member), displayName: 'Renamed After Abandon' };
    expect(replica.applyChanges('w', 1, 2, { members: { upserted: [renamed], deleted: [] }, teams: { upserted: [], deleted: [] }, contacts: { upserted: [], deleted: [] } }, 2)).toBe(true);
    expect(queries.members(open('w'), membersQueryInputSchema.parse({ search: 'renamed after', limit: 5 })).rows.map((row) => row.id)).toEqual([renamed.id]);
    queries.close();
    replica.close();
  });

  it('issue 12: another workspace in the same file keeps its lists, and a small snapshot of it is left to the catch-up', () => {
    const { file, replica } = openReplica('two.sqlite');
    const small = variedSnapshot('ws', 200, 35);
    replica.applySnapshot(1, small, 1);
    const queries = ReplicaQueries.open(file);
    queries.catchUp();
    const large = variedSnapshot('wl', LARGE, 36);
    stream(replica, 1, large, true);
    expect(readOnly(file, isCaughtUp)).toBe(true);
    for (const [snapshot, workspaceId] of [[small, 'ws'], [large, 'wl']] as const) {
      const members = membersQueryInputSchema.parse({ search: 'ada', limit: 500 });
      expect(queries.members(open(workspaceId), members)).toEqual(referenceMembers(snapshot.members, snapshot.teams, members, true));
    }
    // The small one again, now beside a large one: its rows are logged for the catch-up, not worth a rebuild of both.
    stream(replica, 2, variedSnapshot('ws', 200, 37), true);
    expect(readOnly(file, isCaughtUp)).toBe(false);
    const members = membersQueryInputSchema.parse({ search: 'ada', limit: 500 });
    expect(queries.members(open('wl'), members)).toEqual(referenceMembers(large.members, large.teams, members, true));
    queries.close();
    replica.close();
  });

  it.each([
    ['alone in the file', false],
    ['beside another workspace', true],
  ])('issue 12 (V2, R7): a large snapshot replacing a workspace %s leaves none of its old names and emails in the file', (_where, hasOther) => {
    const { file, replica } = openReplica('replaced.sqlite');
    if (hasOther) replica.applySnapshot(1, workspaceSnapshot('other', 'other-domain.example', 200), 1);
    const old = workspaceSnapshot('w', 'replaced-domain.example', LARGE);
    stream(replica, 1, old, true);
    const bytes = () => Buffer.concat(['', '-wal', '-shm'].map((suffix) => readFileSync(`${file}${suffix}`, { flag: 'a+' }))).toString('latin1');
    expect(bytes()).toContain('replaced-domain.example');

    stream(replica, 2, workspaceSnapshot('w', 'kept-domain.example', LARGE), true);
    // As the replica's own connections do once nobody reads the old pages: the log is carried into the file.
    const checkpoint = new Database(file);
    checkpoint.pragma('wal_checkpoint(TRUNCATE)');
    checkpoint.close();

    expect(bytes()).not.toContain('replaced-domain.example');
    expect(bytes()).toContain('kept-domain.example');
    if (hasOther) expect(bytes()).toContain('other-domain.example');
    replica.close();
  });
});
