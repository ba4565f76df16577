// The replica holds large workspaces: presence lists and deletions bigger than
// what one SQLite statement may bind are applied in chunks.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { syntheticMembers } from '../testing/synthetic-members';
import { Replica } from './replica';

let folder: string;
beforeEach(async () => {
  folder = await mkdtemp(join(tmpdir(), 'gatehouse-replica-'));
});
afterEach(() => rm(folder, { recursive: true, force: true }));

describe('replica with a large workspace', () => {
  it('applies presence and deletions for 40,000 members (more than SQLite binds in one statement)', () => {
    const replica = Replica.open(join(folder, 'r.sqlite'), { hubUrl: 'http://hub', personId: 'p' });
    const members = syntheticMembers(40_000).map((member) => ({ ...member, workspaceId: 'w' }));
    replica.applySnapshot(1, { organization: { id: 'o', name: 'O' }, workspace: { id: 'w', organizationId: 'o', name: 'W', plan: 'growth', accessEndWarningDays: 3 }, selfMemberId: 'm0', members, teams: [], contacts: [], preferences: { scope: 'everyone', memberIds: [], notifyOnline: true, notifyOffline: false } }, 1);
    replica.applyPresence('w', members.map((member) => ({ memberId: member.id, isOnline: member.id === 'm39999', lastSeenAt: 5 })));
    const view = replica.view('w');
    expect(view?.snapshot.members.find((member) => member.id === 'm39999')).toMatchObject({ isOnline: true, lastSeenAt: 5 });
    const removed = members.slice(0, 35_000).map((member) => member.id);
    expect(replica.applyChanges('w', 1, 2, { members: { upserted: [], deleted: removed }, teams: { upserted: [], deleted: [] }, contacts: { upserted: [], deleted: [] } }, 2)).toBe(true);
    expect(replica.view('w')?.snapshot.members).toHaveLength(5_000);
    replica.close();
  });
});
