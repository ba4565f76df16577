// Issue 14.2 end to end: two hubs (startHub) on one PostgreSQL database, a
// desktop on each. What is done through one reaches the sockets of the
// other: a change in order, a revoke (the member's socket is closed by the
// fan-out), a sign-out (the session's socket is closed), presence both ways.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLOSE_CODES } from '../../shared/protocol';
import { startPostgresServer, type PostgresServer } from '../testing/postgres-server';
import { TestClient } from '../testing/test-client';
import type { TestHub } from '../testing/test-hub';
import { MEMBER_PASSWORD, OWNER_PASSWORD, startTestHub } from '../testing/test-hub';

let server: PostgresServer;
let first: TestHub;
let second: TestHub;
let databases = 0;

beforeAll(async () => {
  server = await startPostgresServer();
}, 60_000);

afterAll(async () => {
  await server?.stop();
}, 60_000);

/** Two hubs on a fresh database: the first makes the workspace, the second finds it. */
async function twoHubs(): Promise<void> {
  const database = await server.createDatabase(`two_hubs_${++databases}`);
  first = await startTestHub({ database });
  second = await startTestHub({ database });
  expect(second.workspaceId).toBe(first.workspaceId);
}

async function stopBoth(): Promise<void> {
  await Promise.all([first?.stop(), second?.stop()]);
}

/** A member's socket on `hub`, signed in with a session of its own. */
async function connectOn(hub: TestHub, email: string, password: string): Promise<{ client: TestClient; token: string }> {
  const session = await hub.signIn(email, password);
  const client = await TestClient.open(hub.hub.socketUrl, session.token, hub.workspaceId);
  await client.subscribe(null);
  return { client, token: session.token };
}

/** The socket's close code, or a failure naming `what` when it is still open after 10 s. */
function closedWithin(client: TestClient, what: string): Promise<number> {
  return Promise.race([client.closed(), new Promise<number>((_, reject) => setTimeout(() => reject(new Error(`${what} was not closed within 10 s`)), 10_000))]);
}

describe('two hubs on one PostgreSQL', () => {
  it('deliver a change made through one to a desktop on the other, in order (D4)', async () => {
    await twoHubs();
    try {
      const owner = await first.connect(first.ownerEmail, OWNER_PASSWORD);
      await first.addMember(owner, 'agent@example.com', 'agent');
      const { client: agent } = await connectOn(second, 'agent@example.com', MEMBER_PASSWORD);
      const before = agent.lastSeq;
      for (let index = 0; index < 5; index += 1) await owner.mutate('team.create', { name: `Team ${index}` });
      await agent.waitFor('changes', (message) => message.seq === before + 5, 5_000);
      const changes = agent.received.filter((message) => message.type === 'changes');
      // Each frame starts where the one before ended: nothing missed, nothing twice.
      for (let index = 1; index < changes.length; index += 1) expect(changes[index]?.fromSeq).toBe(changes[index - 1]?.seq);
      expect(changes[0]?.fromSeq).toBe(before);
      agent.close();
    } finally {
      await stopBoth();
    }
  }, 60_000);

  it('close a revoked member’s socket on the other hub (V1)', async () => {
    await twoHubs();
    try {
      const owner = await first.connect(first.ownerEmail, OWNER_PASSWORD);
      const agentId = await first.addMember(owner, 'agent@example.com', 'agent');
      const { client: agent } = await connectOn(second, 'agent@example.com', MEMBER_PASSWORD);
      await owner.mutate('member.revoke', { input: { memberId: agentId, reassignContactsTo: null } });
      expect(await closedWithin(agent, 'the revoked member’s socket')).toBe(CLOSE_CODES.revoked);
      expect(agent.received.some((message) => message.type === 'revoked')).toBe(true);
    } finally {
      await stopBoth();
    }
  }, 60_000);

  it('close the sockets of a session signed out through the other hub', async () => {
    await twoHubs();
    try {
      const owner = await first.connect(first.ownerEmail, OWNER_PASSWORD);
      await first.addMember(owner, 'agent@example.com', 'agent');
      const { client: agent, token } = await connectOn(second, 'agent@example.com', MEMBER_PASSWORD);
      const response = await fetch(`${first.hub.url}/api/sign-out`, { method: 'POST', headers: { authorization: `Bearer ${token}`, connection: 'close' } });
      expect(response.ok).toBe(true);
      expect(await closedWithin(agent, 'the signed-out session’s socket')).toBe(CLOSE_CODES.sessionEnded);
    } finally {
      await stopBoth();
    }
  }, 60_000);

  it('show a member online on one hub to an admin on the other, and offline once they leave (U3)', async () => {
    await twoHubs();
    try {
      const owner = await first.connect(first.ownerEmail, OWNER_PASSWORD);
      const agentId = await first.addMember(owner, 'agent@example.com', 'agent');
      const { client: agent } = await connectOn(second, 'agent@example.com', MEMBER_PASSWORD);
      await owner.waitFor('presence', (message) => message.presence.some((moved) => moved.memberId === agentId && moved.isOnline), 5_000);
      agent.close();
      const offline = await owner.waitFor('presence', (message) => message.presence.some((moved) => moved.memberId === agentId && !moved.isOnline), 5_000);
      expect(offline.presence.find((moved) => moved.memberId === agentId)?.lastSeenAt).toEqual(expect.any(Number));
    } finally {
      await stopBoth();
    }
  }, 60_000);
});
