// Issue 12: the list fields and search tables follow every write path of the
// replica through the triggers and the catch-up (a snapshot replacing the
// workspace, changes upserting and deleting, a streamed snapshot, presence, a
// wipe, even a REPLACE that skips delete triggers), lists stay exact at every
// step, and what left the replica leaves nothing in the file once caught up.
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { contactsQueryInputSchema, membersQueryInputSchema } from '../../../shared/api/list-queries-contract';
import type { Member } from '../../../shared/domain';
import type { WorkspaceChanges, WorkspaceSnapshot } from '../../../shared/protocol';
import { Replica } from './replica';
import { variedSnapshot, workspaceSnapshot } from './replica-fixtures';
import { ReplicaQueries } from './replica-queries';
import { forgetRemovedRows } from './replica-queries-catch-up';

let folder: string;
let file: string;
let replica: Replica;
let queries: ReplicaQueries;

beforeEach(async () => {
  folder = await mkdtemp(join(tmpdir(), 'gatehouse-search-index-'));
  file = join(folder, 'replica.sqlite');
  replica = Replica.open(file, { hubUrl: 'http://hub.example', personId: 'p' });
  queries = ReplicaQueries.open(file);
});

afterEach(async () => {
  queries.close();
  replica.close();
  await rm(folder, { recursive: true, force: true });
});

const open = (workspaceId: string) => ({ workspaceId, isPresenceLive: true });
const found = (workspaceId: string, search: string) =>
  queries
    .members(open(workspaceId), membersQueryInputSchema.parse({ search, limit: 500 }))
    .rows.map((row) => row.id)
    .sort();

const NO_CHANGES = { upserted: [], deleted: [] };
function memberChanges(upserted: Member[], deleted: string[] = []): WorkspaceChanges {
  return { members: { upserted, deleted }, teams: NO_CHANGES, contacts: NO_CHANGES };
}

function searchState(sqlite = new Database(file, { readonly: true })) {
  try {
    return {
      pending: Number(sqlite.prepare('SELECT count(*) FROM replica_list_pending').pluck().get()),
      indexed: Number(sqlite.prepare('SELECT count(*) FROM replica_members_search').pluck().get()),
      rows: Number(sqlite.prepare('SELECT count(*) FROM replica_members').pluck().get()),
    };
  } finally {
    sqlite.close();
  }
}

/** Every byte SQLite keeps for the file: the main file, its WAL and its shared-memory index. */
function rawBytes(): Buffer {
  return Buffer.concat(['', '-wal', '-shm'].map((suffix) => readFileSync(`${file}${suffix}`, { flag: 'a+' })));
}

/** Runic letters appear nowhere else in these files: any of their UTF-8 lead bytes is what is left of them. */
const hasRunes = (bytes: Buffer) => bytes.includes(Buffer.from([0xe1, 0x9a])) || bytes.includes(Buffer.from([0xe1, 0x9b]));

/** The workspace with runic names, so that what is left of them can be found in the file's bytes. */
function runic(snapshot: WorkspaceSnapshot): WorkspaceSnapshot {
  return {
    ...snapshot,
    members: snapshot.members.map((member, index) => ({ ...member, displayName: `ᚠᚢᚦᚨᚱᚲ ᚷᚹᚺ ${member.displayName} ${index}` })),
    teams: snapshot.teams.map((team) => ({ ...team, name: `ᛗᛚᛜ ${team.name}` })),
    contacts: snapshot.contacts.map((contact, index) => ({ ...contact, name: `ᛁᛃᛇ ᛈᛉᛊ ${contact.name} ${index}` })),
  };
}

