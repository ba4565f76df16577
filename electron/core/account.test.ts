// The desktop's account calls against a real hub (issue 9.2): change the
// password, sign out the other sessions, "forgot password"; and a session that
// expires while connected sends the app back to sign-in with the reason (issue 9.7).
import { afterEach, describe, expect, it } from 'vitest';
import { CLOSE_CODES } from '../../shared/protocol';
import type { TestHub } from '../../hub/testing';
import { OWNER_PASSWORD, startSmtpSink, startTestHub } from '../../hub/testing';
import { ApiFailure } from './api-failure';
import { accountHandlers } from './api/account-handlers';
import { TestCore } from './testing/test-core';

const NEW_PASSWORD = 'a-brand-new-password';
let hub: TestHub;
let desktop: TestCore;
const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  await desktop.stop();
  await hub.stop();
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

async function signedInDesktop(options: Parameters<typeof startTestHub>[0] = {}) {
  hub = await startTestHub(options);
  desktop = await TestCore.start();
  await desktop.core.signIn(hub.hub.url, hub.ownerEmail, OWNER_PASSWORD);
  await desktop.online();
  return accountHandlers(desktop.core);
}

describe('account calls', () => {
  it('issue 9.2: changing the password keeps this desktop connected, signs the other session out, and the new password signs in', async () => {
    const account = await signedInDesktop();
    const elsewhere = await hub.connect(hub.ownerEmail, OWNER_PASSWORD);
    expect(await account['account.changePassword']({ currentPassword: OWNER_PASSWORD, newPassword: NEW_PASSWORD })).toEqual({});
    expect(await elsewhere.closed()).toBe(CLOSE_CODES.sessionEnded);
    expect(await desktop.core.sessionState()).toMatchObject({ phase: 'signed_in', connection: { status: 'online' } });
    await expect(hub.signIn(hub.ownerEmail, NEW_PASSWORD)).resolves.toMatchObject({ email: hub.ownerEmail });
  });

  it('issue 9.2: a wrong current password is refused in plain words', async () => {
    const account = await signedInDesktop();
    const refusal = await account['account.changePassword']({ currentPassword: 'not-the-password', newPassword: NEW_PASSWORD }).catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(ApiFailure);
    expect(refusal).toMatchObject({ code: 'invalid_credentials', message: 'Your current password is not right.' });
  });

  it('issue 9.2: signing out the other sessions says how many', async () => {
    const account = await signedInDesktop();
    await hub.connect(hub.ownerEmail, OWNER_PASSWORD);
    await hub.signIn(hub.ownerEmail, OWNER_PASSWORD);
    expect(await account['account.signOutOthers'](undefined)).toEqual({ signedOut: 2 });
    expect((await desktop.core.sessionState()).phase).toBe('signed_in');
  });

  it('issue 9.2: "forgot password" mails a link where the hub has mail, and says so where it has none', async () => {
    const sink = await startSmtpSink();
    cleanups.push(() => sink.close());
    const account = await signedInDesktop({ mail: { smtpUrl: sink.url, from: 'Gatehouse <hub@example.com>' } });
    expect(await account['account.requestPasswordReset']({ hubUrl: hub.hub.url, email: hub.ownerEmail })).toEqual({ isMailConfigured: true });
    expect((await sink.next()).text).toContain('/reset-password/');

    const withoutMail = await startTestHub();
    cleanups.push(() => withoutMail.stop());
    expect(await account['account.requestPasswordReset']({ hubUrl: withoutMail.hub.url, email: withoutMail.ownerEmail })).toEqual({ isMailConfigured: false });
  });

  it('issue 9.7: a session that expires while connected sends the app back to sign-in, saying why', async () => {
    await signedInDesktop({ sessionTtlMs: 1_500 });
    await desktop.waitForEvent('connection.changed', (event) => event.payload.detail === 'Your session expired; sign in again.', 5_000);
    expect((await desktop.core.sessionState()).phase).toBe('signed_out');
  });
});
