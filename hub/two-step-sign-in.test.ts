// Issue 13.5: two-step sign-in for any account, through a real hub over raw
// HTTP and sockets, with the hub's clock moved by the test: turning it on
// (password, the hub's secret, a first code), signing in with a second step
// that is never a session until a code is right, a code taken once in its
// window, recovery codes that work once, turning it off, every code attempt
// counted by the same limiter as passwords, garbage refused in words, and
// the secret kept encrypted under a 0600 key beside the database.
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_PASSWORD_LIMITS } from './auth/password-guard';
import { SECOND_STEP_TTL_MS } from './auth/two-step';
import { TWO_STEP_KEY_FILE } from './auth/two-step-secret-box';
import { HUB_DATABASE_FILE } from './server/hub';
import { bearer, countStatuses, signInFrom } from './testing/account-requests';
import { OWNER_PASSWORD } from './testing/test-hub';
import type { ClockedHub } from './two-step-fixtures';
import { codeAt, openSocket, startClockedHub, turnOn, twoStepCalls } from './two-step-fixtures';

const STEP_MS = 30_000;
let hub: ClockedHub;
let calls: ReturnType<typeof twoStepCalls>;

beforeEach(async () => {
  hub = await startClockedHub();
  calls = twoStepCalls(hub);
});
afterEach(() => hub.stop());

async function ownerToken(): Promise<string> {
  return (await hub.signIn(hub.ownerEmail, OWNER_PASSWORD)).token;
}

/** Signs in with the password only; for a person with the second step on, answers its pending token. */
async function passwordStep(from?: string): Promise<string> {
  const answer = await signInFrom(hub.hub.url, hub.ownerEmail, OWNER_PASSWORD, from);
  expect(answer.status).toBe(401);
  expect(answer.body.error).toMatchObject({ code: 'second_step_required', message: 'Enter the code from your authenticator app to finish signing in.' });
  return String((answer.body.error as unknown as { secondStep: { token: string } }).secondStep.token);
}

describe('issue 13.5: turning two-step sign-in on', () => {
  it('issue 13.5: needs the password, hands out a secret and its otpauth URI, and is not on until a first code is right', async () => {
    const token = await ownerToken();
    expect((await calls.enrol(token, 'not-my-password')).body.error?.code).toBe('invalid_credentials');
    const enrolled = await calls.enrol(token, OWNER_PASSWORD);
    expect(enrolled.status).toBe(200);
    const secret = String(enrolled.body['secret']);
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(enrolled.body['otpauthUri']).toBe(`otpauth://totp/Gatehouse:owner%40example.com?secret=${secret}&issuer=Gatehouse`);

    // Not on yet: the password alone still signs in.
    expect((await signInFrom(hub.hub.url, hub.ownerEmail, OWNER_PASSWORD)).status).toBe(200);
    const wrong = await calls.confirm(token, '000000');
    expect(wrong).toEqual({ status: 401, body: { error: { code: 'invalid_code', message: expect.stringContaining('That code is not right') } } });
    expect((await calls.status(token)).body).toMatchObject({ isEnabled: false, recoveryCodesLeft: 0 });

    const confirmed = await calls.confirm(token, codeAt(secret, hub.clock.now));
    expect(confirmed.status).toBe(200);
    const recoveryCodes = confirmed.body['recoveryCodes'] as string[];
    expect(recoveryCodes).toHaveLength(10);
    for (const code of recoveryCodes) expect(code).toMatch(/^[a-z2-7]{5}-[a-z2-7]{5}$/);
    expect(new Set(recoveryCodes).size).toBe(10);
    // This session proved the app: it counts as having passed the second step.
    expect((await calls.status(token)).body).toEqual({ isEnabled: true, enabledAt: hub.clock.now, recoveryCodesLeft: 10, isSessionVerified: true, requirements: [] });
    expect((await calls.enrol(token, OWNER_PASSWORD)).body.error?.code).toBe('two_step_state');
  });

  it('issue 13.5: the secret is stored encrypted, under a key in a 0600 file beside the database', async () => {
    const token = await ownerToken();
    const { secret } = await turnOn(hub, token, OWNER_PASSWORD);
    const keyFile = join(hub.dataDir, TWO_STEP_KEY_FILE);
    expect(statSync(keyFile).mode & 0o777).toBe(0o600);
    expect(Buffer.from(readFileSync(keyFile, 'utf8'), 'base64')).toHaveLength(32);
    const sqlite = new Database(join(hub.dataDir, HUB_DATABASE_FILE), { readonly: true });
    try {
      const stored = sqlite.prepare('SELECT encrypted_secret FROM two_step_secrets').pluck().all() as string[];
      expect(stored).toHaveLength(1);
      expect(stored[0]).toMatch(/^v1:/);
      expect(stored[0]).not.toContain(secret);
      const codes = sqlite.prepare('SELECT code_hash FROM two_step_recovery_codes').pluck().all() as string[];
      expect(codes.every((hash) => /^[0-9a-f]{64}$/.test(hash))).toBe(true);
    } finally {
      sqlite.close();
    }
  });
});

