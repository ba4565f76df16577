// U3: what a desktop hears of presence right after subscribing. A snapshot's
// member rows already say who is online and when each was last seen, so only
// the members online now follow it (and those whose presence moved while it
// streamed); a catch-up by changes gets every member's, since an offline
// member's last seen moves without any change to carry it.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Presence } from '../shared/protocol';
import type { TestClient } from './testing/test-client';
import type { TestHub } from './testing/test-hub';
import { MEMBER_PASSWORD, OWNER_PASSWORD, startTestHub } from './testing/test-hub';

let hub: TestHub;
let owner: TestClient;
let ownerId: string;

beforeEach(async () => {
  hub = await startTestHub();
  owner = await hub.connect(hub.ownerEmail, OWNER_PASSWORD);
  ownerId = (await owner.waitFor('snapshot')).snapshot.selfMemberId;
});
afterEach(() => hub.stop());

/** A member who signed in once and left: offline, last seen when they left. */
async function cameAndWent(email: string): Promise<void> {
  // Only a presence message of this visit counts: one from accepting the invitation may already be there.
  const fromIndex = owner.received.length;
  const desktop = await hub.connect(email, MEMBER_PASSWORD);
  desktop.close();
  await desktop.closed();
  const memberId = (await hub.hub.store.members.inWorkspace(hub.workspaceId)).find((member) => member.email === email)?.id;
  await owner.waitFor(
    'presence',
    (message) => owner.received.indexOf(message) >= fromIndex && message.presence.some((each) => !each.isOnline && each.memberId === memberId),
  );
}

/** Presence as a desktop ends up knowing it: the snapshot's rows, then every presence message over them. */
function presenceKnownBy(desktop: TestClient): Map<string, Pick<Presence, 'isOnline' | 'lastSeenAt'>> {
  const known = new Map<string, Pick<Presence, 'isOnline' | 'lastSeenAt'>>();
  for (const message of desktop.received) {
    if (message.type === 'snapshot') for (const member of message.snapshot.members) known.set(member.id, { isOnline: member.isOnline, lastSeenAt: member.lastSeenAt });
    if (message.type === 'presence') for (const each of message.presence) known.set(each.memberId, { isOnline: each.isOnline, lastSeenAt: each.lastSeenAt });
  }
  return known;
}

describe('U3: presence after subscribing', () => {
  it('U3: a desktop subscribing with a snapshot sees who is online and when the others were last seen, without every member listed again', async () => {
    const onlineId = await hub.addMember(owner, 'online@example.com', 'agent');
    const awayId = await hub.addMember(owner, 'away@example.com', 'agent');
    const neverId = await hub.addMember(owner, 'never@example.com', 'agent');
    await hub.addMember(owner, 'manager@example.com', 'manager');
    await cameAndWent('away@example.com');
    await hub.connect('online@example.com', MEMBER_PASSWORD);
    const awayLastSeen = (await hub.hub.store.members.byId(awayId))?.lastSeenAt ?? null;
    expect(awayLastSeen).not.toBeNull();

    const manager = await hub.connect('manager@example.com', MEMBER_PASSWORD);
    const managerId = (await manager.waitFor('snapshot')).snapshot.selfMemberId;
    const list = await manager.waitFor('presence');

    const known = presenceKnownBy(manager);
    expect(known.get(onlineId)).toEqual({ isOnline: true, lastSeenAt: (await hub.hub.store.members.byId(onlineId))?.lastSeenAt });
    expect(known.get(managerId)?.isOnline).toBe(true);
    expect(known.get(awayId)).toEqual({ isOnline: false, lastSeenAt: awayLastSeen });
    expect(known.get(neverId)).toEqual({ isOnline: false, lastSeenAt: null });
    // The list after a snapshot names those online, not the members the snapshot already told about.
    expect(list.presence.map((each) => each.memberId).sort()).toEqual([ownerId, onlineId, managerId].sort());
  });

  it('U3: a member who leaves while the snapshot is on its way is shown offline, last seen when they left', async () => {
    const leavingId = await hub.addMember(owner, 'leaving@example.com', 'agent');
    await hub.addMember(owner, 'manager@example.com', 'manager');
    const leaving = await hub.connect('leaving@example.com', MEMBER_PASSWORD);
    await owner.waitFor('presence', (message) => message.presence.some((each) => each.memberId === leavingId && each.isOnline));
    const reads = hub.hub.store.reads;
    const withReadTransaction = reads.withReadTransaction.bind(reads);
    // The manager's snapshot reads the workspace as it was, then the member leaves before a row of it is sent.
    reads.withReadTransaction = (read) =>
      withReadTransaction(async (reader) => {
        reads.withReadTransaction = withReadTransaction;
        for await (const rows of reader.lastSeen(hub.workspaceId)) for (const row of rows) expect(row.id).toBeDefined();
        leaving.close();
        await owner.waitFor('presence', (message) => message.presence.some((each) => each.memberId === leavingId && !each.isOnline));
        return read(reader);
      });

    const manager = await hub.connect('manager@example.com', MEMBER_PASSWORD);
    const snapshotRow = (await manager.waitFor('snapshot')).snapshot.members.find((member) => member.id === leavingId);
    await manager.waitFor('presence');
    const leftAt = (await hub.hub.store.members.byId(leavingId))?.lastSeenAt;
    // The snapshot's row still has the last seen of when they came online: only the list after it can put that right.
    expect(snapshotRow?.lastSeenAt).not.toBe(leftAt);
    expect(presenceKnownBy(manager).get(leavingId)).toEqual({ isOnline: false, lastSeenAt: leftAt });
  });

  it('U3: a desktop catching up by changes gets the last seen of members who came and went while it was away', async () => {
    const awayId = await hub.addMember(owner, 'away@example.com', 'agent');
    await hub.addMember(owner, 'manager@example.com', 'manager');
    await cameAndWent('away@example.com');
    const manager = await hub.connect('manager@example.com', MEMBER_PASSWORD);
    await manager.waitFor('presence');
    const since = manager.lastSeq;
    const before = presenceKnownBy(manager).get(awayId)?.lastSeenAt ?? 0;
    manager.close();
    await manager.closed();

    // Seen again while the manager was away: no change in the log carries it.
    await new Promise((resolve) => setTimeout(resolve, 5));
    await cameAndWent('away@example.com');
    const moved = (await hub.hub.store.members.byId(awayId))?.lastSeenAt ?? 0;
    expect(moved).toBeGreaterThan(before);

    const back = await hub.connect('manager@example.com', MEMBER_PASSWORD, { since });
    expect(back.received.find((message) => message.type === 'reply' && message.ok)).toMatchObject({ result: { mode: 'changes' } });
    await back.waitFor('presence');
    expect(back.snapshots()).toHaveLength(0);
    expect(presenceKnownBy(back).get(awayId)).toEqual({ isOnline: false, lastSeenAt: moved });
  });
});
