// Issue 10.5: first run keeps its choices. A workspace started on this
// computer and shared on the network stays shared, on the address chosen,
// after the app restarts on the same data folder: the hub listens on every
// interface and invitation links name the chosen address; an operator's
// public address wins over it; a shared hub without an address, or on one
// this computer does not have, is refused rather than guessed.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { networkInterfaces, tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ShareableAddress } from '../../shared/api/sharing-contract';
import type { StartLocalWorkspaceInput } from './desktop-core';
import { DesktopCore } from './desktop-core';
import { createFileSecretStore } from './secret-store';

/** Two addresses, as a laptop on a LAN and a VPN has: the person picks the one the others reach. */
const ADDRESSES: ShareableAddress[] = [
  { address: '192.0.2.10', family: 'IPv4', interfaceName: 'eth0' },
  { address: '10.8.0.2', family: 'IPv4', interfaceName: 'tun0' },
];

const FIRST_RUN: StartLocalWorkspaceInput = {
  organizationName: 'Home Org',
  workspaceName: 'Home',
  plan: 'growth',
  ownerName: 'Hal Home',
  ownerEmail: 'hal@example.com',
  password: 'home-password-1',
  isShared: true,
  address: '10.8.0.2',
};

let dataDir: string;
let core: DesktopCore | null = null;

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
    shareableAddresses: () => ADDRESSES,
    operatorHubUrl: options.operatorHubUrl ?? null,
  });
  return core;
}

async function restart(options: { operatorHubUrl?: string } = {}): Promise<DesktopCore> {
  await core?.close();
  const next = openCore(options);
  await next.init();
  return next;
}

/** The interfaces the local hub listens on, as its own address says. */
const listeningOn = (desktop: DesktopCore): string | undefined => desktop['localHub']?.hub.url;

async function invite(desktop: DesktopCore, email: string): Promise<string> {
  for (let tries = 0; (await desktop.sessionState()).connection.status !== 'online' && tries < 100; tries += 1) await new Promise((resolve) => setTimeout(resolve, 50));
  const invited = (await desktop.hubRequest('member.invite', { input: { email, level: 'agent' } })) as { inviteUrl: string | null };
  return invited.inviteUrl ?? '';
}

beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'gatehouse-sharing-'));
});
afterEach(async () => {
  await core?.close();
  core = null;
  await rm(dataDir, { recursive: true, force: true });
});

describe('issue 10.5: sharing chosen at first run', () => {
  it('issue 10.5: sharing and the chosen address survive a restart; the hub listens on 0.0.0.0 and links use the chosen address', async () => {
    const first = openCore();
    await first.init();
    const started = await first.startLocalWorkspace(FIRST_RUN);
    const port = Number(new URL(started.hub?.url ?? '').port);
    expect(started.hub).toEqual({ url: `http://10.8.0.2:${port}`, isLocal: true, isShared: true, address: '10.8.0.2', urlSource: 'chosen' });
    const saved = JSON.parse(await readFile(join(dataDir, 'config.json'), 'utf8')) as { hub: unknown };
    expect(saved.hub).toEqual({ url: `http://10.8.0.2:${port}`, isLocal: true, isShared: true, port, address: '10.8.0.2' });

    const again = await restart();
    expect((await again.sessionState()).hub).toEqual(started.hub);
    expect(listeningOn(again)).toBe(`http://0.0.0.0:${port}`);
    expect(await invite(again, 'new.agent@example.com')).toMatch(new RegExp(`^http://10\\.8\\.0\\.2:${port}/`));
    // Listening on every interface is real: a non-internal address of this machine answers, when it has one.
    const lan = Object.values(networkInterfaces()).flat().find((each) => each?.family === 'IPv4' && !each.internal);
    if (lan) expect((await fetch(`http://${lan.address}:${port}/api/hub-info`, { signal: AbortSignal.timeout(3_000) })).status).toBeLessThan(500);
  });

  it('issue 10.5: not shared stays on 127.0.0.1; sharing later from the account menu restarts the hub on the chosen address, and back', async () => {
    const first = openCore();
    await first.init();
    const started = await first.startLocalWorkspace({ ...FIRST_RUN, isShared: false, address: '10.8.0.2' });
    expect(started.hub).toMatchObject({ isShared: false, address: null, urlSource: 'loopback' });
    expect(listeningOn(first)).toMatch(/^http:\/\/127\.0\.0\.1:/);

    const shared = await first.setSharing({ isShared: true, address: '192.0.2.10' });
    expect(shared.hub).toMatchObject({ isShared: true, address: '192.0.2.10', urlSource: 'chosen', url: expect.stringMatching(/^http:\/\/192\.0\.2\.10:/) });
    expect(await invite(first, 'after.sharing@example.com')).toMatch(/^http:\/\/192\.0\.2\.10:/);
    const again = await restart();
    expect(listeningOn(again)).toMatch(/^http:\/\/0\.0\.0\.0:/);
    expect((await again.sessionState()).hub).toMatchObject({ isShared: true, address: '192.0.2.10' });

    const unshared = await again.setSharing({ isShared: false, address: null });
    expect(unshared.hub).toMatchObject({ isShared: false, address: null, urlSource: 'loopback' });
    expect(listeningOn(again)).toMatch(/^http:\/\/127\.0\.0\.1:/);
    expect((await (await restart()).sessionState()).hub).toMatchObject({ isShared: false, address: null });
  });

  it('issue 10.5: an operator\'s public address wins over the chosen one, and the app says so', async () => {
    const first = openCore({ operatorHubUrl: 'https://gatehouse.acme.example/' });
    await first.init();
    const started = await first.startLocalWorkspace({ ...FIRST_RUN, address: null });
    expect(started.hub).toMatchObject({ url: 'https://gatehouse.acme.example', isShared: true, urlSource: 'operator' });
    expect(await invite(first, 'via.operator@example.com')).toMatch(/^https:\/\/gatehouse\.acme\.example\//);
    expect(first.sharingOptions()).toEqual({ addresses: ADDRESSES, operatorUrl: 'https://gatehouse.acme.example' });
  });

  it('issue 10.5: shared with no address, or with one this computer does not have, is refused and nothing is started', async () => {
    const first = openCore();
    await first.init();
    await expect(first.startLocalWorkspace({ ...FIRST_RUN, address: null })).rejects.toMatchObject({ code: 'address_required' });
    await expect(first.startLocalWorkspace({ ...FIRST_RUN, address: '203.0.113.99' })).rejects.toMatchObject({ code: 'address_unknown' });
    expect((await first.sessionState()).phase).toBe('first_run');
  });
});
