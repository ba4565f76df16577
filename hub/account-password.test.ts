// Issue 9.2, around the limiter: changing one's password re-enters the current
// one through the same limiter and signs out the other sessions; signing out
// the other sessions keeps this one. Through a real hub, raw HTTP and sockets.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CLOSE_CODES } from '../shared/protocol';
import { DEFAULT_PASSWORD_LIMITS } from './auth/password-guard';
import { bearer, countStatuses, postJson, signInFrom } from './testing/account-requests';
import { TestClient } from './testing/test-client';
import type { TestHub } from './testing/test-hub';
import { OWNER_PASSWORD, startTestHub } from './testing/test-hub';

const NEW_PASSWORD = 'a-brand-new-password';
let hub: TestHub;
beforeEach(async () => {
  hub = await startTestHub({ trustedProxies: ['127.0.0.1'] });
});
afterEach(() => hub.stop());

async function openSession(): Promise<{ token: string; client: TestClient }> {
  const session = await hub.signIn(hub.ownerEmail, OWNER_PASSWORD);
  const client = await TestClient.open(hub.hub.socketUrl, session.token, hub.workspaceId);
  await client.subscribe(null);
  return { token: session.token, client };
}

const changePassword = (token: string, currentPassword: string, newPassword: string, from?: string) =>
  postJson(`${hub.hub.url}/api/account/password`, { currentPassword, newPassword }, bearer(token, from));

describe('change password', () => {
  it('issue 9.2: a new password works, the old one no longer does, other sessions end (4001) and this one stays', async () => {
    const here = await openSession();
    const elsewhere = await openSession();
    const elsewhereClosed = elsewhere.client.closed();

    expect(await changePassword(here.token, OWNER_PASSWORD, NEW_PASSWORD)).toEqual({ status: 200, body: {} });
    expect(await elsewhereClosed).toBe(CLOSE_CODES.sessionEnded);
    expect(here.client.closeCode).toBeNull();
    expect((await fetch(`${hub.hub.url}/api/me`, { headers: bearer(here.token) })).status).toBe(200);
    expect((await fetch(`${hub.hub.url}/api/me`, { headers: bearer(elsewhere.token) })).status).toBe(401);

    expect((await signInFrom(hub.hub.url, hub.ownerEmail, OWNER_PASSWORD)).body.error?.code).toBe('invalid_credentials');
    expect((await signInFrom(hub.hub.url, hub.ownerEmail, NEW_PASSWORD)).status).toBe(200);
  });

  it('issue 9.2: a wrong current password is refused in plain words and changes nothing', async () => {
    const { token } = await openSession();
    const refused = await changePassword(token, 'not-my-password', NEW_PASSWORD);
    expect(refused).toEqual({ status: 401, body: { error: { code: 'invalid_credentials', message: 'Your current password is not right.' } } });
    expect((await signInFrom(hub.hub.url, hub.ownerEmail, OWNER_PASSWORD)).status).toBe(200);
  });

  it('issue 9.2: guessing the current password from a stolen session meets the same limiter as sign-in', async () => {
    const { token } = await openSession();
    const from = '203.0.113.7';
    const guesses = await Promise.all(Array.from({ length: 50 }, (_, index) => changePassword(token, `guess-number-${index}`, NEW_PASSWORD, from)));
    const limit = DEFAULT_PASSWORD_LIMITS.attemptsPerAccountAndAddress;
    expect(countStatuses(guesses)).toEqual({ 401: limit, 429: 50 - limit });
    // The same count as sign-in: from that address, signing in is blocked too.
    expect((await signInFrom(hub.hub.url, hub.ownerEmail, OWNER_PASSWORD, from)).status).toBe(429);
    expect(hub.hub.passwordGuard.verifications).toBe(limit + 1);
  });

  it('issue 9.2: a weak new password is refused with the reason', async () => {
    const { token } = await openSession();
    const refused = await changePassword(token, OWNER_PASSWORD, 'short');
    expect(refused).toEqual({ status: 400, body: { error: { code: 'invalid_message', message: 'New password: a password needs at least 10 characters.' } } });
  });

  it('issue 9.2: needs a signed-in session', async () => {
    const refused = await postJson(`${hub.hub.url}/api/account/password`, { currentPassword: OWNER_PASSWORD, newPassword: NEW_PASSWORD });
    expect(refused.status).toBe(401);
  });
});

describe('sign out other sessions', () => {
  it('issue 9.2: ends every other session of the person, closes their sockets (4001), says how many, and keeps this one', async () => {
    const here = await openSession();
    const others = [await openSession(), await openSession()];
    const closed = Promise.all(others.map((other) => other.client.closed()));

    const answer = await postJson(`${hub.hub.url}/api/account/sign-out-others`, {}, bearer(here.token));
    expect(answer).toEqual({ status: 200, body: { signedOut: 2 } });
    expect(await closed).toEqual([CLOSE_CODES.sessionEnded, CLOSE_CODES.sessionEnded]);
    expect(here.client.closeCode).toBeNull();
    for (const other of others) expect((await fetch(`${hub.hub.url}/api/me`, { headers: bearer(other.token) })).status).toBe(401);
    expect(await postJson(`${hub.hub.url}/api/account/sign-out-others`, {}, bearer(here.token))).toEqual({ status: 200, body: { signedOut: 0 } });
  });
});
