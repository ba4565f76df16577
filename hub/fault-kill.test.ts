// kill -9 the hub at random points while several clients send mutations:
// after a restart every acknowledged mutation exists exactly once, the
// unacknowledged ones are retried (same mutation id) and applied once, every
// desktop's replica converges to the hub, and SQLite's integrity check is ok.
// 20 trials in npm test; GATEHOUSE_KILL_TRIALS=100 for the long run.
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestCore } from '../electron/core/testing/test-core';
import { bootstrapWorkspace } from './bootstrap';
import { HUB_DATABASE_FILE } from './server/hub';
import { openHubStore } from './store/hub-store';
import type { HubProcess } from './testing/hub-process';
import { startHubProcess } from './testing/hub-process';
import { TestClient } from './testing/test-client';

const TRIALS = Number(process.env['GATEHOUSE_KILL_TRIALS'] ?? 20);
const CLIENTS = 3;
const PASSWORD = 'owner-password-1';

let dataDir: string;
let port: number;
let workspaceId: string;

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port: free } = server.address() as AddressInfo;
      server.close(() => resolve(free));
    });
  });
}

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'gatehouse-kill-'));
  port = await freePort();
  const store = openHubStore(join(dataDir, HUB_DATABASE_FILE));
  workspaceId = (await bootstrapWorkspace(store, { organizationName: 'Acme', workspaceName: 'Support', plan: 'growth', ownerEmail: 'owner@example.com', ownerName: 'Olive', ownerPassword: PASSWORD })).workspaceId;
  store.close();
});
afterAll(() => rm(dataDir, { recursive: true, force: true }));

interface Sent {
  mutationId: string;
  name: string;
  isAcknowledged: boolean;
}

async function signIn(url: string): Promise<string> {
  const response = await fetch(`${url}/api/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', connection: 'close' },
    body: JSON.stringify({ email: 'owner@example.com', password: PASSWORD }),
  });
  return ((await response.json()) as { token: string }).token;
}

async function connectAll(url: string, token: string): Promise<TestClient[]> {
  const clients: TestClient[] = [];
  for (let index = 0; index < CLIENTS; index += 1) {
    const client = await TestClient.open(`${url.replace('http', 'ws')}/ws`, token, workspaceId);
    await client.subscribe(null);
    clients.push(client);
  }
  return clients;
}

/** Sends mutations back to back until the socket dies; marks the ones answered. */
async function sendUntilKilled(client: TestClient, trial: number, clientIndex: number, sent: Sent[]): Promise<void> {
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

describe(`kill -9 the hub (${TRIALS} trials)`, () => {
  it('loses no acknowledged mutation, applies every retry once, and every replica converges', async () => {
    let hub: HubProcess = await startHubProcess(dataDir, port);
    const token = await signIn(hub.url);
    const desktop = await TestCore.start();
    await desktop.core.signIn(hub.url, 'owner@example.com', PASSWORD);
    const sent: Sent[] = [];
    let retried = 0;
    try {
      for (let trial = 0; trial < TRIALS; trial += 1) {
        const clients = await connectAll(hub.url, token);
        const sending = clients.map((client, index) => sendUntilKilled(client, trial, index, sent));
        await new Promise((resolve) => setTimeout(resolve, 20 + Math.floor(Math.random() * 150)));
        await hub.kill9();
        // A request sent to a dead socket never settles; give the rest a moment to notice the close.
        await Promise.race([Promise.all(sending), new Promise((resolve) => setTimeout(resolve, 500))]);
        hub = await startHubProcess(dataDir, port);
        const [retrier] = await connectAll(hub.url, token);
        for (const entry of sent.filter((each) => !each.isAcknowledged)) {
          retried += 1;
          await retrier?.call('team.create', { mutationId: entry.mutationId, name: entry.name });
          entry.isAcknowledged = true;
        }
        for (const client of clients) client.close();
        retrier?.close();
      }

      // The kills landed mid-stream: some mutations were unanswered and had to be retried.
      expect(retried).toBeGreaterThan(0);
      expect(sent.length).toBeGreaterThan(TRIALS * CLIENTS);

      // Every mutation exists exactly once.
      const store = openHubStore(join(dataDir, HUB_DATABASE_FILE));
      try {
        const names = store.teams.inWorkspace(workspaceId).map((team) => team.name);
        expect(names.length).toBe(sent.length);
        expect(new Set(names).size).toBe(names.length);
        expect(new Set(names)).toEqual(new Set(sent.map((entry) => entry.name)));
        expect(store.integrityCheck()).toBe('ok');
        const hubSeq = store.workspaces.byId(workspaceId)?.seq;

        // The desktop that lived through every crash converges to the hub.
        await expect
          .poll(() => desktop.core.workspaceView()?.seq, { timeout: 15_000 })
          .toBe(hubSeq);
        const replicaNames = desktop.core.workspaceView()?.snapshot.teams.map((team) => team.name).sort();
        expect(replicaNames).toEqual([...names].sort());
      } finally {
        store.close();
      }
    } finally {
      await desktop.stop();
      await hub.stop();
    }
  }, 180_000);
});
