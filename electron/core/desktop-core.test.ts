// The desktop core against a real hub on 127.0.0.1 with real replica files:
// first run, catch-up and snapshot, offline review (D1), reconnect after the
// hub restarts, revoke wiping the replica, a corrupt replica rebuilt, export.
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Replica } from './replica/replica';
import { TestCore } from './testing/test-core';
import type { TestClient } from '../../hub/testing/test-client';
import type { TestHub } from '../../hub/testing/test-hub';
import { MEMBER_PASSWORD, OWNER_PASSWORD, startTestHub } from '../../hub/testing/test-hub';

let hub: TestHub;
let owner: TestClient;
let desktop: TestCore;

beforeEach(async () => {
  hub = await startTestHub({ port: 0 });
  owner = await hub.connect(hub.ownerEmail, OWNER_PASSWORD);
  desktop = await TestCore.start();
});
afterEach(async () => {
  await desktop.stop();
  await hub.stop();
});

async function signInAsManager(): Promise<string> {
  const memberId = await hub.addMember(owner, 'desk@example.com', 'manager');
  await desktop.core.signIn(hub.hub.url, 'desk@example.com', MEMBER_PASSWORD);
  await desktop.waitForEvent('workspace.snapshot');
  return memberId;
}

function memberEmails(): string[] {
  return (desktop.core.workspaceView()?.snapshot.members.map((member) => member.email) ?? []).sort();
}

