// Issue 12, item 2: the desktop core in its own process. A real core host
// (core-host.ts, forked with child_process as the web console forks it) is
// driven through CoreClient, the table of handlers both transports serve:
// calls are answered by the child, the save-as answer and notifications come
// from and go to the parent through its ports, the session token is kept by
// the parent, and a message the host cannot read is refused and changes nothing.
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDesktopLogger } from '../logging/desktop-logger';
import type { FromHostMessage } from './protocol';
import { TestCoreProcess } from './testing/test-core-process';
import type { TestClient, TestHub } from '../../../hub/testing';
import { MEMBER_PASSWORD, OWNER_PASSWORD, startTestHub } from '../../../hub/testing';

const HOME = {
  organizationName: 'Home Org',
  workspaceName: 'Home',
  plan: 'growth',
  ownerName: 'Hal Home',
  ownerEmail: 'hal@example.com',
  password: 'home-password-1',
  isShared: false,
  address: null,
} as const;

let desktop: TestCoreProcess;

beforeEach(async () => {
  desktop = await TestCoreProcess.start();
});
afterEach(async () => {
  await desktop.stop();
});

/** The next message the host sends that matches, straight off the channel. */
function nextFromHost(kind: FromHostMessage['kind']): Promise<FromHostMessage> {
  const host = desktop.hosts.at(-1);
  return new Promise((resolve) => host?.onMessage((message) => (message as FromHostMessage).kind === kind && resolve(message as FromHostMessage)));
}

describe('issue 12.2: the core answers from its own process', () => {
  it('issue 12.2: app.getInfo is answered by the child, not the parent', async () => {
    const info = await desktop.value('app.getInfo');
    expect(info).toMatchObject({ name: 'Gatehouse', version: 'test', runtime: 'node' });
    expect(desktop.client.hostProcess?.pid).toBeGreaterThan(0);
    expect(desktop.client.hostProcess?.pid).not.toBe(process.pid);
    expect(await desktop.value('session.getState')).toMatchObject({ phase: 'first_run', hub: null });
  });

  it('issue 12.2: D5: a local workspace started in the child, read back with workspace.get; the token is kept by the parent', async () => {
    const state = await desktop.value('setup.startLocalWorkspace', HOME);
    expect(state).toMatchObject({ phase: 'signed_in', hub: { isLocal: true }, person: { email: 'hal@example.com' } });
    await desktop.waitForEvent('workspace.snapshot');
    const view = await desktop.value('workspace.get');
    expect(view?.snapshot.workspace.name).toBe('Home');
    expect(view?.snapshot.members.map((member) => member.email)).toEqual(['hal@example.com']);
    // The parent wrote the token through the secrets port (plaintext here: the web console has no OS secret store).
    expect((await readFile(join(desktop.dataDir, 'session.token'), 'utf8')).length).toBeGreaterThan(10);
    expect((await stat(join(desktop.dataDir, 'session.token'))).mode & 0o777).toBe(0o600);

    // A new host on the same folder (the app restarted) is handed the token by the parent and opens the workspace again.
    await desktop.client.close();
    const again = await TestCoreProcess.start({ dataDir: desktop.dataDir });
    try {
      await again.waitForEvent('connection.changed', (event) => event.payload.status === 'online');
      expect(await again.value('session.getState')).toMatchObject({ phase: 'signed_in', hub: { isLocal: true } });
      expect((await again.value('workspace.get'))?.snapshot.workspace.name).toBe('Home');
    } finally {
      await again.stop();
    }
  });

  it('issue 12.2: U8/D3: an export writes where the parent’s save-as dialog answered; cancelling writes nothing', async () => {
    await desktop.value('setup.startLocalWorkspace', HOME);
    await desktop.waitForEvent('connection.changed', (event) => event.payload.status === 'online');
    const asked: string[] = [];
    const file = join(desktop.dataDir, 'chosen.csv');
    desktop.exportTarget = async (suggestedName) => {
      asked.push(suggestedName);
      return { kind: 'file', path: file };
    };
    expect(await desktop.value('members.exportCsv')).toEqual({ status: 'saved', filePath: file, rowCount: 1 });
    expect(asked).toEqual([expect.stringMatching(/^Home members \d{4}-\d{2}-\d{2}\.csv$/)]);
    const rows = parse(await readFile(file), { bom: true, columns: true }) as Array<Record<string, string>>;
    expect(rows.map((row) => row['Email'])).toEqual(['hal@example.com']);
    expect(desktop.events.some((event) => event.name === 'export.progress')).toBe(true);

    desktop.exportTarget = null;
    expect(await desktop.value('members.exportCsv')).toEqual({ status: 'cancelled' });
  });

  it('issue 12.2: a call the contract refuses is refused by the child with the same failure as in one process', async () => {
    expect(await desktop.call('session.signIn', { hubUrl: 'http://127.0.0.1:1', email: 'not an email', password: 'x' })).toEqual({
      ok: false,
      error: { code: 'invalid_input', message: expect.stringContaining('email') },
    });
    expect(await desktop.call('session.selectWorkspace', { workspaceId: 'w-nowhere' })).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });
});

