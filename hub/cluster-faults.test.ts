// Issue 14.4: faults across hub instances. Two hubs run as separate OS
// processes on one real PostgreSQL, with desktops (raw sockets) writing
// through both. kill -9 one hub mid-writing: its desktops connect to the
// other (the test plays the proxy) and send their unacknowledged mutations
// again with the same mutation ids. Restart PostgreSQL under the same load,
// cleanly and with kill -9: both hubs keep running, say in their logs that
// they lost and regained it, answer requests meanwhile with an error (never
// a hang), and lose nothing they acknowledged. After each fault, every
// acknowledged mutation is stored exactly once (row, change log entry,
// applied-mutation record), each workspace's seq is gap-free, and every
// watching desktop holds what a fresh snapshot holds (D4). After the kill,
// the dead hub's members go offline on the other within the lease window (U3).
//
// A few seconds of writing for npm test; npm run test:long writes longer:
// GATEHOUSE_CLUSTER_FAULTS_WRITE_MS (per fault) and GATEHOUSE_CLUSTER_FAULTS_WRITERS (per hub).
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NO_RESTRICTIONS } from '../shared/policy';
import { bootstrapWorkspace } from './bootstrap';
import { eventually } from './cluster/cluster-fixtures';
import { FaultWriter, WriteLog } from './cluster/fault-writer';
import type { StoredWrites } from './cluster/stored-writes';
import { readStoredWrites } from './cluster/stored-writes';
import { WorkspaceFollower } from './cluster/workspace-follower';
import { openStoreAt } from './store/open-store';
import { freePort } from './testing/free-port';
import type { WatchedHubProcess as HubProcess } from './testing/hub-process';
import { startWatchedHubProcess } from './testing/hub-process';
import type { PostgresServer } from './testing/postgres-server';
import { startPostgresServer } from './testing/postgres-server';
import { TestClient } from './testing/test-client';

const WRITE_MS = Number(process.env['GATEHOUSE_CLUSTER_FAULTS_WRITE_MS'] ?? 3_000);
const WRITERS_PER_HUB = Number(process.env['GATEHOUSE_CLUSTER_FAULTS_WRITERS'] ?? 2);
/** The hubs' presence lease (hub/cli.ts GATEHOUSE_PRESENCE_LEASE_MS), renewed every third of it. */
const LEASE_MS = 1_500;
const RENEW_EVERY_MS = Math.round(LEASE_MS / 3);
/** What a loaded two-core machine may add to the lease window: the reaping heartbeat's query and the fan-out. */
const LEASE_WINDOW_SLACK_MS = 1_500;
const OWNER = { email: 'owner@example.com', password: 'owner-password-1' };
const AGENT_PASSWORD = 'agent-password-1';
const LOST_LINE = 'the cluster listener lost PostgreSQL; connecting again';
const REGAINED_LINE = 'the cluster listener reconnected to PostgreSQL; catching every workspace up';

let server: PostgresServer;
let database: string;
let dataDir: string;
let workspaceId: string;
let portA: number;
let portB: number;
let hubA: HubProcess;
let hubB: HubProcess;
/** Every test's writes: a later fault must not lose what an earlier one's hubs acknowledged. */
const logs: WriteLog[] = [];
/** Members of the workspace who are connected to hub A only (presence). */
let agents: Array<{ memberId: string; token: string }>;

const pause = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

function startHub(port: number): Promise<HubProcess> {
  return startWatchedHubProcess(dataDir, port, database, { env: { GATEHOUSE_PRESENCE_LEASE_MS: String(LEASE_MS) } });
}

