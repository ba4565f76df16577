// Issue 11.6: the hub's own settings, set by the person who runs it through
// runningHub.admin (what the desktop that started the hub calls in-process):
// stored, applied without a restart, the SMTP password never read back.
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { NO_RESTRICTIONS } from '../shared/policy';
import { HubFailure } from './domain/hub-failure';
import { smtpUrlOf } from './mail/configurable-mailer';
import type { SmtpSink } from './testing/smtp-sink';
import { startSmtpSink } from './testing/smtp-sink';
import type { TestClient } from './testing/test-client';
import type { TestHub } from './testing/test-hub';
import { OWNER_PASSWORD, startTestHub } from './testing/test-hub';

const invite = (email: string) => ({ input: { email, level: 'agent', restrictions: { ...NO_RESTRICTIONS } } });

/** A port on 127.0.0.1 with nothing listening on it. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('hub settings for its operator', () => {
  let hub: TestHub;
  let owner: TestClient;
  let sink: SmtpSink;

  beforeEach(async () => {
    sink = await startSmtpSink();
    hub = await startTestHub();
    owner = await hub.connect(hub.ownerEmail, OWNER_PASSWORD);
  });
  afterEach(async () => {
    await hub.stop();
    await sink.close();
  });

  const sinkMail = (extra: Record<string, unknown> = {}) => ({
    host: '127.0.0.1',
    port: sink.port,
    security: 'none' as const,
    user: null,
    from: 'Gatehouse <hub@example.com>',
    ...extra,
  });

  it('issue 11.6: the SMTP settings are stored, and no read gives the password back (only hasPassword)', async () => {
    const view = await hub.hub.admin.setMail(sinkMail({ user: 'hub@example.com', password: 'smtp-secret-1' }));
    expect(view.mail).toEqual({
      host: '127.0.0.1',
      port: sink.port,
      security: 'none',
      user: 'hub@example.com',
      hasPassword: true,
      from: 'Gatehouse <hub@example.com>',
    });
    expect(JSON.stringify(await hub.hub.admin.getSettings())).not.toContain('smtp-secret-1');
    // Saving again without a password keeps the stored one (a screen never has it to resend).
    expect((await hub.hub.admin.setMail(sinkMail({ user: 'hub@example.com', port: sink.port }))).mail?.hasPassword).toBe(true);
    expect((await hub.hub.store.settings.mail())?.password).toBe('smtp-secret-1');

    // Stored in the data folder: a restarted hub has them, still without the password in any read.
    hub = await hub.restart();
    const after = await hub.hub.admin.getSettings();
    expect(after.mail).toMatchObject({ host: '127.0.0.1', user: 'hub@example.com', hasPassword: true });
    expect(after.effective).toMatchObject({ isMailConfigured: true, mailSource: 'stored' });
    expect(JSON.stringify(after)).not.toContain('smtp-secret-1');
  });

  it('issue 11.6: refuses settings that are not valid, in plain words, and stores nothing', async () => {
    await expect(hub.hub.admin.setMail(sinkMail({ port: 0 }))).rejects.toThrow('A port is a number from 1 to 65535');
    await expect(hub.hub.admin.setMail(sinkMail({ from: 'not an address' }))).rejects.toThrow(HubFailure);
    await expect(hub.hub.admin.setPublicUrl('ftp://example.com')).rejects.toThrow('Enter the address people use to reach the hub');
    expect(await hub.hub.admin.getSettings()).toMatchObject({ mail: null, publicUrl: null });
  });

  it('issue 11.6: mail applies without a restart: an invitation after setMail reaches the SMTP server, after clearMail it does not', async () => {
    const before = await owner.mutate('member.invite', invite('first@example.com'));
    expect(before.isEmailed).toBe(false);

    await hub.hub.admin.setMail(sinkMail());
    const mailed = await owner.mutate('member.invite', invite('second@example.com'));
    expect(mailed.isEmailed).toBe(true);
    const mail = await sink.next();
    expect(mail.to).toBe('second@example.com');
    expect(mail.text).toContain(mailed.inviteUrl ?? 'no link');
    // Whoever opens the sign-in screen now learns that "Forgot password?" can work.
    expect(await (await fetch(`${hub.hub.url}/api/hub-info`)).json()).toEqual({ isMailConfigured: true });

    await hub.hub.admin.clearMail();
    const handed = await owner.mutate('member.invite', invite('third@example.com'));
    expect(handed.isEmailed).toBe(false);
    expect(sink.mails.map((each) => each.to)).toEqual(['second@example.com']);
    expect(await (await fetch(`${hub.hub.url}/api/hub-info`)).json()).toEqual({ isMailConfigured: false });
  });

  it('issue 11.6: a test email reaches the real SMTP server, and fails in plain words where nothing listens', async () => {
    expect(await hub.hub.admin.sendTestEmail('ops@example.com')).toEqual({
      isSent: false,
      message: 'Email is not set up on this hub: enter the mail server first.',
    });

    await hub.hub.admin.setMail(sinkMail());
    const sent = await hub.hub.admin.sendTestEmail('ops@example.com');
    expect(sent).toEqual({ isSent: true, message: `The test email to ops@example.com was accepted by the mail server at 127.0.0.1:${sink.port}.` });
    const mail = await sink.next();
    expect(mail).toMatchObject({ to: 'ops@example.com', subject: 'Gatehouse test email' });

    // Settings not saved yet can be tried first; nothing is stored by trying.
    const port = await closedPort();
    const refused = await hub.hub.admin.sendTestEmail('ops@example.com', sinkMail({ port }));
    expect(refused).toEqual({
      isSent: false,
      message: `Nothing answered at 127.0.0.1:${port}: check the server’s name and port, and that it is running.`,
    });
    expect((await hub.hub.admin.getSettings()).mail?.port).toBe(sink.port);
  });

  it('issue 11.6: a test email the server refuses comes back with the server’s own answer', async () => {
    const refusing = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      onRcptTo: (_address, _session, callback) => callback(Object.assign(new Error('No such mailbox here'), { responseCode: 550 })),
    });
    await new Promise<void>((resolve) => refusing.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = refusing.server.address() as AddressInfo;
      const refused = await hub.hub.admin.sendTestEmail('nobody@example.com', sinkMail({ port }));
      expect(refused.isSent).toBe(false);
      expect(refused.message).toMatch(/^The mail server refused the message: 550 .*No such mailbox here$/);
    } finally {
      await new Promise<void>((resolve) => refusing.close(() => resolve()));
    }
  });

  it('issue 11.6: setPublicUrl changes the address in new invitation links, at once', async () => {
    const before = await owner.mutate('member.invite', invite('before@example.com'));
    expect(before.inviteUrl?.startsWith(`${hub.hub.url}/invite/`)).toBe(true);

    const view = await hub.hub.admin.setPublicUrl('https://gatehouse.example.com/');
    expect(view).toMatchObject({ publicUrl: 'https://gatehouse.example.com', effective: { publicUrl: 'https://gatehouse.example.com', publicUrlSource: 'stored' } });
    const after = await owner.mutate('member.invite', invite('after@example.com'));
    expect(after.inviteUrl).toMatch(/^https:\/\/gatehouse\.example\.com\/invite\/[A-Za-z0-9_-]{43}$/);

    await hub.hub.admin.setPublicUrl(null);
    const back = await owner.mutate('member.invite', invite('back@example.com'));
    expect(back.inviteUrl?.startsWith(`${hub.hub.url}/invite/`)).toBe(true);
  });

  it('issue 11.6: options given on the command line win over stored settings, and the settings say so', async () => {
    await hub.hub.admin.setPublicUrl('https://stored.example.com');
    await hub.hub.admin.setMail(sinkMail({ port: await closedPort() }));
    hub = await hub.restart({ publicUrl: 'https://given.example.com', mail: { smtpUrl: sink.url, from: 'Given <given@example.com>' } });
    expect((await hub.hub.admin.getSettings()).effective).toEqual({
      isMailConfigured: true,
      mailSource: 'command_line',
      publicUrl: 'https://given.example.com',
      publicUrlSource: 'command_line',
    });
    const client = await hub.connect(hub.ownerEmail, OWNER_PASSWORD);
    const invited = await client.mutate('member.invite', invite('given@example.com'));
    expect(invited).toMatchObject({ isEmailed: true });
    expect(invited.inviteUrl?.startsWith('https://given.example.com/invite/')).toBe(true);
    expect((await sink.next()).to).toBe('given@example.com');
  });
});

describe('the public address of a hub the desktop started', () => {
  it('issue 11.6: the address the desktop chose is used until the operator stores one, which then wins', async () => {
    const hub = await startTestHub({ defaultPublicUrl: 'http://192.168.1.20:4717' });
    try {
      const owner = await hub.connect(hub.ownerEmail, OWNER_PASSWORD);
      const chosen = await owner.mutate('member.invite', invite('chosen@example.com'));
      expect(chosen.inviteUrl?.startsWith('http://192.168.1.20:4717/invite/')).toBe(true);
      expect((await hub.hub.admin.getSettings()).effective).toMatchObject({ publicUrl: 'http://192.168.1.20:4717', publicUrlSource: 'default' });
      await hub.hub.admin.setPublicUrl('https://gatehouse.example.com');
      const stored = await owner.mutate('member.invite', invite('stored@example.com'));
      expect(stored.inviteUrl?.startsWith('https://gatehouse.example.com/invite/')).toBe(true);
    } finally {
      await hub.stop();
    }
  });
});

describe('stored SMTP settings as nodemailer reads them', () => {
  it('issue 11.6: security, user and password become the URL, percent-encoded', () => {
    const base = { host: 'mail.example.com', port: 587, user: 'hub@example.com', password: 'p@ss:w/rd', from: 'x@example.com' };
    expect(smtpUrlOf({ ...base, security: 'starttls' })).toBe('smtp://hub%40example.com:p%40ss%3Aw%2Frd@mail.example.com:587/?requireTLS=true');
    expect(smtpUrlOf({ ...base, security: 'tls', port: 465 })).toBe('smtps://hub%40example.com:p%40ss%3Aw%2Frd@mail.example.com:465/');
    expect(smtpUrlOf({ ...base, security: 'none', user: null, password: null })).toBe('smtp://mail.example.com:587/?ignoreTLS=true');
  });
});
