// Issue 10.3: one record the desktop cannot read never costs it the rest. The
// hub's SQLite is given a member whose name the shared schema refuses (written
// straight into the file, past the hub's own checks); the desktop keeps that
// one member out of its replica, logs it with its id, counts it, and applies
// everything else, from a snapshot and from a change set.
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HUB_DATABASE_FILE } from '../../../hub';
import type { TestClient, TestHub } from '../../../hub/testing';
import { OWNER_PASSWORD, startTestHub } from '../../../hub/testing';
import { NO_RESTRICTIONS } from '../../../shared/policy';
import type { SyncHarness } from './testing/sync-harness';
import { startSyncHarness } from './testing/sync-harness';

const GOOD_MEMBERS = 1_000;
/** A bell character: the shared schema refuses control characters in names. */
const BROKEN_NAME = 'Broken\u0007Name';

let hub: TestHub;
let owner: TestClient;
let sync: SyncHarness;

function hubDatabase(): Database.Database {
  return new Database(join(hub.dataDir, HUB_DATABASE_FILE));
}

/** Active members written straight into the hub's file, as an older or damaged hub could hold them. */
function insertMembers(rows: Array<{ id: string; name: string }>): void {
  const sqlite = hubDatabase();
  const person = sqlite.prepare('INSERT INTO people (id, email, display_name, created_at, updated_at) VALUES (?, ?, ?, 0, 0)');
  const member = sqlite.prepare(
    "INSERT INTO members (id, workspace_id, person_id, level, restrictions, status, invited_at, joined_at, version) VALUES (?, ?, ?, 'agent', ?, 'active', 0, 1, 1)",
  );
  sqlite.transaction(() => {
    for (const row of rows) {
      person.run(`p-${row.id}`, `${row.id}@example.com`, row.name);
      member.run(row.id, hub.workspaceId, `p-${row.id}`, JSON.stringify(NO_RESTRICTIONS));
    }
  })();
  sqlite.close();
}

function renamePersonOf(memberId: string, name: string): void {
  const sqlite = hubDatabase();
  sqlite.prepare('UPDATE people SET display_name = ? WHERE id = ?').run(name, `p-${memberId}`);
  sqlite.close();
}

function replicaMembers() {
  return new Map(sync.replica.view(hub.workspaceId)?.snapshot.members.map((member) => [member.id, member]));
}

beforeAll(async () => {
  hub = await startTestHub();
  const goodRows = Array.from({ length: GOOD_MEMBERS }, (_, index) => ({ id: `good${index}`, name: `Good Person ${index}` }));
  insertMembers([...goodRows.slice(0, 500), { id: 'broken0', name: BROKEN_NAME }, ...goodRows.slice(500)]);
  const session = await hub.signIn(hub.ownerEmail, OWNER_PASSWORD);
  owner = await hub.connect(hub.ownerEmail, OWNER_PASSWORD);
  sync = await startSyncHarness({ hubUrl: hub.hub.url, token: session.token, personId: session.personId, workspaceId: hub.workspaceId });
  sync.client.start();
  await sync.waitOnline();
});

afterAll(async () => {
  await sync.close();
  await hub.stop();
});

describe('issue 10.3: no batch lost to one record', () => {
  it('issue 10.3: a snapshot with one unreadable member among 1,000 fills the replica with the 1,000, and says one was left out', async () => {
    const members = replicaMembers();
    // The owner and the 1,000 good ones.
    expect(members.size).toBe(GOOD_MEMBERS + 1);
    expect(members.has('good0')).toBe(true);
    expect(members.has(`good${GOOD_MEMBERS - 1}`)).toBe(true);
    expect(members.has('broken0')).toBe(false);
    expect(sync.events).toContainEqual({ type: 'unreadable', counts: { members: 1, teams: 0, contacts: 0 } });
    expect(sync.client.unreadableCounts).toEqual({ members: 1, teams: 0, contacts: 0 });
    const logged = sync.logLines.find((line) => line['id'] === 'broken0');
    expect(logged).toMatchObject({ kind: 'members', msg: 'left out a record this version cannot read' });
    expect(String(logged?.['reason'])).toContain('displayName');
  });

  it('issue 10.3: a change set with one unreadable member applies the good ones, and the unreadable one leaves the replica', async () => {
    const team = await owner.mutate('team.create', { name: 'Night shift' });
    for (const memberId of ['good1', 'good2', 'good3', 'broken0']) await owner.mutate('member.set_team', { memberId, teamId: team.team.id });
    await expect.poll(() => replicaMembers().get('good3')?.teamId, { timeout: 5_000 }).toBe(team.team.id);
    // good3 was readable when the replica took it; now the hub holds a name this version refuses.
    renamePersonOf('good3', BROKEN_NAME);

    // Deleting the team moves its four members out of it: one change set with all four.
    await owner.mutate('team.delete', { teamId: team.team.id });
    const changed = await sync.waitFor('changes', (event) => event.changes.teams.deleted.includes(team.team.id));
    expect(changed.changes.members.upserted.map((member) => member.id).sort()).toEqual(['good1', 'good2']);

    const members = replicaMembers();
    expect(members.get('good1')?.teamId).toBeNull();
    expect(members.get('good2')?.teamId).toBeNull();
    expect(members.has('good3')).toBe(false);
    expect(members.has('broken0')).toBe(false);
    expect(sync.replica.view(hub.workspaceId)?.snapshot.teams.some((each) => each.id === team.team.id)).toBe(false);
    expect(sync.replica.seqOf(hub.workspaceId)).toBe(changed.seq);
    expect(sync.events.at(-1)).toEqual({ type: 'unreadable', counts: { members: 2, teams: 0, contacts: 0 } });
    expect(sync.logLines.some((line) => line['id'] === 'good3' && line.msg === 'left out a record this version cannot read')).toBe(true);
  });

  it('issue 10.2: a typed request resolves with the parsed result; an answer that does not parse is refused as a hub error, and logged', async () => {
    const team = await sync.client.request('team.create', { name: 'Typed' });
    expect(team.team).toMatchObject({ name: 'Typed', workspaceId: hub.workspaceId });
    // The hub answers with the member as it holds it: a name this version refuses.
    const refused = sync.client.request('member.set_team', { memberId: 'broken0', teamId: team.team.id });
    await expect(refused).rejects.toMatchObject({ code: 'hub_error', message: expect.stringContaining('cannot read') });
    expect(sync.logLines.some((line) => line.msg === 'dropped an answer this version cannot read' && line['type'] === 'member.set_team')).toBe(true);
    await owner.mutate('team.delete', { teamId: team.team.id });
  });

  it('issue 10.3: once the hub sends the member readable again, it is back and no longer counted', async () => {
    renamePersonOf('good3', 'Good Person 3');
    await owner.mutate('member.set_team', { memberId: 'good3', teamId: null });
    const team = await owner.mutate('team.create', { name: 'Day shift' });
    await owner.mutate('member.set_team', { memberId: 'good3', teamId: team.team.id });
    await expect.poll(() => replicaMembers().get('good3')?.teamId, { timeout: 5_000 }).toBe(team.team.id);
    expect(sync.client.unreadableCounts).toEqual({ members: 1, teams: 0, contacts: 0 });
  });
});
