// Issue 11.6 through the desktop's API (the same dispatch both transports
// use): "Hub settings" on the hub this app started, against a real local hub
// and a real SMTP server. Mail applies without a restart, the SMTP password
// goes in and never comes out, the public address stored here is what links
// name (and survives a restart), GATEHOUSE_PUBLIC_URL still wins, a plan
// change says what it does first; and a desktop on someone else's hub is
// told, in words, that its operator sets these with the hub's command line.
import type { AddressInfo } from 'node:net';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { SMTPServer } from 'smtp-server';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ApiInput, ApiOutput, ApiResult } from '../../shared/api/contract';
import type { ApiMethodName } from '../../shared/api/methods';
import type { SmtpSink, TestHub } from '../../hub/testing';
import { OWNER_PASSWORD, startSmtpSink, startTestHub } from '../../hub/testing';
import { createApiHandlers } from './api/handlers';
import { dispatchApiCall } from './api/dispatch';
import type { StartLocalWorkspaceInput } from './desktop-core';
import { DesktopCore } from './desktop-core';
import { createFileSecretStore } from './secret-store';

const SMTP_PASSWORD = 'smtp-secret-Aa1';

const FIRST_RUN: StartLocalWorkspaceInput = {
  organizationName: 'Home Org',
  workspaceName: 'Home',
  plan: 'advanced',
  ownerName: 'Hal Home',
  ownerEmail: 'hal@example.com',
  password: 'home-password-1',
  isShared: false,
  address: null,
};

let dataDir: string;
let core: DesktopCore | null = null;
let sink: SmtpSink;
/** Every answer the renderer would have received, to prove the SMTP password is in none. */
let answers: string[];

function openCore(options: { operatorHubUrl?: string } = {}): DesktopCore {
  core = new DesktopCore({
    runtime: 'node',
    appName: 'Gatehouse',
    appVersion: 'test',
    dataDir,
    logger: pino({ level: 'silent' }),
    secrets: createFileSecretStore(join(dataDir, 'session.token'), null),
    syncBackoff: { initialMs: 50, maxMs: 400 },
    chooseExportTarget: async () => null,
    notify: () => undefined,
    openExternal: async () => undefined,
    shareableAddresses: () => [{ address: '10.8.0.2', family: 'IPv4', interfaceName: 'tun0' }],
    operatorHubUrl: options.operatorHubUrl ?? null,
  });
  return core;
}

async function localWorkspace(options: { operatorHubUrl?: string; sharedOn?: string } = {}): Promise<DesktopCore> {
  const desktop = openCore(options);
  await desktop.init();
  await desktop.startLocalWorkspace({ ...FIRST_RUN, isShared: options.sharedOn !== undefined, address: options.sharedOn ?? null });
  await online(desktop);
  return desktop;
}

async function online(desktop: DesktopCore): Promise<void> {
  for (let tries = 0; (await desktop.sessionState()).connection.status !== 'online' && tries < 100; tries += 1) await new Promise((resolve) => setTimeout(resolve, 50));
}

/** A call as the renderer makes it: checked against the contract, answered or refused. */
async function call<M extends ApiMethodName>(desktop: DesktopCore, method: M, input: ApiInput<M>): Promise<ApiResult<ApiOutput<M>>> {
  const handlers = createApiHandlers(desktop, { name: 'Gatehouse', version: 'test', runtime: 'node' });
  const result = (await dispatchApiCall(handlers, method, input)) as ApiResult<ApiOutput<M>>;
  answers.push(JSON.stringify(result));
  return result;
}

async function value<M extends ApiMethodName>(desktop: DesktopCore, method: M, input: ApiInput<M>): Promise<ApiOutput<M>> {
  const result = await call(desktop, method, input);
  if (!result.ok) throw new Error(`${method} refused: ${result.error.message}`);
  return result.value;
}

async function invite(desktop: DesktopCore, email: string, restrictions: Record<string, unknown> = {}) {
  return (await desktop.hubRequest('member.invite', { input: { email, level: 'agent', restrictions } })) as { inviteUrl: string | null; isEmailed: boolean };
}

