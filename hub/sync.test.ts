// D4 and the sync contract: desktops see each other's changes and presence
// live, catch up after a reconnect (or get a snapshot when too far behind),
// and a retried mutation is applied once.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TestClient } from './testing/test-client';
import type { TestHub } from './testing/test-hub';
import { MEMBER_PASSWORD, OWNER_PASSWORD, startTestHub } from './testing/test-hub';

let hub: TestHub;
let owner: TestClient;
let ownerId: string;

beforeEach(async () => {
  hub = await startTestHub({ changeLogRetention: 50 });
  owner = await hub.connect(hub.ownerEmail, OWNER_PASSWORD);
  ownerId = (await owner.waitFor('snapshot')).snapshot.selfMemberId;
});
afterEach(() => hub.stop());

describe('D4: live changes between desktops', () => {
  it('D4: a change made on one desktop reaches the other without asking', async () => {
    const managerId = await hub.addMember(owner, 'm@example.com', 'manager');
    const manager = await hub.connect('m@example.com', MEMBER_PASSWORD);
    const created = await owner.mutate('team.create', { name: 'Night shift' });
    const seen = await manager.waitFor('changes', (message) => message.changes.teams.upserted.some((team) => team.id === created.team.id));
    expect(seen.changes.teams.upserted[0]?.name).toBe('Night shift');
    expect(seen.seq).toBe((await hub.hub.store.workspaces.byId(hub.workspaceId))?.seq);
    await manager.mutate('member.invite', { input: { email: 'new@example.com', level: 'agent' } });
    await owner.waitFor('changes', (message) => message.changes.members.upserted.some((member) => member.email === 'new@example.com'));
    expect(managerId).toBeDefined();
  });

  it('D4: changes arrive in order with no gap in sequence numbers', async () => {
    await hub.addMember(owner, 'm@example.com', 'manager');
    const manager = await hub.connect('m@example.com', MEMBER_PASSWORD);
    const start = manager.lastSeq;
    for (let index = 0; index < 10; index += 1) await owner.mutate('team.create', { name: `Team ${index}` });
    await manager.waitFor('changes', (message) => message.changes.teams.upserted.some((team) => team.name === 'Team 9'));
    const changes = manager.received.filter((message) => message.type === 'changes' && message.seq > start);
    let expected = start;
    for (const message of changes) {
      if (message.type !== 'changes') continue;
      expect(message.fromSeq).toBe(expected);
      expected = message.seq;
    }
    expect(expected - start).toBe(10);
  });
});

describe('U3/U4: presence', () => {
  it('U3: a member shows online while connected from any number of desktops, and offline with last seen after', async () => {
    const memberId = await hub.addMember(owner, 'm@example.com', 'manager');
    const first = await hub.connect('m@example.com', MEMBER_PASSWORD);
    await owner.waitFor('presence', (message) => message.presence.some((each) => each.memberId === memberId && each.isOnline));
    const second = await hub.connect('m@example.com', MEMBER_PASSWORD);
    const countBefore = owner.received.filter((message) => message.type === 'presence').length;
    first.close();
    await first.closed();
    await second.call('activity');
    expect(owner.received.filter((message) => message.type === 'presence').length).toBe(countBefore);
    second.close();
    const offline = await owner.waitFor('presence', (message) => message.presence.some((each) => each.memberId === memberId && !each.isOnline));
    const lastSeen = offline.presence[0]?.lastSeenAt ?? 0;
    expect(Date.now() - lastSeen).toBeLessThan(5_000);
    expect((await hub.hub.store.members.byId(memberId))?.lastSeenAt).toBe(lastSeen);
  });

  it('U3: a subscriber gets everyone’s presence at once, itself included', async () => {
    const presence = await owner.waitFor('presence', (message) => message.presence.some((each) => each.memberId === ownerId));
    expect(presence.presence.find((each) => each.memberId === ownerId)?.isOnline).toBe(true);
  });

  it('U3: a dead socket is dropped by the heartbeat and the member goes offline', async () => {
    const memberId = await hub.addMember(owner, 'm@example.com', 'manager');
    const member = await hub.connect('m@example.com', MEMBER_PASSWORD);
    await owner.waitFor('presence', (message) => message.presence.some((each) => each.memberId === memberId && each.isOnline));
    // Stop answering pings, as a desktop that lost its network would.
    member.socket.pong = () => undefined;
    (member.socket as unknown as { _receiver: { removeAllListeners(event: string): void } })._receiver.removeAllListeners('ping');
    await owner.waitFor('presence', (message) => message.presence.some((each) => each.memberId === memberId && !each.isOnline), 5_000);
  });
});

