// Issue 9.7: a socket does not outlive its session. When the session reaches
// its end of life, its open sockets close at that moment with their own close
// code (4002), and the token opens no new one. One timer serves every socket
// (session-expiry-timer.ts): a socket whose session ends sooner than those
// already open, or one left waiting after the earliest closed, still closes
// at its own end.
import WebSocket from 'ws';
import { afterEach, describe, expect, it } from 'vitest';
import { CLOSE_CODES } from '../shared/protocol';
import { hashToken, newSecretToken } from './auth/tokens';
import { TestClient } from './testing/test-client';
import type { TestHub } from './testing/test-hub';
import { OWNER_PASSWORD, startTestHub } from './testing/test-hub';

const TTL_MS = 1_500;
let hub: TestHub;
afterEach(() => hub.stop());

function upgradeStatus(url: string, token: string): Promise<number> {
  return new Promise((resolve) => {
    const socket = new WebSocket(url, { headers: { authorization: `Bearer ${token}` } });
    socket.once('open', () => {
      socket.close();
      resolve(101);
    });
    socket.once('unexpected-response', (_request, response) => resolve(response.statusCode ?? 0));
    socket.once('error', () => resolve(0));
  });
}

/** A session of the Owner that ends `lifetimeMs` from now, written straight into the store (the hub's TTL is the same for every sign-in). */
async function ownerSessionEnding(lifetimeMs: number): Promise<string> {
  const token = newSecretToken();
  const owner = await hub.hub.store.people.byEmail(hub.ownerEmail);
  if (!owner) throw new Error('no owner');
  await hub.hub.store.sessions.insert({ tokenHash: hashToken(token), personId: owner.id, createdAt: Date.now(), expiresAt: Date.now() + lifetimeMs });
  return token;
}

/** Opens and subscribes a socket on this token; resolves with how long after `from` it was closed, and its code. */
async function closedAfter(token: string, from: number): Promise<{ code: number; ms: number }> {
  const client = await TestClient.open(hub.hub.socketUrl, token, hub.workspaceId);
  await client.subscribe(null);
  const code = await client.closed();
  return { code, ms: Date.now() - from };
}

describe('session expiry', () => {
  it('issue 9.7: an open socket is closed with 4002 when its session expires, not before', async () => {
    hub = await startTestHub({ sessionTtlMs: TTL_MS });
    const signedInAt = Date.now();
    const session = await hub.signIn(hub.ownerEmail, OWNER_PASSWORD);
    const client = await TestClient.open(hub.hub.socketUrl, session.token, hub.workspaceId);
    await client.subscribe(null);
    const code = await client.closed();
    const closedAfter = Date.now() - signedInAt;
    expect(code).toBe(CLOSE_CODES.sessionExpired);
    expect(closedAfter).toBeGreaterThanOrEqual(TTL_MS - 50);
    expect(closedAfter).toBeLessThan(TTL_MS + 1_000);
    expect(await upgradeStatus(`${hub.hub.socketUrl}?workspace=${hub.workspaceId}`, session.token)).toBe(401);
  });

  it('issue 9.7: only the expired session’s sockets close; a newer session stays connected', async () => {
    hub = await startTestHub({ sessionTtlMs: TTL_MS });
    const first = await hub.signIn(hub.ownerEmail, OWNER_PASSWORD);
    const older = await TestClient.open(hub.hub.socketUrl, first.token, hub.workspaceId);
    await new Promise((resolve) => setTimeout(resolve, 700));
    const second = await hub.signIn(hub.ownerEmail, OWNER_PASSWORD);
    const newer = await TestClient.open(hub.hub.socketUrl, second.token, hub.workspaceId);
    expect(await older.closed()).toBe(CLOSE_CODES.sessionExpired);
    expect(newer.closeCode).toBeNull();
    expect(await newer.closed()).toBe(CLOSE_CODES.sessionExpired);
  });

  it('issue 9.7: a socket whose session ends sooner than those of the sockets already open closes at its own end', async () => {
    hub = await startTestHub();
    const longLived = await hub.connect(hub.ownerEmail, OWNER_PASSWORD);
    const from = Date.now();
    const closed = await closedAfter(await ownerSessionEnding(1_200), from);
    expect(closed.code).toBe(CLOSE_CODES.sessionExpired);
    expect(closed.ms).toBeGreaterThanOrEqual(1_150);
    expect(closed.ms).toBeLessThan(2_200);
    expect(longLived.closeCode).toBeNull();
  });

  it('issue 9.7: when the socket whose session ends first is closed before then, the next still closes at its own end', async () => {
    hub = await startTestHub();
    const from = Date.now();
    const first = await TestClient.open(hub.hub.socketUrl, await ownerSessionEnding(600), hub.workspaceId);
    await first.subscribe(null);
    const second = closedAfter(await ownerSessionEnding(1_400), from);
    first.close();
    expect(await first.closed()).not.toBe(CLOSE_CODES.sessionExpired);
    const closed = await second;
    expect(closed.code).toBe(CLOSE_CODES.sessionExpired);
    expect(closed.ms).toBeGreaterThanOrEqual(1_350);
    expect(closed.ms).toBeLessThan(2_400);
  });

  it('issue 9.7: a 30-day session’s socket stays open (a wait longer than a Node timer holds is not cut short)', async () => {
    hub = await startTestHub();
    const client = await hub.connect(hub.ownerEmail, OWNER_PASSWORD);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(client.closeCode).toBeNull();
    expect(hub.hub.connectionCount()).toBe(1);
  });
});