const sinkMail = (extra: Record<string, unknown> = {}) => ({
  host: '127.0.0.1',
  port: sink.port,
  security: 'none' as const,
  user: null,
  from: 'Gatehouse <hub@example.com>',
  ...extra,
});

/** An SMTP server that takes mail only from hub@example.com with SMTP_PASSWORD. */
async function startSigningInSmtp(): Promise<{ port: number; received: string[]; close(): Promise<void> }> {
  const received: string[] = [];
  const server = new SMTPServer({
    allowInsecureAuth: true,
    disabledCommands: ['STARTTLS'],
    onAuth: (auth, _session, callback) =>
      auth.username === 'hub@example.com' && auth.password === SMTP_PASSWORD ? callback(null, { user: auth.username }) : callback(new Error('Invalid username or password')),
    onData: (stream, session, callback) => {
      stream.resume();
      stream.on('end', () => {
        received.push(session.envelope.rcptTo[0]?.address ?? '');
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.server.address() as AddressInfo).port,
    received,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'gatehouse-hub-settings-'));
  sink = await startSmtpSink();
  answers = [];
});
afterEach(async () => {
  await core?.close();
  core = null;
  await sink.close();
  await rm(dataDir, { recursive: true, force: true });
});

describe('issue 11.6: Hub settings of the hub this app runs', () => {
  it('issue 11.6: invitation email set, tried and cleared from the app applies at once; the facts follow', async () => {
    const desktop = await localWorkspace();
    expect(await value(desktop, 'hubSettings.get', undefined)).toMatchObject({
      isLocalHub: true,
      settings: { mail: null, publicUrl: null, effective: { isMailConfigured: false, mailSource: 'none', publicUrlSource: 'default' } },
    });
    expect(await invite(desktop, 'before@example.com')).toMatchObject({ isEmailed: false });

    // Tried before saving: the real server gets it, nothing is stored.
    const tried = await value(desktop, 'hubSettings.sendTestEmail', { to: 'ops@example.com', candidate: sinkMail() });
    expect(tried).toEqual({ isSent: true, message: `The test email to ops@example.com was accepted by the mail server at 127.0.0.1:${sink.port}.` });
    expect((await sink.next()).to).toBe('ops@example.com');
    expect(await value(desktop, 'hubSettings.get', undefined)).toMatchObject({ settings: { mail: null } });

    const saved = await value(desktop, 'hubSettings.setMail', sinkMail());
    expect(saved).toMatchObject({ mail: { host: '127.0.0.1', port: sink.port, security: 'none', user: null, hasPassword: false }, effective: { isMailConfigured: true, mailSource: 'stored' } });
    const mailed = await invite(desktop, 'mailed@example.com');
    expect(mailed.isEmailed).toBe(true);
    expect(await sink.next()).toMatchObject({ to: 'mailed@example.com', text: expect.stringContaining(mailed.inviteUrl ?? 'no link') });
    expect(await desktop.hubRequest('workspace.facts', {})).toMatchObject({ isInvitationEmailed: true });
    // The stored settings, tried as they are.
    expect(await value(desktop, 'hubSettings.sendTestEmail', { to: 'again@example.com' })).toMatchObject({ isSent: true });

    expect((await value(desktop, 'hubSettings.clearMail', undefined)).effective.isMailConfigured).toBe(false);
    expect(await invite(desktop, 'handed@example.com')).toMatchObject({ isEmailed: false });
    expect(await desktop.hubRequest('workspace.facts', {})).toMatchObject({ isInvitationEmailed: false });
    expect(sink.mails.map((mail) => mail.to)).toEqual(['ops@example.com', 'mailed@example.com', 'again@example.com']);
  });

  it('issue 11.6: the SMTP password goes in and never comes out; left out, the stored one signs in', async () => {
    const signingIn = await startSigningInSmtp();
    try {
      const desktop = await localWorkspace();
      const withUser = { host: '127.0.0.1', port: signingIn.port, security: 'none' as const, user: 'hub@example.com', from: 'hub@example.com' };
      const wrong = await value(desktop, 'hubSettings.sendTestEmail', { to: 'ops@example.com', candidate: { ...withUser, password: 'not-the-password' } });
      expect(wrong.isSent).toBe(false);
      expect(wrong.message).toMatch(/^The mail server refused the user name or password/);

      expect((await value(desktop, 'hubSettings.setMail', { ...withUser, password: SMTP_PASSWORD })).mail).toMatchObject({ user: 'hub@example.com', hasPassword: true });
      // Saved again with the password left out (a screen never has it): the stored one is kept and still signs in.
      expect((await value(desktop, 'hubSettings.setMail', { ...withUser, from: 'Gatehouse <hub@example.com>' })).mail).toMatchObject({ hasPassword: true, from: 'Gatehouse <hub@example.com>' });
      expect(await value(desktop, 'hubSettings.sendTestEmail', { to: 'ops@example.com', candidate: withUser })).toMatchObject({ isSent: true });
      expect(await invite(desktop, 'signed.in@example.com')).toMatchObject({ isEmailed: true });
      await expect.poll(() => signingIn.received).toEqual(['ops@example.com', 'signed.in@example.com']);

      // Without a user there is no password to keep.
      expect((await value(desktop, 'hubSettings.setMail', { ...withUser, user: '' })).mail).toMatchObject({ user: null, hasPassword: false });
      expect(answers.length).toBeGreaterThan(4);
      for (const answer of answers) expect(answer).not.toContain(SMTP_PASSWORD);
    } finally {
      await signingIn.close();
    }
  });

  it('issue 11.6: the public address stored here is what new links name, survives a restart, and the session follows', async () => {
    const desktop = await localWorkspace({ sharedOn: '10.8.0.2' });
    const port = (await desktop.sessionState()).hub?.url.split(':').at(-1);
    expect(await invite(desktop, 'chosen@example.com')).toMatchObject({ inviteUrl: expect.stringMatching(new RegExp(`^http://10\\.8\\.0\\.2:${port}/invite/`)) });

    const view = await value(desktop, 'hubSettings.setPublicUrl', { publicUrl: 'https://gatehouse.acme.example/' });
    expect(view).toMatchObject({ publicUrl: 'https://gatehouse.acme.example', effective: { publicUrl: 'https://gatehouse.acme.example', publicUrlSource: 'stored' } });
    expect(await invite(desktop, 'stored@example.com')).toMatchObject({ inviteUrl: expect.stringMatching(/^https:\/\/gatehouse\.acme\.example\/invite\//) });
    expect((await desktop.sessionState()).hub).toMatchObject({ url: 'https://gatehouse.acme.example', urlSource: 'hub_settings', isLocal: true });
    // A link naming the new address is this app's own hub, reached on 127.0.0.1.
    expect(await desktop.connectableUrl('https://gatehouse.acme.example')).toMatch(/^http:\/\/127\.0\.0\.1:/);

    // The bug this fixes: the local hub was started with the chosen address as a command-line address, which always won.
    await desktop.close();
    const again = openCore();
    await again.init();
    await online(again);
    expect((await again.sessionState()).hub).toMatchObject({ url: 'https://gatehouse.acme.example', isShared: true, address: '10.8.0.2' });
    expect(await invite(again, 'after.restart@example.com')).toMatchObject({ inviteUrl: expect.stringMatching(/^https:\/\/gatehouse\.acme\.example\/invite\//) });

    // Emptied: back to the chosen address.
    expect((await value(again, 'hubSettings.setPublicUrl', { publicUrl: null })).effective).toMatchObject({ publicUrlSource: 'default', publicUrl: `http://10.8.0.2:${port}` });
    expect((await again.sessionState()).hub).toMatchObject({ url: `http://10.8.0.2:${port}`, urlSource: 'chosen' });
    const refused = await call(again, 'hubSettings.setPublicUrl', { publicUrl: 'ftp://files.example.com' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'invalid_input', message: expect.stringContaining('Enter the address people use to reach the hub') } });
  });

  it('issue 11.6: GATEHOUSE_PUBLIC_URL set on this computer wins over the address stored in Hub settings, and the settings say so', async () => {
    const desktop = await localWorkspace({ operatorHubUrl: 'https://operator.acme.example' });
    const view = await value(desktop, 'hubSettings.setPublicUrl', { publicUrl: 'https://stored.acme.example' });
    expect(view).toMatchObject({ publicUrl: 'https://stored.acme.example', effective: { publicUrl: 'https://operator.acme.example', publicUrlSource: 'command_line' } });
    expect(await invite(desktop, 'via.operator@example.com')).toMatchObject({ inviteUrl: expect.stringMatching(/^https:\/\/operator\.acme\.example\/invite\//) });
    expect((await desktop.sessionState()).hub).toMatchObject({ url: 'https://operator.acme.example', urlSource: 'operator' });
  });

  it('issue 11.6 / R7: a plan change says first which Agents lose masking, then applies; the workspace follows', async () => {
    const desktop = await localWorkspace();
    await invite(desktop, 'masked@example.com', { maskContactDetails: true });
    const [summary] = await value(desktop, 'hubSettings.listWorkspaces', undefined);
    expect(summary).toMatchObject({ workspaceName: 'Home', organizationName: 'Home Org', plan: 'advanced', activeMembers: 1, pendingMembers: 1 });
    const workspaceId = summary?.workspaceId ?? '';

    const effects = await value(desktop, 'hubSettings.planChangeEffects', { workspaceId, plan: 'growth' });
    expect(effects.sentences[0]).toBe('Home moves from the Advanced plan to Growth.');
    expect(effects.sentences[1]).toContain('1 Agent loses it');
    expect(desktop.workspaceView()?.snapshot.workspace.plan).toBe('advanced');

    expect(await value(desktop, 'hubSettings.setPlan', { workspaceId, plan: 'growth' })).toEqual(effects);
    expect((await value(desktop, 'hubSettings.listWorkspaces', undefined))[0]?.plan).toBe('growth');
    await expect.poll(() => desktop.workspaceView()?.snapshot.workspace.plan).toBe('growth');
    expect(await desktop.hubRequest('workspace.facts', {})).toMatchObject({ plan: 'growth' });
    expect(await call(desktop, 'hubSettings.setPlan', { workspaceId: 'no-such-workspace', plan: 'starter' })).toMatchObject({
      ok: false,
      error: { code: 'not_found', message: 'There is no workspace no-such-workspace on this hub.' },
    });
  });
});

describe('issue 11.6: a desktop on a hub it does not run', () => {
  let hub: TestHub;
  beforeEach(async () => {
    hub = await startTestHub({ port: 0 });
  });
  afterEach(() => hub.stop());

  it('issue 11.6: is told that the hub is configured by its operator, and can change nothing', async () => {
    const desktop = openCore();
    await desktop.init();
    await desktop.signIn(hub.hub.url, hub.ownerEmail, OWNER_PASSWORD);
    expect(await value(desktop, 'hubSettings.get', undefined)).toEqual({ isLocalHub: false });
    for (const [method, input] of [
      ['hubSettings.setMail', sinkMail()],
      ['hubSettings.clearMail', undefined],
      ['hubSettings.setPublicUrl', { publicUrl: 'https://elsewhere.example' }],
      ['hubSettings.listWorkspaces', undefined],
      ['hubSettings.setPlan', { workspaceId: hub.workspaceId, plan: 'starter' }],
    ] as const) {
      expect(await call(desktop, method, input as never)).toMatchObject({
        ok: false,
        error: { code: 'not_local_hub', message: expect.stringContaining('set by whoever runs that hub, with the hub’s command line') },
      });
    }
    expect(await hub.hub.admin.getSettings()).toMatchObject({ mail: null, publicUrl: null });
    expect((await hub.hub.store.workspaces.byId(hub.workspaceId))?.plan).not.toBe('starter');
  });
});