describe('issue 12.2: one log file', () => {
  it('issue 12.2: the core’s log lines are written by the parent into its own log file', async () => {
    await desktop.client.close();
    const log = createDesktopLogger(desktop.dataDir);
    const logged = await TestCoreProcess.start({ dataDir: desktop.dataDir, logger: log.logger });
    try {
      await logged.value('setup.startLocalWorkspace', HOME);
      await logged.waitForEvent('workspace.snapshot');
    } finally {
      await logged.stop();
      await log.close();
    }
    const lines = (await readFile(log.file, 'utf8')).trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
    const fromCore = lines.filter((line) => line['process'] === 'core');
    expect(fromCore.length).toBeGreaterThan(0);
    expect(fromCore[0]).toMatchObject({ name: 'gatehouse-desktop', level: expect.any(Number), msg: expect.any(String) });
    expect(new Set(fromCore.map((line) => line['pid']))).not.toContain(process.pid);
  });
});

describe('issue 12.2: D2: notifications reach the parent', () => {
  let hub: TestHub;
  let owner: TestClient;
  beforeEach(async () => {
    hub = await startTestHub({ port: 0 });
    owner = await hub.connect(hub.ownerEmail, OWNER_PASSWORD);
  });
  afterEach(async () => {
    await hub.stop();
  });

  it('D2: a watched member coming online is notified by the parent, and so is a revoke (V1)', async () => {
    const memberId = await hub.addMember(owner, 'desk@example.com', 'manager');
    await desktop.value('session.signIn', { hubUrl: hub.hub.url, email: 'desk@example.com', password: MEMBER_PASSWORD });
    await desktop.waitForEvent('presence.changed');
    await hub.addMember(owner, 'watched@example.com', 'agent');
    await hub.connect('watched@example.com', MEMBER_PASSWORD);
    await expect.poll(() => desktop.notifications).toContainEqual({ title: 'watched is online', body: 'watched@example.com' });

    await owner.mutate('member.revoke', { input: { memberId, reassignContactsTo: null } });
    await desktop.waitForEvent('session.changed', (event) => event.payload.phase === 'signed_out');
    await expect.poll(() => desktop.notifications).toContainEqual({ title: 'Access revoked', body: 'Your access to Support was revoked.' });
    // Signing out went through the parent's secrets port too.
    await expect(readFile(join(desktop.dataDir, 'session.token'))).rejects.toThrow();
  });
});

describe('issue 12.2: messages the host cannot read', () => {
  it('issue 12.2: a malformed message is refused with a clear error and changes nothing', async () => {
    const host = desktop.hosts[0];
    const refused = nextFromHost('refused');
    host?.send({ kind: 'call', id: 'seven', method: 'session.signOut' } as never);
    expect(await refused).toEqual({
      kind: 'refused',
      id: null,
      error: { code: 'bad_message', message: expect.stringMatching(/^The Gatehouse core was sent a message it cannot read \(id: .+\); nothing was done\.$/) },
    });

    const unknown = nextFromHost('refused');
    host?.send({ kind: 'format-disk' } as never);
    expect(await unknown).toMatchObject({ error: { code: 'bad_message' } });

    // A call with a readable id but a bad shape fails that call instead of leaving it waiting.
    const named = nextFromHost('refused');
    host?.send({ kind: 'call', id: 41, method: 'session.getState', input: undefined, extra: true } as never);
    expect(await named).toMatchObject({ id: 41, error: { code: 'bad_message' } });

    // A well-formed call of a method the contract does not have: the contract's own refusal, from the child.
    const reply = nextFromHost('reply');
    host?.send({ kind: 'call', id: 42, method: 'core.format', input: {} });
    expect(await reply).toMatchObject({ id: 42, result: { ok: false, error: { code: 'unknown_method' } } });
    expect(await desktop.value('session.getState')).toMatchObject({ phase: 'first_run' });
    expect(desktop.client.state).toBe('running');
  });
});