describe('D5: first run', () => {
  it('D5: a fresh desktop is in first run, with nothing to set up', () => {
    expect(desktop.core.sessionState()).toMatchObject({ phase: 'first_run', hub: null, connection: { status: 'offline' } });
  });

  it('D5: "start a workspace on this computer" runs a hub on 127.0.0.1 and signs its Owner in', async () => {
    const state = await desktop.core.startLocalWorkspace({
      organizationName: 'Home Org',
      workspaceName: 'Home',
      plan: 'growth',
      ownerName: 'Hal Home',
      ownerEmail: 'hal@example.com',
      password: 'home-password-1',
      isShared: false,
    });
    expect(state).toMatchObject({ phase: 'signed_in', hub: { isLocal: true, isShared: false }, person: { email: 'hal@example.com' } });
    expect(state.hub?.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    await desktop.waitForEvent('workspace.snapshot');
    expect(desktop.core.workspaceView()?.snapshot.workspace.name).toBe('Home');
    // After a restart of the app, the local hub and the session come back by themselves.
    desktop = await desktop.reopen();
    await desktop.online();
    expect(desktop.core.sessionState()).toMatchObject({ phase: 'signed_in', hub: { isLocal: true } });
  });
});

describe('sync into the local replica', () => {
  it('D4: signing in fills the replica with what the hub sent, and live changes follow', async () => {
    await signInAsManager();
    expect(memberEmails()).toEqual(['desk@example.com', hub.ownerEmail].sort());
    await owner.mutate('member.invite', { input: { email: 'live@example.com', level: 'agent' } });
    await desktop.waitForEvent('workspace.changes', (event) => event.payload.changes.members.upserted.some((member) => member.email === 'live@example.com'));
    expect(memberEmails()).toContain('live@example.com');
  });

  it('catches up from the stored sequence after the app was closed', async () => {
    await signInAsManager();
    const seqBefore = desktop.core.workspaceView()?.seq ?? 0;
    await desktop.core.close();
    await owner.mutate('team.create', { name: 'While closed' });
    desktop = await desktop.reopen();
    await desktop.waitForEvent('workspace.changes');
    expect(desktop.events.some((event) => event.name === 'workspace.snapshot')).toBe(false);
    const view = desktop.core.workspaceView();
    expect(view?.seq).toBe(seqBefore + 1);
    expect(view?.snapshot.teams.map((team) => team.name)).toEqual(['While closed']);
  });

  it('takes a full snapshot when the replica is empty', async () => {
    await signInAsManager();
    expect(desktop.events.filter((event) => event.name === 'workspace.snapshot')).toHaveLength(1);
  });

  it('rebuilds a corrupt replica from the hub instead of crashing', async () => {
    await signInAsManager();
    const file = desktop.core.replicaFile() ?? '';
    await desktop.core.close();
    await writeFile(file, 'this is not a database'.repeat(100));
    for (const suffix of ['-wal', '-shm']) await writeFile(`${file}${suffix}`, '');
    desktop = await desktop.reopen();
    await desktop.waitForEvent('workspace.snapshot');
    expect(memberEmails()).toContain('desk@example.com');
  });

  it('does not read a replica file that belongs to another person', () => {
    const file = join(desktop.dataDir, 'foreign.sqlite');
    const mine = Replica.open(file, { hubUrl: 'http://a', personId: 'me' });
    mine.applySnapshot(5, { organization: { id: 'o', name: 'O' }, workspace: { id: 'w', organizationId: 'o', name: 'W', plan: 'growth' }, selfMemberId: 'm', members: [], teams: [], contacts: [], preferences: { scope: 'nobody', memberIds: [], notifyOnline: false, notifyOffline: false } }, 1);
    mine.close();
    const theirs = Replica.open(file, { hubUrl: 'http://a', personId: 'someone-else' });
    expect(theirs.rebuiltBecause).toBe('the file belongs to another hub or person');
    expect(theirs.seqOf('w')).toBeNull();
    theirs.close();
  });
});

describe('D1: offline review', () => {
  it('D1: with the hub gone, the last synced members stay readable and every change is refused with a reason', async () => {
    await signInAsManager();
    hub = await hub.restart({}, async () => {
      await desktop.waitForEvent('connection.changed', (event) => event.payload.status === 'offline');
      expect(desktop.core.sessionState().connection).toMatchObject({ status: 'offline', detail: expect.any(String), retryAt: expect.any(Number) });
      expect(memberEmails()).toContain('desk@example.com');
      expect(desktop.core.workspaceView()?.presence.every((each) => !each.isOnline)).toBe(true);
      await expect(desktop.core.hubRequest('team.create', { name: 'Offline' })).rejects.toMatchObject({
        code: 'offline',
        message: expect.stringContaining('needs a connection to the hub'),
      });
    });
    expect(hub.hub.store.teams.inWorkspace(hub.workspaceId)).toEqual([]);
  });

  it('D1: when the hub comes back the desktop is live again by itself, with nothing lost or doubled', async () => {
    await signInAsManager();
    hub = await hub.restart();
    await desktop.waitForEvent('connection.changed', (event) => event.payload.status === 'offline');
    await desktop.online();
    const created = (await desktop.core.hubRequest('team.create', { name: 'After restart' })) as { team: { id: string } };
    await desktop.waitForEvent('workspace.changes', (event) => event.payload.changes.teams.upserted.some((team) => team.id === created.team.id));
    expect(hub.hub.store.teams.inWorkspace(hub.workspaceId).map((team) => team.name)).toEqual(['After restart']);
    expect(desktop.core.workspaceView()?.seq).toBe(hub.hub.store.workspaces.byId(hub.workspaceId)?.seq);
  });
});

describe('V1: revoke', () => {
  it('V1: being revoked wipes the workspace from the replica and tells the person', async () => {
    const memberId = await signInAsManager();
    await owner.mutate('member.revoke', { input: { memberId, reassignContactsTo: null } });
    await desktop.waitForEvent('session.changed', (event) => event.payload.workspaces.length === 0);
    expect(desktop.core.workspaceView()).toBeNull();
    expect(desktop.notifications).toContainEqual({ title: 'Access revoked', body: 'Your access to this workspace was revoked.' });
    const replica = Replica.open(desktop.core.replicaFile() ?? '', { hubUrl: hub.hub.url, personId: hub.hub.store.people.byEmail('desk@example.com')?.id ?? '' });
    expect(replica.workspaceIds()).toEqual([]);
    replica.close();
  });

  it('signing out deletes the replica file and the stored session', async () => {
    await signInAsManager();
    const file = desktop.core.replicaFile() ?? '';
    const state = await desktop.core.signOut();
    expect(state.phase).toBe('signed_out');
    await expect(readFile(file)).rejects.toThrow();
  });
});

describe('U8/D3: export', () => {
  it('U8: exports the members to the chosen file, recorded by the hub', async () => {
    await signInAsManager();
    await desktop.online();
    const file = join(desktop.dataDir, 'export.csv');
    desktop.exportTarget = { kind: 'file', path: file };
    const result = await desktop.core.exportMembersCsv();
    expect(result).toEqual({ status: 'saved', filePath: file, rowCount: 2 });
    const rows = parse(await readFile(file), { bom: true, columns: true }) as Array<Record<string, string>>;
    expect(rows.map((row) => row['Email']).sort()).toEqual(['desk@example.com', hub.ownerEmail].sort());
    expect(hub.hub.store.audit.all(hub.workspaceId).some((entry) => entry.action === 'members.exported')).toBe(true);
    expect(desktop.events.some((event) => event.name === 'export.progress')).toBe(true);
  });

  it('U8: cancelling the save-as dialog writes nothing and records nothing', async () => {
    await signInAsManager();
    await desktop.online();
    desktop.exportTarget = null;
    expect(await desktop.core.exportMembersCsv()).toEqual({ status: 'cancelled' });
    expect(hub.hub.store.audit.all(hub.workspaceId).some((entry) => entry.action === 'members.exported')).toBe(false);
  });

  it('R3: a restricted Manager is refused before the dialog opens', async () => {
    await hub.addMember(owner, 'r3@example.com', 'manager', { dataExport: true });
    await desktop.core.signIn(hub.hub.url, 'r3@example.com', MEMBER_PASSWORD);
    await desktop.online();
    await desktop.waitForEvent('workspace.snapshot');
    desktop.exportTarget = { kind: 'file', path: join(desktop.dataDir, 'never.csv') };
    await expect(desktop.core.exportMembersCsv()).rejects.toMatchObject({ code: 'restricted', rule: 'R3' });
    await expect(readFile(join(desktop.dataDir, 'never.csv'))).rejects.toThrow();
  });
});

describe('D2: presence notifications', () => {
  it('D2: a watched member coming online raises a notification', async () => {
    await signInAsManager();
    await desktop.online();
    await desktop.waitForEvent('presence.changed');
    await hub.addMember(owner, 'watched@example.com', 'agent');
    await hub.connect('watched@example.com', MEMBER_PASSWORD);
    await desktop.waitForEvent('presence.changed', (event) => event.payload.some((each) => each.isOnline && each.memberId !== undefined) && desktop.notifications.length > 0);
    expect(desktop.notifications).toContainEqual({ title: 'watched is online', body: 'watched@example.com' });
  });
});
