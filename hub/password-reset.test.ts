// Issue 9.2, "forgot password": the hub mails a single-use link (through a
// real SMTP sink), the page behind it sets the new password and ends every
// session; the request answers the same whether or not the address has an
// account, and is itself limited.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CLOSE_CODES } from '../shared/protocol';
import { postJson, signInFrom } from './testing/account-requests';
import type { SmtpSink } from './testing/smtp-sink';
import { startSmtpSink } from './testing/smtp-sink';
import type { TestHub } from './testing/test-hub';
import { OWNER_PASSWORD, startTestHub } from './testing/test-hub';

const NEW_PASSWORD = 'chosen-after-forgetting';
let hub: TestHub;
let sink: SmtpSink;
afterEach(async () => {
  await hub.stop();
  await sink.close();
});

async function startWithMail(): Promise<TestHub> {
  return startTestHub({ mail: { smtpUrl: sink.url, from: 'Gatehouse <hub@example.com>' } });
}

beforeEach(async () => {
  sink = await startSmtpSink();
});

const requestReset = (email: string) => postJson(`${hub.hub.url}/api/password-reset`, { email });

function linkIn(text: string): string {
  const link = /(http:\/\/\S+\/reset-password\/[A-Za-z0-9_-]+)/.exec(text)?.[1];
  if (!link) throw new Error(`no link in: ${text}`);
  return link;
}

function submitForm(link: string, password: string, confirm = password): Promise<Response> {
  return fetch(link, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', connection: 'close' },
    body: new URLSearchParams({ password, confirm }).toString(),
  });
}

describe('forgot password', () => {
  it('issue 9.2: the emailed link opens a page that sets the new password, once; every session ends', async () => {
    hub = await startWithMail();
    const client = await hub.connect(hub.ownerEmail, OWNER_PASSWORD);
    const closed = client.closed();

    expect(await requestReset(hub.ownerEmail)).toEqual({ status: 202, body: {} });
    const mail = await sink.next();
    expect(mail).toMatchObject({ to: hub.ownerEmail, subject: 'Choose a new Gatehouse password' });
    const link = linkIn(mail.text);

    const page = await fetch(link);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain(hub.ownerEmail);
    expect((await submitForm(link, NEW_PASSWORD, 'something-else-entirely')).status).toBe(400);

    const done = await submitForm(link, NEW_PASSWORD);
    expect(done.status).toBe(200);
    expect(await done.text()).toContain('Your password is changed');
    expect(await closed).toBe(CLOSE_CODES.sessionEnded);
    expect((await signInFrom(hub.hub.url, hub.ownerEmail, OWNER_PASSWORD)).body.error?.code).toBe('invalid_credentials');
    expect((await signInFrom(hub.hub.url, hub.ownerEmail, NEW_PASSWORD)).status).toBe(200);

    const token = new URL(link).pathname.split('/').pop();
    const again = await postJson(`${hub.hub.url}/api/password-reset/complete`, { token, newPassword: 'a-third-password-here' });
    expect(again.status).toBe(410);
    expect(again.body.error?.code).toBe('reset_link_invalid');
    expect((await submitForm(link, 'a-third-password-here')).status).toBe(410);
  });

  it('issue 9.2: answers the same for an address with no account, and mails nothing to it', async () => {
    hub = await startWithMail();
    expect(await requestReset('nobody@example.com')).toEqual(await requestReset(hub.ownerEmail));
    const mail = await sink.next();
    expect(mail.to).toBe(hub.ownerEmail);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(sink.mails.map((received) => received.to)).toEqual([hub.ownerEmail]);
  });

  it('issue 9.2: a newer link replaces the older one', async () => {
    hub = await startWithMail();
    await requestReset(hub.ownerEmail);
    const first = linkIn((await sink.next()).text);
    await requestReset(hub.ownerEmail);
    const second = linkIn((await sink.next()).text);
    expect((await fetch(first)).status).toBe(410);
    expect((await fetch(second)).status).toBe(200);
  });

  it('issue 9.2: requests are limited per email, known or not', async () => {
    hub = await startWithMail();
    for (const email of [hub.ownerEmail, 'nobody@example.com']) {
      const answers = await Promise.all(Array.from({ length: 5 }, () => requestReset(email)));
      expect(answers.map((answer) => answer.status).sort()).toEqual([202, 202, 202, 429, 429]);
      expect(answers.find((answer) => answer.status === 429)?.body.error?.message).toMatch(/^Too many requests for a new password\. Try again in \d+ minutes?\.$/);
    }
  });

  it('issue 9.2: without SMTP the request is answered the same, nothing is sent, and the hub says mail is off', async () => {
    hub = await startTestHub();
    expect(await requestReset(hub.ownerEmail)).toEqual({ status: 202, body: {} });
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(sink.mails).toEqual([]);
    expect(await (await fetch(`${hub.hub.url}/api/hub-info`)).json()).toEqual({ isMailConfigured: false });
    expect((await signInFrom(hub.hub.url, hub.ownerEmail, OWNER_PASSWORD)).status).toBe(200);
  });

  it('issue 9.2: a made-up link shows a page that says it cannot be used', async () => {
    hub = await startWithMail();
    const response = await fetch(`${hub.hub.url}/reset-password/${Buffer.alloc(32, 3).toString('base64url')}`);
    expect(response.status).toBe(410);
    expect(await response.text()).toContain('This link cannot be used');
    expect(await (await fetch(`${hub.hub.url}/api/hub-info`)).json()).toEqual({ isMailConfigured: true });
  });
});
