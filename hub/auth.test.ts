// Sign-in, sessions and the socket upgrade: refused before the socket opens
// without a valid token, for a foreign Origin, or for someone else's workspace.
import { connect } from 'node:net';
import WebSocket from 'ws';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CLOSE_CODES } from '../shared/protocol';
import { DEFAULT_PASSWORD_LIMITS } from './auth/password-guard';
import type { TestHub } from './testing/test-hub';
import { OWNER_PASSWORD, startTestHub } from './testing/test-hub';
import { TestClient } from './testing/test-client';

let hub: TestHub;
beforeEach(async () => {
  hub = await startTestHub({ passwordLimits: { ...DEFAULT_PASSWORD_LIMITS, attemptsPerAccountAndAddress: 3 }, idleRequestTimeoutMs: 500 });
});
afterEach(() => hub.stop());

async function signInStatus(email: string, password: string): Promise<{ status: number; body: { error?: { code: string; message: string }; token?: string } }> {
  const response = await fetch(`${hub.hub.url}/api/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  return { status: response.status, body: (await response.json()) as { error?: { code: string; message: string } } };
}

/** The HTTP status of an upgrade attempt, or 101 when the socket opened. */
function upgradeStatus(url: string, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve) => {
    const socket = new WebSocket(url, { headers });
    socket.once('open', () => {
      socket.close();
      resolve(101);
    });
    socket.once('unexpected-response', (_request, response) => resolve(response.statusCode ?? 0));
    socket.once('error', () => resolve(0));
  });
}

describe('sign-in', () => {
  it('returns a 256-bit session token and the person’s workspaces', async () => {
    const session = await hub.signIn(hub.ownerEmail, OWNER_PASSWORD);
    expect(Buffer.from(session.token, 'base64url')).toHaveLength(32);
    expect(session.workspaces).toEqual([expect.objectContaining({ workspaceId: hub.workspaceId, level: 'owner', workspaceName: 'Support' })]);
  });

  it('stores only the hash of the session token', async () => {
    const session = await hub.signIn(hub.ownerEmail, OWNER_PASSWORD);
    const raw = hub.hub.store;
    expect(await raw.sessions.valid(session.token, Date.now())).toBeUndefined();
  });

  it('refuses a wrong password with one message whether or not the email exists', async () => {
    const wrong = await signInStatus(hub.ownerEmail, 'not-the-password');
    const unknown = await signInStatus('nobody@example.com', 'not-the-password');
    expect(wrong).toEqual({ status: 401, body: { error: { code: 'invalid_credentials', message: 'The email or password is not right.' } } });
    expect(unknown).toEqual(wrong);
  });

  it('limits failed attempts, then refuses even the right password for a while', async () => {
    for (let attempt = 0; attempt < 3; attempt += 1) expect((await signInStatus(hub.ownerEmail, 'guess-number-x')).status).toBe(401);
    const limited = await signInStatus(hub.ownerEmail, OWNER_PASSWORD);
    expect(limited.status).toBe(429);
    expect(limited.body.error?.message).toMatch(/Too many password attempts\. Try again in \d+ minutes?\./);
  });

  it('refuses a malformed body with a clear error', async () => {
    const response = await fetch(`${hub.hub.url}/api/sign-in`, { method: 'POST', body: '{not json' });
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ error: { code: 'bad_json', message: 'The request body is not valid JSON.' } });
  });

  it('signing out ends the session and closes its sockets', async () => {
    const session = await hub.signIn(hub.ownerEmail, OWNER_PASSWORD);
    const client = await TestClient.open(hub.hub.socketUrl, session.token, hub.workspaceId);
    await client.subscribe(null);
    const closed = client.closed();
    const response = await fetch(`${hub.hub.url}/api/sign-out`, { method: 'POST', headers: { authorization: `Bearer ${session.token}` } });
    expect(response.status).toBe(200);
    expect(await closed).toBe(CLOSE_CODES.sessionEnded);
    expect(await upgradeStatus(`${hub.hub.socketUrl}?workspace=${hub.workspaceId}`, { authorization: `Bearer ${session.token}` })).toBe(401);
  });
});

describe('socket upgrade', () => {
  it('opens for a member with a valid token', async () => {
    const session = await hub.signIn(hub.ownerEmail, OWNER_PASSWORD);
    expect(await upgradeStatus(`${hub.hub.socketUrl}?workspace=${hub.workspaceId}`, { authorization: `Bearer ${session.token}` })).toBe(101);
  });

  it('refuses a missing token before the socket opens', async () => {
    expect(await upgradeStatus(`${hub.hub.socketUrl}?workspace=${hub.workspaceId}`, {})).toBe(401);
  });

  it('refuses a made-up token', async () => {
    const token = Buffer.alloc(32, 7).toString('base64url');
    expect(await upgradeStatus(`${hub.hub.socketUrl}?workspace=${hub.workspaceId}`, { authorization: `Bearer ${token}` })).toBe(401);
  });

  it('refuses a foreign Origin even with a valid token', async () => {
    const session = await hub.signIn(hub.ownerEmail, OWNER_PASSWORD);
    const headers = { authorization: `Bearer ${session.token}`, origin: 'https://evil.example' };
    expect(await upgradeStatus(`${hub.hub.socketUrl}?workspace=${hub.workspaceId}`, headers)).toBe(403);
  });

  it('closes a connection that never finishes asking for an upgrade', async () => {
    const port = Number(new URL(hub.hub.url).port);
    const socket = connect(port, '127.0.0.1');
    await new Promise((resolve) => socket.once('connect', resolve));
    let answer = '';
    socket.on('data', (chunk: Buffer) => (answer += chunk.toString()));
    socket.write('GET /ws HTTP/1.1\r\nHost: 127.0.0.1\r\n');
    await new Promise((resolve) => socket.once('close', resolve));
    expect(answer).toMatch(/^HTTP\/1\.1 408/);
  });

  it('refuses a workspace the person is not a member of', async () => {
    const session = await hub.signIn(hub.ownerEmail, OWNER_PASSWORD);
    expect(await upgradeStatus(`${hub.hub.socketUrl}?workspace=someone-elses`, { authorization: `Bearer ${session.token}` })).toBe(403);
  });
});