describe('catch-up after a reconnect', () => {
  it('a desktop that was away gets exactly what it missed', async () => {
    const since = owner.lastSeq;
    owner.close();
    await owner.closed();
    const other = await hub.connect(hub.ownerEmail, OWNER_PASSWORD);
    await other.mutate('team.create', { name: 'While away' });
    const back = await hub.connect(hub.ownerEmail, OWNER_PASSWORD, { since });
    expect(back.received.find((message) => message.type === 'reply' && message.ok)).toMatchObject({ result: { mode: 'changes' } });
    const caughtUp = await back.waitFor('changes');
    expect(caughtUp.fromSeq).toBe(since);
    expect(caughtUp.changes.teams.upserted.map((team) => team.name)).toEqual(['While away']);
    expect(back.snapshots()).toHaveLength(0);
  });

  it('a desktop further behind than the kept log gets a full snapshot', async () => {
    const since = owner.lastSeq;
    for (let index = 0; index < 60; index += 1) await owner.mutate('team.create', { name: `T${index}` });
    hub = await hub.restart();
    const back = await hub.connect(hub.ownerEmail, OWNER_PASSWORD, { since });
    expect((await back.waitFor('snapshot')).snapshot.teams).toHaveLength(60);
  });

  it('a desktop whose sequence is ahead of the hub (a restored hub) gets a full snapshot', async () => {
    const ahead = await hub.connect(hub.ownerEmail, OWNER_PASSWORD, { since: 10_000 });
    expect(ahead.snapshots()).toHaveLength(1);
  });
});

describe('idempotent retries', () => {
  it('the same mutation id sent twice is applied once and answered the same', async () => {
    const first = await owner.mutate('team.create', { name: 'Once' }, 'mutation-once-1');
    const seq = (await hub.hub.store.workspaces.byId(hub.workspaceId))?.seq;
    const second = await owner.mutate('team.create', { name: 'Once' }, 'mutation-once-1');
    expect(second).toEqual(first);
    expect((await hub.hub.store.workspaces.byId(hub.workspaceId))?.seq).toBe(seq);
    expect(await hub.hub.store.teams.inWorkspace(hub.workspaceId)).toHaveLength(1);
  });

  it('a retry after the hub restarted is still applied once', async () => {
    await owner.mutate('team.create', { name: 'Survives' }, 'mutation-restart-1');
    hub = await hub.restart();
    const again = await hub.connect(hub.ownerEmail, OWNER_PASSWORD);
    await again.mutate('team.create', { name: 'Survives' }, 'mutation-restart-1');
    expect(await hub.hub.store.teams.inWorkspace(hub.workspaceId)).toHaveLength(1);
  });

  it('a refused mutation is not remembered, so a corrected retry with the same id can succeed', async () => {
    await owner.mutate('team.create', { name: 'Taken' });
    await expect(owner.mutate('team.create', { name: 'taken' }, 'mutation-dup-1')).rejects.toMatchObject({ error: { code: 'duplicate_name' } });
    await expect(owner.mutate('team.create', { name: 'Free' }, 'mutation-dup-1')).resolves.toMatchObject({ team: { name: 'Free' } });
  });
});