describe('issue 13.5: signing in with the second step', () => {
  it('issue 13.5: the password alone gives a pending token that is no session; a right code gives a session that passed the second step', async () => {
    const { secret } = await turnOn(hub, await ownerToken(), OWNER_PASSWORD);
    hub.clock.now += STEP_MS;
    const pending = await passwordStep();
    // The pending token opens nothing: no account route, no socket.
    expect((await fetch(`${hub.hub.url}/api/me`, { headers: bearer(pending) })).status).toBe(401);
    expect((await openSocket(hub, pending)).status).toBe(401);

    const signedIn = await calls.secondStep(pending, codeAt(secret, hub.clock.now));
    expect(signedIn.status).toBe(200);
    expect(signedIn.body).toMatchObject({ email: hub.ownerEmail, workspaces: [expect.objectContaining({ workspaceId: hub.workspaceId })] });
    const session = String(signedIn.body.token);
    expect((await calls.status(session)).body).toMatchObject({ isEnabled: true, isSessionVerified: true });
    expect((await openSocket(hub, session)).status).toBe(101);
    // A pending token completes one sign-in only.
    expect((await calls.secondStep(pending, codeAt(secret, hub.clock.now + STEP_MS))).body.error?.code).toBe('second_step_expired');
  });

  it('issue 13.5: a code is accepted once in its window; the same code again is refused in words', async () => {
    const { secret } = await turnOn(hub, await ownerToken(), OWNER_PASSWORD);
    hub.clock.now += STEP_MS;
    const code = codeAt(secret, hub.clock.now);
    expect((await calls.secondStep(await passwordStep(), code)).status).toBe(200);
    const replay = await calls.secondStep(await passwordStep(), code);
    expect(replay).toEqual({ status: 401, body: { error: { code: 'invalid_code', message: 'That code was already used. Wait for the next code in your authenticator app.' } } });
    // The confirming code's step was taken too: it does not sign in again.
    hub.clock.now += STEP_MS;
    expect((await calls.secondStep(await passwordStep(), codeAt(secret, hub.clock.now))).status).toBe(200);
  });

  it('issue 13.5: a code one step either side of the hub clock is accepted; two steps away is not', async () => {
    const { secret } = await turnOn(hub, await ownerToken(), OWNER_PASSWORD);
    hub.clock.now += 10 * STEP_MS;
    expect((await calls.secondStep(await passwordStep(), codeAt(secret, hub.clock.now - 2 * STEP_MS))).body.error?.code).toBe('invalid_code');
    expect((await calls.secondStep(await passwordStep(), codeAt(secret, hub.clock.now - STEP_MS))).status).toBe(200);
    expect((await calls.secondStep(await passwordStep(), codeAt(secret, hub.clock.now + 2 * STEP_MS))).body.error?.code).toBe('invalid_code');
    expect((await calls.secondStep(await passwordStep(), codeAt(secret, hub.clock.now + STEP_MS))).status).toBe(200);
  });

  it('issue 13.5: the second step must come within its time; after it the password is asked again', async () => {
    const { secret } = await turnOn(hub, await ownerToken(), OWNER_PASSWORD);
    const pending = await passwordStep();
    hub.clock.now += SECOND_STEP_TTL_MS;
    const late = await calls.secondStep(pending, codeAt(secret, hub.clock.now));
    expect(late).toEqual({ status: 401, body: { error: { code: 'second_step_expired', message: 'This sign-in took too long or was already completed. Enter your password again.' } } });
  });

  it('issue 13.5: each recovery code signs in once, typed in any case with or without its hyphen', async () => {
    const token = await ownerToken();
    const { recoveryCodes } = await turnOn(hub, token, OWNER_PASSWORD);
    const [first = '', second = ''] = recoveryCodes;
    expect((await calls.secondStep(await passwordStep(), first)).status).toBe(200);
    const again = await calls.secondStep(await passwordStep(), first);
    expect(again.body.error?.code).toBe('invalid_code');
    expect((await calls.secondStep(await passwordStep(), ` ${second.replace('-', '').toUpperCase()} `)).status).toBe(200);
    expect((await calls.status(token)).body['recoveryCodesLeft']).toBe(8);
  });

  it('issue 13.5: new recovery codes need a code from the app and replace every old one', async () => {
    const token = await ownerToken();
    const { secret, recoveryCodes } = await turnOn(hub, token, OWNER_PASSWORD);
    hub.clock.now += STEP_MS;
    expect((await calls.newRecoveryCodes(token, recoveryCodes[0] ?? '')).status).toBe(400);
    const fresh = await calls.newRecoveryCodes(token, codeAt(secret, hub.clock.now));
    expect(fresh.status).toBe(200);
    const newCodes = fresh.body['recoveryCodes'] as string[];
    expect(newCodes.some((code) => recoveryCodes.includes(code))).toBe(false);
    expect((await calls.secondStep(await passwordStep(), recoveryCodes[1] ?? '')).body.error?.code).toBe('invalid_code');
    expect((await calls.secondStep(await passwordStep(), newCodes[0] ?? '')).status).toBe(200);
  });

  it('issue 13.5: turning it off needs the password and a code; then the password alone signs in again', async () => {
    const token = await ownerToken();
    const { secret } = await turnOn(hub, token, OWNER_PASSWORD);
    hub.clock.now += STEP_MS;
    expect((await calls.disable(token, 'not-my-password', codeAt(secret, hub.clock.now))).body.error?.code).toBe('invalid_credentials');
    expect((await calls.disable(token, OWNER_PASSWORD, '123456')).body.error?.code).toBe('invalid_code');
    expect((await calls.disable(token, OWNER_PASSWORD, codeAt(secret, hub.clock.now))).status).toBe(200);
    expect((await calls.status(token)).body).toMatchObject({ isEnabled: false, isSessionVerified: false });
    expect((await signInFrom(hub.hub.url, hub.ownerEmail, OWNER_PASSWORD)).status).toBe(200);
    expect((await calls.disable(token, OWNER_PASSWORD, codeAt(secret, hub.clock.now))).body.error?.code).toBe('two_step_state');
  });
});

