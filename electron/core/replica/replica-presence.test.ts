// U3: after a catch-up by changes the hub sends every member's presence. The replica
// compares it with what it holds in SQL (replica.ts) and rewrites only the
// members whose presence changed: a member whose last seen becomes unknown,
// or known, counts as a change; one sent as held does not; an id the replica
// does not hold is left out; a member named twice ends as the last says.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Member } from '../../../shared/domain';
import type { Presence } from '../../../shared/protocol';
import { Replica } from './replica';
import { workspaceSnapshot } from './replica-fixtures';
import { ReplicaQueries } from './replica-queries';

let folder: string;
let file: string;
let replica: Replica;

beforeEach(async () => {
  folder = await mkdtemp(join(tmpdir(), 'gatehouse-presence-'));
  file = join(folder, 'replica.sqlite');
  replica = Replica.open(file, { hubUrl: 'http://hub.example', personId: 'p' });
});

afterEach(async () => {
  replica.close();
  await rm(folder, { recursive: true, force: true });
});

/** The members the replica logged for the lists' catch-up, by id. */
function loggedMembers(): string[] {
  const reader = new Database(file, { readonly: true });
  try {
    return reader.prepare(`SELECT DISTINCT id FROM replica_list_pending WHERE list = 'members' ORDER BY id`).pluck().all() as string[];
  } finally {
    reader.close();
  }
}

/** The lists catch up with the snapshot, so the log holds only what comes after. */
function catchUpLists(): void {
  const queries = ReplicaQueries.open(file);
  queries.catchUp();
  queries.close();
}

function held(id: string): Pick<Member, 'isOnline' | 'lastSeenAt'> | undefined {
  const member = replica.members('w', [id])[0];
  return member && { isOnline: member.isOnline, lastSeenAt: member.lastSeenAt };
}

describe('the presence list sent on connecting', () => {
  it('U3: rewrites exactly the members whose presence differs, nulls included, and leaves the rest untouched', () => {
    const snapshot = workspaceSnapshot('w', 'example.com', 6);
    // w-m4 has never been seen: its last seen is null in the replica.
    snapshot.members = snapshot.members.map((member) => (member.id === 'w-m4' ? { ...member, lastSeenAt: null } : member));
    replica.applySnapshot(1, snapshot, 1);
    const lastSeenOf = (index: number) => snapshot.members[index]?.lastSeenAt ?? null;
    const asHeld = (index: number): Presence => ({ memberId: `w-m${index}`, isOnline: false, lastSeenAt: lastSeenOf(index) });
    catchUpLists();

    replica.applyPresence('w', [
      asHeld(0),
      { memberId: 'w-m1', isOnline: true, lastSeenAt: lastSeenOf(1) },
      { memberId: 'w-m2', isOnline: false, lastSeenAt: 42 },
      { memberId: 'w-m3', isOnline: false, lastSeenAt: null },
      asHeld(4),
      { memberId: 'w-m5', isOnline: true, lastSeenAt: 7 },
      { memberId: 'w-m5', isOnline: false, lastSeenAt: 8 },
      { memberId: 'nobody-here', isOnline: true, lastSeenAt: 1 },
    ]);

    expect(loggedMembers()).toEqual(['w-m1', 'w-m2', 'w-m3', 'w-m5']);
    expect(held('w-m0')).toEqual({ isOnline: false, lastSeenAt: lastSeenOf(0) });
    expect(held('w-m1')).toEqual({ isOnline: true, lastSeenAt: lastSeenOf(1) });
    expect(held('w-m2')).toEqual({ isOnline: false, lastSeenAt: 42 });
    expect(held('w-m3')).toEqual({ isOnline: false, lastSeenAt: null });
    expect(held('w-m4')).toEqual({ isOnline: false, lastSeenAt: null });
    expect(held('w-m5')).toEqual({ isOnline: false, lastSeenAt: 8 });
    // The rest of a rewritten member is as the snapshot gave it.
    expect(replica.members('w', ['w-m2'])).toEqual([{ ...snapshot.members[2], lastSeenAt: 42 }]);
    expect(replica.members('w', ['nobody-here'])).toEqual([]);
  });

  it('U3: a list of 100,000 members sent as the replica holds them rewrites none', () => {
    const snapshot = workspaceSnapshot('w', 'example.com', 100_000);
    replica.applySnapshot(1, snapshot, 1);
    catchUpLists();
    replica.applyPresence('w', snapshot.members.map((member) => ({ memberId: member.id, isOnline: member.isOnline, lastSeenAt: member.lastSeenAt })));
    expect(loggedMembers()).toEqual([]);
  });
});
