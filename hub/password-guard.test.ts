// Issue 9.2: every password check goes through one limiter that takes its
// point before the password is verified, keyed by account and address, with a
// per-account ceiling and growing delays, kept across restarts; and an
// attacker's burst does not lock the Owner out.
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { LIMITS_DATABASE_FILE } from './auth/limiter-storage';
import { DEFAULT_PASSWORD_LIMITS } from './auth/password-guard';
import type { PasswordLimits } from './auth/password-guard';
import { countStatuses, signInFrom } from './testing/account-requests';
import type { TestHub } from './testing/test-hub';
import { OWNER_PASSWORD, startTestHub } from './testing/test-hub';

const ATTACKER = '203.0.113.7';
const OWNERS_OFFICE = '198.51.100.2';
let hub: TestHub;
afterEach(() => hub.stop());

function start(limits: Partial<PasswordLimits> = {}, trustedProxies = ['127.0.0.1']): Promise<TestHub> {
  return startTestHub({ trustedProxies, passwordLimits: { ...DEFAULT_PASSWORD_LIMITS, ...limits } });
}

function burst(count: number, email: string, from?: string) {
  return Promise.all(Array.from({ length: count }, (_, index) => signInFrom(hub.hub.url, email, `wrong-guess-${index}`, from)));
}

describe('password attempts', () => {
  it('issue 9.2: 200 concurrent wrong passwords on one account verify at most the limit', async () => {
    hub = await start();
    const answers = await burst(200, hub.ownerEmail, ATTACKER);
    const limit = DEFAULT_PASSWORD_LIMITS.attemptsPerAccountAndAddress;
    expect(countStatuses(answers)).toEqual({ 401: limit, 429: 200 - limit });
    expect(hub.hub.passwordGuard.verifications).toBe(limit);
    expect(answers.find((answer) => answer.status === 429)?.body.error?.message).toMatch(/^Too many password attempts\. Try again in \d+ minutes?\.$/);
  });

  it('issue 9.2: after an attacker’s burst the Owner still signs in from elsewhere, and the attacker’s address stays blocked', async () => {
    hub = await start();
    await burst(200, hub.ownerEmail, ATTACKER);
    expect((await signInFrom(hub.hub.url, hub.ownerEmail, OWNER_PASSWORD, OWNERS_OFFICE)).status).toBe(200);
    const attackerWithTheRightPassword = await signInFrom(hub.hub.url, hub.ownerEmail, OWNER_PASSWORD, ATTACKER);
    expect(attackerWithTheRightPassword.status).toBe(429);
  });

  it('issue 9.2: the limit survives a restart of the hub', async () => {
    hub = await start();
    await burst(20, hub.ownerEmail, ATTACKER);
    hub = await hub.restart();
    expect((await signInFrom(hub.hub.url, hub.ownerEmail, OWNER_PASSWORD, ATTACKER)).status).toBe(429);
    expect(hub.hub.passwordGuard.verifications).toBe(0);
  });

  it('issue 9.2: the counts are kept in a file of their own that only the hub’s owner can read', async () => {
    hub = await start();
    await burst(6, hub.ownerEmail, ATTACKER);
    const file = join(hub.dataDir, LIMITS_DATABASE_FILE);
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });

  it('issue 9.2: an unknown email is counted and answered exactly like a known one', async () => {
    hub = await start();
    const known = await burst(10, hub.ownerEmail, ATTACKER);
    const unknown = await burst(10, 'nobody@example.com', ATTACKER);
    expect(countStatuses(unknown)).toEqual(countStatuses(known));
    const refusals = (answers: typeof known) => new Set(answers.map((answer) => JSON.stringify(answer.body)));
    expect(refusals(unknown)).toEqual(refusals(known));
  });

  it('issue 9.2: a blocked address is blocked longer each time it is blocked again', async () => {
    hub = await start({ attemptsPerAccountAndAddress: 2, blockSeconds: 1 });
    const failTwice = () => burst(2, hub.ownerEmail, ATTACKER);
    const tryRight = async () => (await signInFrom(hub.hub.url, hub.ownerEmail, OWNER_PASSWORD, ATTACKER)).status;
    await failTwice();
    expect(await tryRight()).toBe(429); // first block: 1 s
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    await failTwice();
    expect(await tryRight()).toBe(429); // second block: 2 s
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    expect(await tryRight()).toBe(429);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(await tryRight()).toBe(200);
  });

  it('issue 9.2: guesses spread over many addresses meet the account’s ceiling; right passwords do not count towards it', async () => {
    hub = await start({ attemptsPerAccountAndAddress: 2, attemptsPerAccountPerHour: 6 });
    for (let round = 0; round < 3; round += 1) {
      expect((await signInFrom(hub.hub.url, hub.ownerEmail, OWNER_PASSWORD, OWNERS_OFFICE)).status).toBe(200);
    }
    for (const address of ['192.0.2.1', '192.0.2.2', '192.0.2.3']) await burst(2, hub.ownerEmail, address);
    expect((await signInFrom(hub.hub.url, hub.ownerEmail, 'yet-another-guess', '192.0.2.4')).status).toBe(429);
    expect(hub.hub.passwordGuard.verifications).toBe(3 + 6);
  });

  it('issue 9.2: X-Forwarded-For is ignored unless the request comes through a trusted proxy', async () => {
    hub = await start({}, []);
    const spoofed = await Promise.all(
      Array.from({ length: 20 }, (_, index) => signInFrom(hub.hub.url, hub.ownerEmail, 'wrong-guess', `192.0.2.${index + 1}`)),
    );
    expect(countStatuses(spoofed)).toEqual({ 401: 5, 429: 15 });
  });

  it('issue 9.2: behind a trusted proxy the right-most address the proxy did not vouch for is the client', async () => {
    hub = await start({ attemptsPerAccountAndAddress: 2 });
    // The client wrote the left part itself: only what the proxy appended counts.
    await burst(2, hub.ownerEmail, `10.9.9.9, ${ATTACKER}`);
    expect((await signInFrom(hub.hub.url, hub.ownerEmail, OWNER_PASSWORD, `192.0.2.77, ${ATTACKER}`)).status).toBe(429);
    expect((await signInFrom(hub.hub.url, hub.ownerEmail, OWNER_PASSWORD, `${ATTACKER}, ${OWNERS_OFFICE}`)).status).toBe(200);
  });

  it('issue 9.2: a trusted proxy may be named by its subnet', async () => {
    hub = await start({ attemptsPerAccountAndAddress: 2 }, ['127.0.0.0/8']);
    await burst(2, hub.ownerEmail, ATTACKER);
    expect((await signInFrom(hub.hub.url, hub.ownerEmail, OWNER_PASSWORD, ATTACKER)).status).toBe(429);
    expect((await signInFrom(hub.hub.url, hub.ownerEmail, OWNER_PASSWORD, OWNERS_OFFICE)).status).toBe(200);
  });
});
