// kill -9 trials against a hub in a child process, shared by the hub's own
// durability test and the desktop's (whose replica must live through them):
// several raw-socket clients send mutations back to back, the hub is killed
// at a random moment, restarted on the same data folder, and every
// unacknowledged mutation is retried with its mutation id.
import { randomUUID } from 'node:crypto';
import { mkdtemp } from 'node:fs/promises';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bootstrapWorkspace } from '../bootstrap';
import { openStoreAt } from '../store/open-store';
import type { HubProcess } from './hub-process';
import { startHubProcess } from './hub-process';
import { TestClient } from './test-client';
import { createTestDatabase } from './test-store';

/** Clients sending at once in each trial. */
export const KILL_TRIALS_CLIENTS = 3;
export const KILL_TRIALS_OWNER = { email: 'owner@example.com', password: 'owner-password-1' } as const;

/** A bootstrapped hub data folder and the port its processes listen on. */
export interface KillTrialsHub {
  dataDir: string;
  /** The hub's PostgreSQL database under the "hub on PostgreSQL" project; else its store is the SQLite file in dataDir. */
  database?: string;
  port: number;
  workspaceId: string;
}

export interface SentMutation {
  mutationId: string;
  name: string;
  isAcknowledged: boolean;
}

export interface KillTrialOutcome {
  /** The hub process running after the last trial; the caller stops it. */
  hub: HubProcess;
  sent: SentMutation[];
  /** How many mutations had no answer before the kill and were sent again. */
  retried: number;
}

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export async function prepareKillTrialsHub(): Promise<KillTrialsHub> {
  const dataDir = await mkdtemp(join(tmpdir(), 'gatehouse-kill-'));
  const database = await createTestDatabase();
  const { store } = await openStoreAt({ dataDir, ...(database === undefined ? {} : { database }) });
  try {
    const { workspaceId } = await bootstrapWorkspace(store, {
      organizationName: 'Acme',
      workspaceName: 'Support',
      plan: 'growth',
      ownerEmail: KILL_TRIALS_OWNER.email,
      ownerName: 'Olive',
      ownerPassword: KILL_TRIALS_OWNER.password,
    });
    return { dataDir, ...(database === undefined ? {} : { database }), port: await freePort(), workspaceId };
  } finally {
    await store.close();
  }
}

async function signIn(url: string): Promise<string> {
  const response = await fetch(`${url}/api/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', connection: 'close' },
    body: JSON.stringify(KILL_TRIALS_OWNER),
  });
  return ((await response.json()) as { token: string }).token;
}

async function connectAll(url: string, token: string, workspaceId: string): Promise<TestClient[]> {
  const clients: TestClient[] = [];
  for (let index = 0; index < KILL_TRIALS_CLIENTS; index += 1) {
    const client = await TestClient.open(`${url.replace('http', 'ws')}/ws`, token, workspaceId);
    await client.subscribe(null);
    clients.push(client);
  }
  return clients;
}

/** Sends mutations back to back until the socket dies; marks the ones answered. */
async function sendUntilKilled(client: TestClient, trial: number, clientIndex: number, sent: SentMutation[]): Promise<void> {
  for (let index = 0; ; index += 1) {
    const entry = { mutationId: randomUUID(), name: `t${trial}-c${clientIndex}-${index}`, isAcknowledged: false };
    sent.push(entry);
    try {
      await client.call('team.create', { mutationId: entry.mutationId, name: entry.name });
      entry.isAcknowledged = true;
    } catch {
      return;
    }
    if (client.closeCode !== null) return;
  }
}

/** Runs the trials on a hub process already started on `target`; returns the one running at the end. */
export async function runKillTrials(target: KillTrialsHub, first: HubProcess, trials: number): Promise<KillTrialOutcome> {
  let hub = first;
  try {
    const token = await signIn(hub.url);
    const sent: SentMutation[] = [];
    let retried = 0;
    for (let trial = 0; trial < trials; trial += 1) {
      const clients = await connectAll(hub.url, token, target.workspaceId);
      const sending = clients.map((client, index) => sendUntilKilled(client, trial, index, sent));
      await new Promise((resolve) => setTimeout(resolve, 20 + Math.floor(Math.random() * 150)));
      await hub.kill9();
      // A request sent to a dead socket never settles; give the rest a moment to notice the close.
      await Promise.race([Promise.all(sending), new Promise((resolve) => setTimeout(resolve, 500))]);
      hub = await startHubProcess(target.dataDir, target.port, target.database);
      const [retrier] = await connectAll(hub.url, token, target.workspaceId);
      for (const entry of sent.filter((each) => !each.isAcknowledged)) {
        retried += 1;
        await retrier?.call('team.create', { mutationId: entry.mutationId, name: entry.name });
        entry.isAcknowledged = true;
      }
      for (const client of clients) client.close();
      retrier?.close();
    }
    return { hub, sent, retried };
  } catch (error) {
    await hub.stop();
    throw error;
  }
}

/** What the hub's store holds after the trials, read with the hub process stopped or running (WAL on SQLite). */
export async function hubTeams(target: KillTrialsHub): Promise<{ names: string[]; seq: number | undefined; integrity: string }> {
  const { store } = await openStoreAt(target);
  try {
    return {
      names: (await store.teams.inWorkspace(target.workspaceId)).map((team) => team.name),
      seq: (await store.workspaces.byId(target.workspaceId))?.seq,
      integrity: await store.integrityCheck(),
    };
  } finally {
    await store.close();
  }
}