describe('issue 13.5: codes share the password limiter', () => {
  it('issue 13.5: wrong codes are counted with wrong passwords, under the same account and address: the pair blocks at the same count', async () => {
    await turnOn(hub, await ownerToken(), OWNER_PASSWORD);
    const from = '203.0.113.9';
    const limit = DEFAULT_PASSWORD_LIMITS.attemptsPerAccountAndAddress;
    const verifiedBefore = hub.hub.passwordGuard.verifications;
    // A right password clears the pair's count, as ever; then two wrong passwords and the rest as wrong codes.
    const pending = await passwordStep(from);
    expect((await signInFrom(hub.hub.url, hub.ownerEmail, 'wrong-password-1', from)).status).toBe(401);
    expect((await signInFrom(hub.hub.url, hub.ownerEmail, 'wrong-password-2', from)).status).toBe(401);
    const codes = [];
    for (let index = 0; index < limit; index += 1) codes.push(await calls.secondStep(pending, String(100000 + index), from));
    expect(countStatuses(codes)).toEqual({ 401: limit - 2, 429: 2 });
    expect(codes.at(-1)?.body.error?.message).toMatch(/^Too many code attempts\. Try again in \d+ minutes?\.$/);
    // The same pair is blocked for passwords too, and nothing more was verified.
    expect((await signInFrom(hub.hub.url, hub.ownerEmail, OWNER_PASSWORD, from)).status).toBe(429);
    expect(hub.hub.passwordGuard.verifications - verifiedBefore).toBe(1 + limit);
    // Another address is not blocked: the owner still signs in from their own.
    expect((await signInFrom(hub.hub.url, hub.ownerEmail, OWNER_PASSWORD, '198.51.100.4')).status).toBe(401);
  });

  it('issue 13.5: a burst of guessed codes is counted as it arrives: no more than the limit are ever checked', async () => {
    await turnOn(hub, await ownerToken(), OWNER_PASSWORD);
    const from = '203.0.113.10';
    const pending = await passwordStep(from);
    const verifiedBefore = hub.hub.passwordGuard.verifications;
    const guesses = await Promise.all(Array.from({ length: 40 }, (_, index) => calls.secondStep(pending, String(200000 + index), from)));
    const limit = DEFAULT_PASSWORD_LIMITS.attemptsPerAccountAndAddress;
    expect(countStatuses(guesses)).toEqual({ 401: limit, 429: 40 - limit });
    expect(hub.hub.passwordGuard.verifications - verifiedBefore).toBe(limit);
  });
});

