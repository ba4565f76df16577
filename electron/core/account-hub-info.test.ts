// "Forgot password?" shows only where the hub can send email: the desktop's
// account.hubInfo call asks a real hub before anyone signs in (issue 9.2).
import { afterEach, describe, expect, it } from 'vitest';
import type { TestHub } from '../../hub/testing';
import { startSmtpSink, startTestHub } from '../../hub/testing';
import { accountHandlers } from './api/account-handlers';
import { TestCore } from './testing/test-core';

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function started<T extends { stop(): Promise<void> }>(thing: Promise<T>): Promise<T> {
  const value = await thing;
  cleanups.push(() => value.stop());
  return value;
}

describe('account.hubInfo', () => {
  it('issue 9.2: says whether a hub can send email, without signing in', async () => {
    const sink = await startSmtpSink();
    cleanups.push(() => sink.close());
    const withMail: TestHub = await started(startTestHub({ mail: { smtpUrl: sink.url, from: 'Gatehouse <hub@example.com>' } }));
    const withoutMail: TestHub = await started(startTestHub());
    const desktop = await started(TestCore.start());
    const account = accountHandlers(desktop.core);

    expect(await account['account.hubInfo']({ hubUrl: withMail.hub.url })).toEqual({ isMailConfigured: true });
    expect(await account['account.hubInfo']({ hubUrl: withoutMail.hub.url })).toEqual({ isMailConfigured: false });
  });

  it('issue 9.2: a hub that cannot be reached is refused in plain words', async () => {
    const desktop = await started(TestCore.start());
    const gone: TestHub = await startTestHub();
    const url = gone.hub.url;
    await gone.stop();
    await expect(accountHandlers(desktop.core)['account.hubInfo']({ hubUrl: url })).rejects.toMatchObject({ code: 'hub_unreachable' });
  });
});
