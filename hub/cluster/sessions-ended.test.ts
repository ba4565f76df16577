// Issue 14.2: a session that ends through one instance (sign-out, a password
// change or reset, which delete its row) closes its sockets on every other
// instance: the delete's trigger names the hashes, and the other instances
// hand them to the hub's closeSessions. Messages for members (issue 13.2's
// access_ending) reach their sockets on the other instances too.
import { describe, expect, it } from 'vitest';
import type { MemberMessage } from './cluster-messages';
import { PresenceRegistry } from '../server/presence';
import type { TestInstance } from './cluster-fixtures';
import { AT, eventually, recordingLogger, unique, useTwoInstances, workspaceWithOwner } from './cluster-fixtures';
import type { HubCluster } from './hub-cluster';
import { joinCluster } from './hub-cluster';

let url: string;
let first: TestInstance;
let second: TestInstance;
useTwoInstances('cluster_sessions', (opened) => ({ url, first, second } = opened));

interface Heard {
  cluster: HubCluster;
  closed: string[];
  messages: Array<{ workspaceId: string; memberIds: string[]; message: MemberMessage['message'] }>;
}

async function join(instance: TestInstance): Promise<Heard> {
  const closed: string[] = [];
  const messages: Heard['messages'] = [];
  const cluster = await joinCluster({
    connectionString: url,
    instanceName: instance.name,
    logger: recordingLogger().logger,
    hooks: {
      deliver: () => Promise.resolve(),
      workspaces: () => instance.store.workspaces.all(),
      closeSessions: (hashes) => closed.push(...hashes),
      sendToMembers: (workspaceId, memberIds, message) => messages.push({ workspaceId, memberIds: [...memberIds], message }),
      presence: new PresenceRegistry(),
      tellPresence: () => undefined,
    },
  });
  return { cluster, closed, messages };
}

async function signIn(instance: TestInstance, personId: string): Promise<string> {
  const tokenHash = unique('hash').padEnd(64, '0');
  await instance.store.sessions.insert({ tokenHash, personId, createdAt: AT, expiresAt: AT + 3_600_000 });
  return tokenHash;
}

describe('sessions that end on one instance', () => {
  it('close their sockets on the others, and the instance that ended them is not told again', async () => {
    const { ownerId } = await workspaceWithOwner(first.store);
    const personId = (await first.store.members.byId(ownerId))?.personId ?? '';
    const onFirst = await join(first);
    const onSecond = await join(second);
    try {
      const signedOut = await signIn(first, personId);
      const kept = await signIn(first, personId);
      await first.store.sessions.delete(signedOut);
      await eventually(() => onSecond.closed.length === 1, 'the second instance to hear of the sign-out');
      expect(onSecond.closed).toEqual([signedOut]);

      // A password change ends all but the current session; a reset all of them, here 250 in one statement.
      const many = [kept];
      for (let index = 0; index < 249; index += 1) many.push(await signIn(second, personId));
      const ended = await second.store.sessions.deleteOfPerson(personId, null);
      expect(ended).toHaveLength(250);
      await eventually(() => onFirst.closed.length === 250, 'the first instance to hear of 250 ended sessions');
      expect([...onFirst.closed].sort()).toEqual([...many].sort());
      expect(onSecond.closed).toEqual([signedOut]);
    } finally {
      await Promise.all([onFirst.cluster.close(), onSecond.cluster.close()]);
    }
  }, 30_000);

  it('a rolled-back delete tells nobody', async () => {
    const { ownerId } = await workspaceWithOwner(first.store);
    const personId = (await first.store.members.byId(ownerId))?.personId ?? '';
    const onSecond = await join(second);
    try {
      const session = await signIn(first, personId);
      await expect(
        first.store.transaction(async (tx) => {
          await tx.sessions.delete(session);
          throw new Error('the sign-out failed after the delete');
        }),
      ).rejects.toThrow('the sign-out failed');
      const other = await signIn(first, personId);
      await first.store.sessions.delete(other);
      await eventually(() => onSecond.closed.length === 1, 'the committed sign-out to be heard');
      expect(onSecond.closed).toEqual([other]);
    } finally {
      await onSecond.cluster.close();
    }
  }, 30_000);
});

describe('messages for members', () => {
  it('reach their sockets on the other instances, in as many notifications as the member list needs', async () => {
    const onFirst = await join(first);
    const onSecond = await join(second);
    try {
      const memberIds = Array.from({ length: 400 }, (_, index) => `member-${index}-${'x'.repeat(30)}`);
      const message = { type: 'access_ending' as const, notices: [{ memberId: 'member-0', displayName: 'Ann', email: 'ann@example.com', accessUntil: AT, isSelf: false }] };
      await onFirst.cluster.sendToMembers('ws-1', memberIds, message);
      await eventually(() => onSecond.messages.flatMap((sent) => sent.memberIds).length === 400, 'every member to be reached');
      expect(onSecond.messages.length).toBeGreaterThan(1);
      expect(onSecond.messages.every((sent) => sent.workspaceId === 'ws-1' && sent.message.notices[0]?.displayName === 'Ann')).toBe(true);
      expect(onSecond.messages.flatMap((sent) => sent.memberIds)).toEqual(memberIds);
      expect(onFirst.messages).toEqual([]);
    } finally {
      await Promise.all([onFirst.cluster.close(), onSecond.cluster.close()]);
    }
  }, 30_000);
});