async function signIn(hubUrl: string, email: string, password: string): Promise<string> {
  const response = await fetch(`${hubUrl}/api/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', connection: 'close' },
    body: JSON.stringify({ email, password }),
  });
  if (!response.ok) throw new Error(`sign-in as ${email} failed: ${await response.text()}`);
  return ((await response.json()) as { token: string }).token;
}

async function subscribedClient(hubUrl: string, token: string): Promise<TestClient> {
  const client = await TestClient.open(`${hubUrl.replace(/^http/, 'ws')}/ws`, token, workspaceId);
  await client.subscribe(null);
  return client;
}

/** An Agent invited by the Owner and accepted through the link, the real way. */
async function addAgent(owner: TestClient, hubUrl: string, email: string): Promise<{ memberId: string; token: string }> {
  const invited = await owner.mutate('member.invite', { input: { email, level: 'agent', restrictions: { ...NO_RESTRICTIONS } } });
  const response = await fetch(`${hubUrl}/api/invitations/accept`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', connection: 'close' },
    body: JSON.stringify({ token: new URL(invited.inviteUrl ?? '').pathname.split('/').pop(), displayName: email.split('@')[0], password: AGENT_PASSWORD }),
  });
  if (!response.ok) throw new Error(`accepting ${email} failed: ${await response.text()}`);
  return { memberId: invited.member.id, token: await signIn(hubUrl, email, AGENT_PASSWORD) };
}

/** Writers with a session each: `perHub` whose preferred hub is each of `preferences`' first. */
async function startWriters(log: WriteLog, preferences: Array<{ name: string; hubs: () => string[] }>): Promise<FaultWriter[]> {
  const writers: FaultWriter[] = [];
  for (const preference of preferences) {
    for (let index = 0; index < WRITERS_PER_HUB; index += 1) {
      const token = await signIn(preference.hubs()[0] ?? '', OWNER.email, OWNER.password);
      writers.push(new FaultWriter({ name: `${preference.name}${index}`, hubs: preference.hubs, token, workspaceId, log }));
    }
  }
  for (const writer of writers) writer.start();
  return writers;
}

/** The lines of a hub's log (pino JSON) whose message is `message`, from line `from` on. */
function logLines(hub: HubProcess, message: string, from = 0): number {
  return hub.output.slice(from).filter((line) => {
    try {
      return (JSON.parse(line) as { msg?: string }).msg === message;
    } catch {
      return false;
    }
  }).length;
}

/** The hub process still runs; if it ended, the failure quotes the end of what it wrote (an uncaught error's stack). */
function expectRunning(hub: HubProcess): void {
  if (hub.hasExited()) expect.fail(`the hub on ${hub.url} ended:\n${hub.output.slice(-20).map((line) => line.slice(0, 300)).join('\n')}`);
}

/** Resolves with `promise`'s outcome, or fails the test as a hang after `ms`. */
function withinOrHang<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  return Promise.race([promise, new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`${what} hung for ${ms} ms`)), ms))]);
}

/** With the database down, the hub answers a sign-in with an error status and refuses a new socket. */
async function expectRefusedWhileDown(hub: HubProcess): Promise<void> {
  const signInAnswer = await withinOrHang(
    fetch(`${hub.url}/api/sign-in`, { method: 'POST', headers: { 'content-type': 'application/json', connection: 'close' }, body: JSON.stringify(OWNER) }),
    5_000,
    'a sign-in while PostgreSQL was down',
  );
  expect(signInAnswer.status).toBeGreaterThanOrEqual(500);
  const socketOutcome = await withinOrHang(
    TestClient.open(`${hub.url.replace(/^http/, 'ws')}/ws`, 'any-token', workspaceId).then(
      (client) => {
        client.close();
        return 'opened';
      },
      (error: unknown) => `refused: ${error instanceof Error ? error.message : String(error)}`,
    ),
    5_000,
    'a socket opened while PostgreSQL was down',
  );
  expect(socketOutcome).toMatch(/^refused/);
}

/** Every mutation acknowledged so far stored exactly once; the change log gap-free and ending at the workspace's seq. */
function expectExactlyOnce(stored: StoredWrites): void {
  expect(logs.flatMap((log) => log.refusals)).toEqual([]);
  const acknowledged = logs.flatMap((log) => log.acknowledged());
  expect(acknowledged.length).toBeGreaterThan(0);
  const teamsByName = new Map<string, string[]>();
  for (const team of stored.teams) teamsByName.set(team.name, [...(teamsByName.get(team.name) ?? []), team.id]);
  const missingOrTwice = acknowledged.filter((mutation) => teamsByName.get(mutation.name)?.length !== 1).map((mutation) => mutation.name);
  expect(missingOrTwice).toEqual([]);
  // One change log entry per team it made, one applied-mutation record per mutation id.
  const teamIds = acknowledged.map((mutation) => teamsByName.get(mutation.name)?.[0] ?? '');
  expect(teamIds.filter((id) => stored.teamChanges.get(id) !== 1)).toEqual([]);
  expect(acknowledged.filter((mutation) => stored.appliedMutations.get(mutation.mutationId) !== 1).map((mutation) => mutation.name)).toEqual([]);
  // A mutation never acknowledged (the writers retry until it is, so none here) would be the only team the log does not name.
  const written = new Set(logs.flatMap((log) => log.mutations.map((mutation) => mutation.name)));
  expect(stored.teams.filter((team) => !written.has(team.name))).toEqual([]);
  // D4: seq 1, 2, ... up to the workspace's, each once.
  expect(stored.changeSeqs).toEqual(Array.from({ length: stored.seq }, (_, index) => index + 1));
}

/** D4: the follower reached the stored seq without a break and holds what a fresh snapshot on `hubUrl` holds. */
async function expectConverged(follower: WorkspaceFollower, stored: StoredWrites, hubUrl: string, ownerToken: string): Promise<void> {
  await follower.settled();
  await eventually(() => follower.seq === stored.seq, `the follower to reach seq ${stored.seq} (at ${follower.seq})`, 15_000);
  expect(follower.seqBreaks).toEqual([]);
  const fresh = await subscribedClient(hubUrl, ownerToken);
  try {
    const snapshot = fresh.snapshots()[0];
    expect(snapshot?.seq).toBe(stored.seq);
    const byId = (a: { id: string }, b: { id: string }): number => a.id.localeCompare(b.id);
    const snapshotTeams = (snapshot?.snapshot.teams ?? []).map((team) => ({ id: team.id, name: team.name })).sort(byId);
    expect([...follower.teams.values()].sort(byId)).toEqual(snapshotTeams);
    expect(snapshotTeams).toEqual(stored.teams.map((team) => ({ id: team.id, name: team.name })).sort(byId));
  } finally {
    fresh.close();
  }
}

function percentile(values: readonly number[], fraction: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * fraction))] ?? Number.NaN;
}

function report(what: string, log: WriteLog): void {
  const retried = log.mutations.filter((mutation) => mutation.sends > 1).length;
  console.log(
    `${what}: ${log.acknowledged().length} mutations acknowledged, ${retried} sent again, ${log.reconnections} reconnections, ` +
      `${log.retriedFailures.length} errors retried (${[...new Set(log.retriedFailures.map((failure) => failure.code))].join(', ') || 'none'}); ` +
      `reply p50 ${percentile(log.replyMs, 0.5)} ms, p95 ${percentile(log.replyMs, 0.95)} ms, worst ${Math.max(...log.replyMs)} ms`,
  );
}

beforeAll(async () => {
  server = await startPostgresServer();
  database = await server.createDatabase('cluster_faults');
  dataDir = await mkdtemp(join(tmpdir(), 'gatehouse-cluster-faults-'));
  const { store } = await openStoreAt({ dataDir, database });
  try {
    ({ workspaceId } = await bootstrapWorkspace(store, {
      organizationName: 'Acme',
      workspaceName: 'Support',
      plan: 'enterprise',
      ownerEmail: OWNER.email,
      ownerName: 'Olive',
      ownerPassword: OWNER.password,
    }));
  } finally {
    await store.close();
  }
  [portA, portB] = [await freePort(), await freePort()];
  // The same data folder for both: one two-step key file, as a copy of it would be.
  [hubA, hubB] = await Promise.all([startHub(portA), startHub(portB)]);
  const owner = await subscribedClient(hubA.url, await signIn(hubA.url, OWNER.email, OWNER.password));
  try {
    agents = [await addAgent(owner, hubA.url, 'ada@example.com'), await addAgent(owner, hubA.url, 'bo@example.com')];
  } finally {
    owner.close();
  }
}, 120_000);

afterAll(async () => {
  for (const hub of [hubA, hubB]) if (hub && !hub.hasExited()) await hub.stop();
  await server?.stop();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
}, 60_000);

describe(`faults across two hub processes on one PostgreSQL (${WRITERS_PER_HUB} writers per hub, ${WRITE_MS} ms of writing per fault)`, () => {
  it('kill -9 one hub mid-writing: its desktops move to the other, nothing acknowledged is lost or doubled, replicas converge, its members go offline within the lease (D4, U3)', async () => {
    const ownerToken = await signIn(hubB.url, OWNER.email, OWNER.password);
    const follower = await WorkspaceFollower.follow(() => [hubB.url], ownerToken, workspaceId);
    // Members connected to A alone: the ones who must go offline when A dies.
    const idleOnA = await Promise.all(agents.map((agent) => subscribedClient(hubA.url, agent.token)));
    await eventually(() => agents.every((agent) => follower.isOnline(agent.memberId) === true), 'hub B to show the members on hub A online');

    const log = new WriteLog();
    logs.push(log);
    const writers = await startWriters(log, [
      { name: 'a', hubs: () => [hubA.url, hubB.url] },
      { name: 'b', hubs: () => [hubB.url] },
    ]);
    await pause(WRITE_MS * (0.3 + Math.random() * 0.3));
    const killedAt = Date.now();
    await hubA.kill9();
    await pause(WRITE_MS * 0.5);
    await Promise.all(writers.map((writer) => writer.stop()));
    report('kill -9 of hub A', log);

    // A's writers all found their hub gone and connected to B; the kill left mutations unanswered, sent again to B.
    expect(log.reconnections).toBeGreaterThanOrEqual(WRITERS_PER_HUB);
    expect(log.mutations.filter((mutation) => mutation.sends > 1).length).toBeGreaterThan(0);
    const stored = await readStoredWrites(database, workspaceId);
    expectExactlyOnce(stored);
    await expectConverged(follower, stored, hubB.url, ownerToken);

    // U3: B reaps A's leases at its first heartbeat after they expire.
    const window = LEASE_MS + RENEW_EVERY_MS;
    await eventually(() => agents.every((agent) => follower.wentOfflineAt(agent.memberId, killedAt) !== undefined), 'hub B to show hub A’s members offline', window + 10_000);
    const offlineAfterMs = agents.map((agent) => (follower.wentOfflineAt(agent.memberId, killedAt) ?? Number.NaN) - killedAt);
    console.log(`hub A's members went offline on hub B ${offlineAfterMs.join(' and ')} ms after the kill (lease ${LEASE_MS} ms, renewed every ${RENEW_EVERY_MS} ms)`);
    for (const elapsed of offlineAfterMs) expect(elapsed).toBeLessThanOrEqual(window + LEASE_WINDOW_SLACK_MS);
    expectRunning(hubB);
    follower.close();
    for (const client of idleOnA) client.close();
  }, 120_000);

  it('restart PostgreSQL under load, cleanly and by kill -9: both hubs keep running, log the loss and the return, answer meanwhile, lose nothing (D4)', async () => {
    if (hubA.hasExited()) hubA = await startHub(portA);
    const logFrom = new Map([hubA, hubB].map((hub) => [hub, hub.output.length]));
    const lostLines = (hub: HubProcess): number => logLines(hub, LOST_LINE, logFrom.get(hub));
    const regainedLines = (hub: HubProcess): number => logLines(hub, REGAINED_LINE, logFrom.get(hub));
    /** Waits until `check` holds for both hubs; fails at once, with its last words, if either hub process ended. */
    const untilBothHubs = async (check: (hub: HubProcess) => boolean, what: string): Promise<void> => {
      await eventually(() => [hubA, hubB].every((hub) => hub.hasExited() || check(hub)), `both hubs to ${what}`, 20_000);
      for (const hub of [hubA, hubB]) expectRunning(hub);
    };
    const ownerToken = await signIn(hubB.url, OWNER.email, OWNER.password);
    const followers = await Promise.all(
      [hubA, hubB].map(async (hub) => ({ hubUrl: hub.url, follower: await WorkspaceFollower.follow(() => [hub.url], ownerToken, workspaceId) })),
    );

    const log = new WriteLog();
    logs.push(log);
    const writers = await startWriters(log, [
      { name: 'pa', hubs: () => [hubA.url, hubB.url] },
      { name: 'pb', hubs: () => [hubB.url, hubA.url] },
    ]);
    await pause(WRITE_MS / 3);
    const outageStarted = Date.now();
    await server.restart();
    await untilBothHubs((hub) => regainedLines(hub) >= 1, 'log that they regained PostgreSQL after the restart');
    await pause(WRITE_MS / 3);
    await server.kill9();
    // While it is down, a new desktop's sign-in and socket are refused at once, not left waiting.
    await expectRefusedWhileDown(hubB);
    await server.restart();
    await untilBothHubs((hub) => regainedLines(hub) >= 2, 'log that they regained PostgreSQL after the kill -9');
    await pause(WRITE_MS / 3);
    await Promise.all(writers.map((writer) => writer.stop()));
    report('PostgreSQL restarted, then killed and started', log);

    for (const hub of [hubA, hubB]) {
      expectRunning(hub);
      expect(lostLines(hub)).toBeGreaterThanOrEqual(2);
      expect(regainedLines(hub)).toBeGreaterThanOrEqual(2);
    }
    // Requests during the outages were answered with an error the desktop saw (then retried with the same id); none hung.
    expect(log.retriedFailures.filter((failure) => failure.code === 'internal' && failure.at >= outageStarted).length).toBeGreaterThan(0);
    expect(log.retriedFailures.filter((failure) => failure.code === 'no_reply')).toEqual([]);
    const stored = await readStoredWrites(database, workspaceId);
    expectExactlyOnce(stored);
    for (const { hubUrl, follower } of followers) await expectConverged(follower, stored, hubUrl, ownerToken);
    for (const { follower } of followers) follower.close();
  }, 180_000);
});
