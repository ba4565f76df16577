// Issue 10.1: the sync client against real hubs: a hub process killed and
// restarted, a relay that loses the hub's answers or cuts the line, a real
// replica. Each test checks what the hub stored and what the replica holds,
// and that every drop and reconnect was logged with its reason.
import { join } from 'node:path';
import { rm } from 'node:fs/promises';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { HUB_DATABASE_FILE } from '../../../hub';
import type { HubProcess, TcpRelay, TestHub } from '../../../hub/testing';
import { KILL_TRIALS_OWNER, OWNER_PASSWORD, prepareKillTrialsHub, startHubProcess, startTcpRelay, startTestHub } from '../../../hub/testing';
import { SESSION_END_MESSAGES } from '../../../shared/api/account-contract';
import { PROTOCOL_VERSION } from '../../../shared/protocol';
import type { WorkspaceChanges } from '../../../shared/protocol';
import { ApiFailure } from '../api-failure';
import { Replica } from '../replica/replica';
import type { HarnessSettings, SyncHarness } from './testing/sync-harness';
import { startSyncHarness } from './testing/sync-harness';
import { CLIENT_NEWER_MESSAGE, CLIENT_OLDER_MESSAGE } from './sync-client';

const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()?.();
});

async function harness(settings: HarnessSettings): Promise<SyncHarness> {
  const started = await startSyncHarness(settings);
  cleanups.push(() => started.close());
  return started;
}

async function testHub(options: Parameters<typeof startTestHub>[0] = {}): Promise<TestHub> {
  const hub = await startTestHub(options);
  cleanups.push(() => hub.stop());
  return hub;
}

async function relayTo(url: string): Promise<TcpRelay> {
  const relay = await startTcpRelay(url);
  cleanups.push(() => relay.close());
  return relay;
}

/** The owner's desktop on a hub, through `hubUrl` (the hub itself or a relay in front of it). */
async function ownerDesktop(hub: TestHub, hubUrl = hub.hub.url, extra: Partial<HarnessSettings> = {}): Promise<SyncHarness> {
  const session = await hub.signIn(hub.ownerEmail, OWNER_PASSWORD);
  const sync = await harness({ hubUrl, token: session.token, personId: session.personId, workspaceId: hub.workspaceId, ...extra });
  sync.client.start();
  await sync.waitOnline();
  return sync;
}