describe('list fields and search tables kept by triggers and the catch-up', () => {
  it('issue 12: follow a snapshot, a replacing snapshot, upserts, renames and deletions, exact at each step', () => {
    const first = workspaceSnapshot('w', 'example.com', 300);
    replica.applySnapshot(1, first, 1);
    expect(found('w', 'member12@')).toEqual(['w-m12']);
    expect(searchState()).toEqual({ pending: 0, indexed: 300, rows: 300 });

    replica.applySnapshot(2, workspaceSnapshot('w', 'other.example', 200), 2);
    expect(found('w', 'example.com')).toEqual([]);
    expect(found('w', 'member150@other')).toEqual(['w-m150']);
    expect(searchState()).toEqual({ pending: 0, indexed: 200, rows: 200 });

    const renamed = { ...(first.members[5] as Member), email: 'renamed@new.example', displayName: 'Renée Renamed' };
    const added = { ...(first.members[6] as Member), id: 'w-new', email: 'added@new.example', displayName: 'Brand New' };
    expect(replica.applyChanges('w', 2, 3, memberChanges([renamed, added], ['w-m7']), 3)).toBe(true);
    expect(found('w', 'renée')).toEqual(['w-m5']);
    expect(found('w', 'member5@')).toEqual([]);
    expect(found('w', 'brand new')).toEqual(['w-new']);
    expect(found('w', 'member7@')).toEqual([]);
    expect(searchState()).toEqual({ pending: 0, indexed: 200, rows: 200 });
  });

  it('issue 12: presence is logged apart, and rewrites only the presence of the members it names', () => {
    const snapshot = workspaceSnapshot('w', 'example.com', 50);
    replica.applySnapshot(1, snapshot, 1);
    queries.catchUp();
    replica.applyPresence('w', snapshot.members.slice(0, 20).map((member) => ({ memberId: member.id, isOnline: true, lastSeenAt: 9 })));
    const logged = new Database(file, { readonly: true });
    expect(logged.prepare('SELECT DISTINCT change FROM replica_list_pending').pluck().all()).toEqual(['presence']);
    logged.close();
    expect(queries.members(open('w'), membersQueryInputSchema.parse({ presence: 'online', limit: 0 })).total).toBe(20);
    expect(searchState()).toEqual({ pending: 0, indexed: 50, rows: 50 });
  });

  it('issue 12: while a streamed snapshot holds the write lock, searches answer the previous copy exactly; after its commit, the new one', () => {
    replica.applySnapshot(1, workspaceSnapshot('w', 'before.example', 100), 1);
    queries.catchUp();
    const staged = replica.beginSnapshot('w');
    const next = workspaceSnapshot('w', 'after.example', 120);
    staged.add('members', next.members);
    expect(found('w', 'member42@before')).toEqual(['w-m42']);
    expect(found('w', 'after.example')).toEqual([]);
    staged.commit(2, { organization: next.organization, workspace: next.workspace, selfMemberId: next.selfMemberId, preferences: next.preferences }, 2);
    expect(found('w', 'member42@before')).toEqual([]);
    expect(found('w', 'member110@after')).toEqual(['w-m110']);
    expect(searchState()).toEqual({ pending: 0, indexed: 120, rows: 120 });
  });

  it('issue 12: a write that replaces a row without its delete trigger (INSERT OR REPLACE) still never finds the old name', () => {
    replica.applySnapshot(1, workspaceSnapshot('w', 'example.com', 10), 1);
    queries.catchUp();
    const other = new Database(file);
    const member = { ...(workspaceSnapshot('w', 'example.com', 10).members[3] as Member), displayName: 'Zed Replaced', email: 'zed@replaced.example' };
    other.prepare('INSERT OR REPLACE INTO replica_members (workspace_id, id, data) VALUES (?, ?, ?)').run('w', member.id, JSON.stringify(member));
    other.close();
    expect(found('w', 'member3@')).toEqual([]);
    expect(found('w', 'zed replaced')).toEqual(['w-m3']);
  });

  it('issue 12 (V2): after a revoke wipes a workspace, the catch-up leaves none of its names in the lists or the file', () => {
    replica.applySnapshot(1, runic(variedSnapshot('wa', 3_000, 5)), 1);
    replica.applySnapshot(1, variedSnapshot('wb', 3_000, 6), 1);
    expect(queries.members(open('wa'), membersQueryInputSchema.parse({ search: 'ᚦᚨᚱ', limit: 0 })).total).toBe(3_000);
    expect(hasRunes(rawBytes())).toBe(true);

    // Until wipeWorkspace calls forgetRemovedRows itself, stale copies of moved entries can stay in the name indexes after the wipe alone:
    // the catch-up the core runs on the revoke removes them.
    replica.wipeWorkspace('wa');
    queries.afterSync('wa', { type: 'revoked', message: 'Your access to this workspace was revoked.', reason: 'revoked', accessUntil: null });

    expect(hasRunes(rawBytes())).toBe(false);
    expect(found('wa', 'ᚦᚨᚱ')).toEqual([]);
    // The bulk rebuild put back the planner's statistics of the indexes it dropped and made again.
    const statistics = new Database(file, { readonly: true });
    expect(statistics.prepare("SELECT count(*) FROM sqlite_stat1 WHERE tbl = 'replica_member_fields'").pluck().get()).toBe(9);
    statistics.close();
    expect(found('wb', 'ada').length).toBeGreaterThan(0);
    expect(queries.contacts(open('wb'), contactsQueryInputSchema.parse({ search: 'customer1' })).total).toBeGreaterThan(0);
  });

  it('issue 12 (V2): forgetRemovedRows, called where the rows are deleted and before the checkpoint, leaves nothing either', () => {
    replica.applySnapshot(1, runic(variedSnapshot('wa', 3_000, 5)), 1);
    replica.applySnapshot(1, variedSnapshot('wb', 3_000, 6), 1);
    queries.catchUp();
    const wiping = new Database(file);
    wiping.pragma('secure_delete = ON');
    wiping.transaction(() => {
      for (const table of ['replica_workspaces', 'replica_members', 'replica_teams', 'replica_contacts']) wiping.prepare(`DELETE FROM ${table} WHERE workspace_id = ?`).run('wa');
    })();
    forgetRemovedRows(wiping);
    wiping.pragma('wal_checkpoint(TRUNCATE)');
    wiping.close();
    expect(hasRunes(rawBytes())).toBe(false);
    expect(found('wb', 'ada').length).toBeGreaterThan(0);
  });
});