describe('issue 13.5: what is not a code is refused in words, before any count', () => {
  const HOSTILE = [
    '１２３４５６', // full-width digits
    '١٢٣٤٥٦', // Arabic-Indic digits
    '123\u200b456', // a zero-width space inside
    '12345６',
    '1234567',
    '12345',
    'abcde-fghi1',
    '💥💥💥💥💥💥',
    'x'.repeat(5000),
    '',
  ];

  it('issue 13.5: hostile Unicode and garbage codes get invalid_message with the sentence, and take no attempt', async () => {
    const { secret } = await turnOn(hub, await ownerToken(), OWNER_PASSWORD);
    const from = '203.0.113.11';
    const pending = await passwordStep(from);
    const verifiedBefore = hub.hub.passwordGuard.verifications;
    for (const code of [...HOSTILE, 123456, null, ['123456'], { code: '123456' }]) {
      const answer = await calls.secondStep(pending, code, from);
      expect(answer.status, JSON.stringify(code)).toBe(400);
      expect(answer.body.error).toEqual({ code: 'invalid_message', message: expect.stringContaining('Enter the 6-digit code from your authenticator app, or one of your recovery codes') });
    }
    expect(hub.hub.passwordGuard.verifications).toBe(verifiedBefore);
    // The pair was never charged: the right code still works from that address.
    hub.clock.now += STEP_MS;
    expect((await calls.secondStep(pending, codeAt(secret, hub.clock.now), from)).status).toBe(200);
  });

  it('issue 13.5: a code with spaces between its groups, as apps show it, is taken', async () => {
    const { secret } = await turnOn(hub, await ownerToken(), OWNER_PASSWORD);
    hub.clock.now += STEP_MS;
    const code = codeAt(secret, hub.clock.now);
    expect((await calls.secondStep(await passwordStep(), `${code.slice(0, 3)} ${code.slice(3)}`)).status).toBe(200);
  });
});