function hubRows<T>(hub: { dataDir: string }, sql: string, ...params: unknown[]): T[] {
  const sqlite = new Database(join(hub.dataDir, HUB_DATABASE_FILE), { readonly: true });
  try {
    return sqlite.prepare(sql).all(...params) as T[];
  } finally {
    sqlite.close();
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const NO_CHANGES: WorkspaceChanges = { members: { upserted: [], deleted: [] }, teams: { upserted: [], deleted: [] }, contacts: { upserted: [], deleted: [] } };

describe('issue 10.1: reconnecting', () => {
  it('issue 10.1: after kill -9 of the hub it retries with growing, jittered waits, logs each one, and comes back by itself', async () => {
    const target = await prepareKillTrialsHub();
    cleanups.push(() => rm(target.dataDir, { recursive: true, force: true }));
    let hub: HubProcess = await startHubProcess(target.dataDir, target.port);
    cleanups.push(() => hub.stop());
    const session = (await (
      await fetch(`${hub.url}/api/sign-in`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', connection: 'close' },
        body: JSON.stringify(KILL_TRIALS_OWNER),
      })
    ).json()) as { token: string; personId: string };
    const sync = await harness({ hubUrl: hub.url, token: session.token, personId: session.personId, workspaceId: target.workspaceId, backoff: { initialMs: 100, maxMs: 800 } });
    sync.client.start();
    await sync.waitOnline();

    await hub.kill9();
    await expect.poll(() => sync.logLines.filter((line) => line.msg === 'reconnecting after a wait').length, { timeout: 10_000 }).toBeGreaterThanOrEqual(5);
    const waits = sync.logLines.filter((line) => line.msg === 'reconnecting after a wait').slice(0, 5);
    waits.forEach((line, index) => {
      const ceiling = Math.min(800, 100 * 2 ** index);
      expect(line['attempt']).toBe(index + 1);
      expect(line['delayMs']).toBeGreaterThanOrEqual(ceiling / 2);
      expect(line['delayMs']).toBeLessThanOrEqual(ceiling);
      expect(typeof line['reason']).toBe('string');
    });
    // Jitter: the waits are not the bare exponential steps.
    expect(waits.some((line, index) => ![50, 100].map((part) => part * 2 ** index).includes(Number(line['delayMs'])))).toBe(true);
    const offline = sync.connectionStates().filter((state) => state.status === 'offline');
    expect(offline.every((state) => state.retryAt !== null && state.detail === 'The connection to the hub was lost.')).toBe(true);

    hub = await startHubProcess(target.dataDir, target.port);
    await sync.waitOnline(10_000);
    expect(sync.client.state).toEqual({ status: 'online', detail: null, retryAt: null });
    expect(sync.replica.seqOf(target.workspaceId)).not.toBeNull();
  }, 60_000);

  it('issue 10.1: "Reconnect now" skips the rest of a long wait, and does nothing while online', async () => {
    const hub = await testHub();
    const relay = await relayTo(hub.hub.url);
    const sync = await ownerDesktop(hub, relay.url, { backoff: { initialMs: 60_000, maxMs: 60_000 } });
    const connectingBefore = sync.connectionStates().filter((state) => state.status === 'connecting').length;
    sync.client.reconnectNow();
    expect(sync.connectionStates().filter((state) => state.status === 'connecting')).toHaveLength(connectingBefore);
    expect(relay.connections).toBe(1);

    relay.cutAll();
    await sync.waitFor('connection', (event) => event.state.status === 'offline');
    expect(sync.client.state.retryAt).toBeGreaterThan(Date.now() + 20_000);
    sync.client.reconnectNow();
    await sync.waitOnline(3_000);
    expect(relay.connections).toBe(2);
    expect(sync.logLines.some((line) => line.msg === 'reconnecting now, as asked')).toBe(true);
  });
});

describe('issue 10.1: changes in flight when the line drops', () => {
  it('issue 10.1: a change the hub applied but never confirmed is resent with the same mutation id after a reconnect, and applied once', async () => {
    const hub = await testHub();
    const relay = await relayTo(hub.hub.url);
    const sync = await ownerDesktop(hub, relay.url);

    relay.mode = 'drop_replies';
    const created = sync.client.request('team.create', { name: 'Resent once' });
    await expect.poll(() => hubRows(hub, "SELECT id FROM teams WHERE name = 'Resent once'").length).toBe(1);
    relay.mode = 'pass';
    relay.cutAll();

    const result = await created;
    expect(result.team.name).toBe('Resent once');
    expect(hubRows(hub, "SELECT id FROM teams WHERE name = 'Resent once'")).toEqual([{ id: result.team.id }]);
    const resent = sync.logLines.find((line) => line.msg === 'resending an unanswered request');
    expect(resent).toMatchObject({ type: 'team.create' });
    // The hub recorded the change under the id the client resent.
    const recorded = hubRows<{ mutation_id: string }>(hub, 'SELECT mutation_id FROM applied_mutations').map((row) => row.mutation_id);
    expect(recorded).toContain(resent?.['mutationId']);
    await expect.poll(() => sync.replica.view(hub.workspaceId)?.snapshot.teams.filter((team) => team.name === 'Resent once').length).toBe(1);
  });

  it('issue 10.1: when the hub stays out of reach, an unconfirmed change is reported after the retry window, and logged', async () => {
    const hub = await testHub();
    const relay = await relayTo(hub.hub.url);
    const sync = await ownerDesktop(hub, relay.url, { mutationRetryWindowMs: 400 });

    relay.mode = 'drop_replies';
    const created = sync.client.request('team.create', { name: 'Never confirmed' });
    const outcome = created.then(
      () => null,
      (error: unknown) => error,
    );
    await expect.poll(() => hubRows(hub, "SELECT id FROM teams WHERE name = 'Never confirmed'").length).toBe(1);
    relay.mode = 'refuse';
    relay.cutAll();

    const started = Date.now();
    const failure = await outcome;
    expect(failure).toBeInstanceOf(ApiFailure);
    expect((failure as ApiFailure).code).toBe('unconfirmed');
    expect(Date.now() - started).toBeGreaterThanOrEqual(300);
    expect(sync.logLines.some((line) => line.msg === 'gave up waiting to confirm a change' && line['type'] === 'team.create')).toBe(true);
  });
});

describe('issue 10.1: keeping the replica in step', () => {
  it('issue 10.1: a gap in seq subscribes again from the seq the replica has, and catches up with changes, not a snapshot', async () => {
    const hub = await testHub();
    const owner = await hub.connect(hub.ownerEmail, OWNER_PASSWORD);
    const sync = await ownerDesktop(hub);
    await owner.mutate('team.create', { name: 'First' });
    await expect.poll(() => sync.replica.view(hub.workspaceId)?.snapshot.teams.length).toBe(1);
    const seq = sync.replica.seqOf(hub.workspaceId) ?? 0;
    // The replica falls one change behind what the hub sent it.
    expect(sync.replica.applyChanges(hub.workspaceId, seq, seq - 1, NO_CHANGES, Date.now())).toBe(true);
    const eventsBefore = sync.events.length;

    await owner.mutate('team.create', { name: 'Second' });
    await expect.poll(() => sync.replica.seqOf(hub.workspaceId)).toBe(seq + 1);
    expect(sync.logLines.find((line) => line.msg.startsWith('a gap in the changes'))).toMatchObject({ fromSeq: seq, since: seq - 1 });
    const after = sync.events.slice(eventsBefore);
    expect(after.some((event) => event.type === 'snapshot')).toBe(false);
    expect(after.some((event) => event.type === 'changes' && event.seq === seq + 1)).toBe(true);
    expect(sync.replica.view(hub.workspaceId)?.snapshot.teams.map((team) => team.name).sort()).toEqual(['First', 'Second']);
  });

  it('issue 10.1: a replica that fails to apply asks for a snapshot after growing waits, never in a hot loop', async () => {
    const hub = await testHub();
    const session = await hub.signIn(hub.ownerEmail, OWNER_PASSWORD);
    const attempts: number[] = [];
    const sync = await harness({
      hubUrl: hub.hub.url,
      token: session.token,
      personId: session.personId,
      workspaceId: hub.workspaceId,
      backoff: { initialMs: 200, maxMs: 2_000 },
      replica: (file) => {
        const replica = Replica.open(file, { hubUrl: hub.hub.url, personId: session.personId });
        const begin = replica.beginSnapshot.bind(replica);
        // The first three snapshots meet a full disk.
        replica.beginSnapshot = (...args) => {
          attempts.push(Date.now());
          if (attempts.length <= 3) throw new Error('database or disk is full');
          return begin(...args);
        };
        return replica;
      },
    });
    sync.client.start();
    await expect.poll(() => sync.replica.seqOf(hub.workspaceId), { timeout: 5_000 }).not.toBeNull();
    expect(attempts).toHaveLength(4);
    const gaps = attempts.slice(1).map((at, index) => at - (attempts[index] ?? at));
    // Waits of at least half of 200, 400 and 800 ms.
    gaps.forEach((gap, index) => expect(gap).toBeGreaterThanOrEqual(100 * 2 ** index - 5));
    const failures = sync.logLines.filter((line) => line.msg.startsWith('the replica could not apply a frame'));
    expect(failures).toHaveLength(3);
    expect(failures[0]).toMatchObject({ reason: 'database or disk is full', attempt: 1 });
    expect(sync.events.filter((event) => event.type === 'snapshot')).toHaveLength(1);
  });
});

describe('issue 10.1: the hub ends the session or the membership', () => {
  async function quietAfter(sync: SyncHarness): Promise<void> {
    const seen = sync.events.length;
    await sleep(300);
    expect(sync.events.slice(seen).filter((event) => event.type === 'connection' && event.state.status === 'connecting')).toEqual([]);
  }

  it('issue 10.1: revoked (4003): the workspace is wiped from the replica, and the client does not reconnect', async () => {
    const hub = await testHub();
    const owner = await hub.connect(hub.ownerEmail, OWNER_PASSWORD);
    const memberId = await hub.addMember(owner, 'manny@example.com', 'manager');
    const session = await hub.signIn('manny@example.com', 'member-password-1');
    const sync = await harness({ hubUrl: hub.hub.url, token: session.token, personId: session.personId, workspaceId: hub.workspaceId });
    sync.client.start();
    await sync.waitOnline();
    expect(sync.replica.view(hub.workspaceId)).not.toBeNull();

    await owner.mutate('member.revoke', { input: { memberId, reassignContactsTo: null } });
    const revoked = await sync.waitFor('revoked');
    expect(revoked.message).toBe('Your access to this workspace was revoked.');
    expect(sync.replica.view(hub.workspaceId)).toBeNull();
    expect(sync.client.state).toEqual({ status: 'offline', detail: revoked.message, retryAt: null });
    await quietAfter(sync);
  });

  it('issue 10.1: signed out elsewhere (4001): the session ends, with its reason, and the client does not reconnect', async () => {
    const hub = await testHub();
    const sync = await ownerDesktop(hub);
    const token = (sync.client as unknown as { options: { token: string } }).options.token;
    const signedOut = await fetch(`${hub.hub.url}/api/sign-out`, { method: 'POST', headers: { authorization: `Bearer ${token}`, connection: 'close' } });
    expect(signedOut.status).toBe(200);
    const ended = await sync.waitFor('session_ended');
    expect(ended.reason).toBe(SESSION_END_MESSAGES.ended);
    expect(sync.client.state).toMatchObject({ status: 'offline', retryAt: null });
    expect(sync.logLines.some((line) => line.msg === 'connection closed' && line['code'] === 4001)).toBe(true);
    await quietAfter(sync);
  });

  it('issue 10.1: the session runs out (4002): the session ends as expired, and the client does not reconnect', async () => {
    const hub = await testHub({ sessionTtlMs: 1_500 });
    const sync = await ownerDesktop(hub);
    const ended = await sync.waitFor('session_ended', () => true, 5_000);
    expect(ended.reason).toBe(SESSION_END_MESSAGES.expired);
    expect(sync.logLines.some((line) => line.msg === 'connection closed' && line['code'] === 4002)).toBe(true);
    await quietAfter(sync);
  });
});

describe('issue 10.2: a hub on another protocol version', () => {
  /** A hub that speaks only `protocolVersion` (no older version served). */
  async function againstHubOfVersion(protocolVersion: number): Promise<{ sync: SyncHarness; relay: TcpRelay }> {
    const hub = await testHub({ protocolVersion, oldestProtocolVersion: protocolVersion });
    const relay = await relayTo(hub.hub.url);
    const session = await hub.signIn(hub.ownerEmail, OWNER_PASSWORD);
    const sync = await harness({ hubUrl: relay.url, token: session.token, personId: session.personId, workspaceId: hub.workspaceId, backoff: { initialMs: 20, maxMs: 40 } });
    sync.client.start();
    return { sync, relay };
  }

  it('issue 10.2: a newer hub: the connection says this hub needs a newer Gatehouse, and nothing is retried', async () => {
    const { sync, relay } = await againstHubOfVersion(PROTOCOL_VERSION + 1);
    const refused = await sync.waitFor('incompatible');
    expect(refused).toEqual({ type: 'incompatible', isClientOlder: true, hubVersion: PROTOCOL_VERSION + 1, message: CLIENT_OLDER_MESSAGE });
    expect(sync.client.state).toEqual({ status: 'offline', detail: 'This hub needs a newer Gatehouse. Update Gatehouse to connect to it.', retryAt: null });
    // With 20 ms backoff a loop would have made dozens of attempts by now.
    await sleep(400);
    expect(relay.connections).toBe(1);
    expect(sync.connectionStates().filter((state) => state.status === 'connecting')).toHaveLength(1);
    expect(sync.logLines.some((line) => line.msg.startsWith('the hub speaks another protocol version') && line['hubVersion'] === PROTOCOL_VERSION + 1)).toBe(true);
  });

  it('issue 10.2: an older hub: the connection asks for the hub to be updated; "Reconnect now" tries once more', async () => {
    const { sync, relay } = await againstHubOfVersion(PROTOCOL_VERSION - 1);
    const refused = await sync.waitFor('incompatible');
    expect(refused.isClientOlder).toBe(false);
    expect(sync.client.state.detail).toBe(CLIENT_NEWER_MESSAGE);
    expect(CLIENT_NEWER_MESSAGE).toBe('This hub is older than this Gatehouse; ask its operator to update it.');
    await sleep(200);
    expect(relay.connections).toBe(1);
    sync.client.reconnectNow();
    await expect.poll(() => sync.events.filter((event) => event.type === 'incompatible').length).toBe(2);
    await sleep(200);
    expect(relay.connections).toBe(2);
  });
});
