// Issue 12.3 on the desktop: a snapshot streamed in parts is written to the
// replica as it arrives, unseen until its end, with its progress reported;
// a connection cut midway leaves the previous copy (or none) exactly as it
// was, and the client asks again and gets a whole snapshot; one record this
// version cannot read is counted and left out, the rest applied. Real hub,
// real relay, real replica file.
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HUB_DATABASE_FILE } from '../../../hub';
import type { TcpRelay, TestClient, TestHub } from '../../../hub/testing';
import { MEMBER_PASSWORD, OWNER_PASSWORD, startTcpRelay, startTestHub } from '../../../hub/testing';
import type { SyncProgress } from '../../../shared/api/sync-progress';
import { NO_RESTRICTIONS } from '../../../shared/policy';
import type { SyncHarness } from './testing/sync-harness';
import { startSyncHarness } from './testing/sync-harness';

/** Some 7 MB on the wire: several parts, more than the sockets take in one go. */
const SEEDED_MEMBERS = 12_000;
const LONG_NAME = 'Bartholomew Fitzgerald-Montgomery Oyelaran-Vasquez de la Fuente y Castellanos';
/** A bell character: the shared schema refuses control characters in names. */
const BROKEN_NAME = 'Broken\u0007Name';

let hub: TestHub;
let owner: TestClient;
let relay: TcpRelay;
let sync: SyncHarness;
let managerId: string;

beforeAll(async () => {
  // This one process is hub, relay and desktop: a 1-second heartbeat could end sockets while it writes the replica.
  hub = await startTestHub({ heartbeatMs: 60_000 });
  owner = await hub.connect(hub.ownerEmail, OWNER_PASSWORD);
  managerId = await hub.addMember(owner, 'manny@example.com', 'manager');
  const sqlite = new Database(join(hub.dataDir, HUB_DATABASE_FILE));
  const person = sqlite.prepare('INSERT INTO people (id, email, display_name, created_at, updated_at) VALUES (?, ?, ?, 0, 0)');
  const member = sqlite.prepare(
    "INSERT INTO members (id, workspace_id, person_id, level, restrictions, status, invited_at, joined_at, version) VALUES (?, ?, ?, 'agent', ?, 'active', 0, 1, 1)",
  );
  sqlite.transaction(() => {
    for (let index = 0; index < SEEDED_MEMBERS; index += 1) {
      // One member in the middle has a name this version cannot read.
      const name = index === SEEDED_MEMBERS / 2 ? BROKEN_NAME : `${LONG_NAME} ${index}`;
      person.run(`p-bulk${index}`, `bulk.member.${index}@example.com`, name);
      member.run(`bulk${index}`, hub.workspaceId, `p-bulk${index}`, JSON.stringify(NO_RESTRICTIONS));
    }
  })();
  sqlite.close();
  relay = await startTcpRelay(hub.hub.url);
  const session = await hub.signIn('manny@example.com', MEMBER_PASSWORD);
  sync = await startSyncHarness({ hubUrl: relay.url, token: session.token, personId: session.personId, workspaceId: hub.workspaceId });
}, 60_000);

afterAll(async () => {
  await sync.close();
  await relay.close();
  await hub.stop();
});

/** The workspace's members in the replica, as the screens read it. */
function replicaMembers() {
  return sync.replica.view(hub.workspaceId)?.snapshot.members ?? [];
}

function progressSince(index: number): SyncProgress[] {
  return sync.events.slice(index).flatMap((event) => (event.type === 'progress' ? [event.progress] : []));
}

/**
 * Cuts the line as soon as the first part of the next snapshot is in the
 * staging transaction; returns what a screen read from the replica just then.
 */
async function cutAfterFirstPart(since: number): Promise<ReturnType<SyncHarness['replica']['view']>> {
  await sync.waitFor('progress', (event) => sync.events.indexOf(event) >= since && event.progress.phase === 'receiving' && event.progress.members.received > 0, 20_000);
  const seenMeanwhile = sync.replica.view(hub.workspaceId);
  relay.cutAll();
  await sync.waitFor('progress', (event) => sync.events.indexOf(event) >= since && event.progress.phase === 'abandoned', 20_000);
  return seenMeanwhile;
}

describe('issue 12.3: the desktop takes a streamed snapshot', () => {
  it('issue 12.3: a first sync cut midway leaves no copy, and asking again brings the whole workspace, with its progress counted', async () => {
    sync.client.start();
    // While parts were being staged, the screens saw no copy, not part of one.
    expect(await cutAfterFirstPart(0)).toBeNull();
    expect(sync.replica.view(hub.workspaceId)).toBeNull();
    expect(sync.logLines.some((line) => line.msg.startsWith('abandoned a snapshot before its end') && line['reason'] === 'the connection closed')).toBe(true);

    const retried = sync.events.length;
    await sync.waitFor('snapshot', () => true, 60_000);
    await sync.waitOnline(10_000);
    const progress = progressSince(retried);
    const total = SEEDED_MEMBERS + 2;
    expect(progress[0]).toMatchObject({ phase: 'receiving', workspaceId: hub.workspaceId, members: { received: 0, total } });
    const receiving = progress.filter((each) => each.phase === 'receiving').map((each) => each.members.received);
    expect(receiving.length).toBeGreaterThan(3);
    expect(receiving).toEqual([...receiving].sort((a, b) => a - b));
    expect(progress.at(-1)).toMatchObject({ phase: 'done', members: { received: total, total } });
    // The owner, the manager and every readable member; the broken one is counted and left out.
    expect(replicaMembers()).toHaveLength(total - 1);
    expect(sync.client.unreadableCounts).toEqual({ members: 1, teams: 0, contacts: 0 });
    expect(sync.events).toContainEqual({ type: 'unreadable', counts: { members: 1, teams: 0, contacts: 0 } });
  }, 120_000);

  it('issue 12.3: a fresh snapshot cut midway leaves the previous copy exactly as it was; on reconnect a whole snapshot replaces it', async () => {
    const before = sync.replica.view(hub.workspaceId);
    expect(before?.snapshot.members.find((member) => member.id === managerId)?.restrictions.dataExport).toBe(false);
    const since = sync.events.length;
    // The manager's own access changes: the hub sends their desktop a fresh snapshot.
    // The replica holds the manager as the hub last sent them, version included.
    const version = before?.snapshot.members.find((member) => member.id === managerId)?.version ?? 1;
    await owner.mutate('member.edit', { input: { memberId: managerId, level: 'manager', restrictions: { dataExport: true }, baseVersion: version } });
    const seenMeanwhile = await cutAfterFirstPart(since);
    expect(seenMeanwhile).toEqual(before);

    const after = sync.replica.view(hub.workspaceId);
    expect(after?.seq).toBe(before?.seq);
    expect(after?.snapshot.members).toHaveLength(before?.snapshot.members.length ?? -1);
    expect(after?.snapshot.members.find((member) => member.id === managerId)?.restrictions.dataExport).toBe(false);

    // Reconnecting from the old seq: the log holds a change to the manager's own access, so the hub sends a whole snapshot.
    await sync.waitFor('snapshot', (event) => sync.events.indexOf(event) > since, 60_000);
    const fresh = replicaMembers();
    expect(fresh).toHaveLength(SEEDED_MEMBERS + 1);
    expect(fresh.find((member) => member.id === managerId)?.restrictions.dataExport).toBe(true);
    expect(sync.replica.seqOf(hub.workspaceId)).toBeGreaterThan(before?.seq ?? 0);
    expect(progressSince(since).filter((each) => each.phase === 'done')).toHaveLength(1);
  }, 120_000);
});
