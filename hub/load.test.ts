// Load: many connected desktops while admins make 50 changes a second. No
// change is lost or reordered on any client, and the hub's memory stays flat
// after warm-up. 2,000 clients for 10 s in npm test; GATEHOUSE_LOAD_SECONDS=60
// in the long run.
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bootstrapWorkspace } from './bootstrap';
import { HUB_DATABASE_FILE } from './server/hub';
import { openHubStore } from './store/hub-store';
import type { HubProcess } from './testing/hub-process';
import { startHubProcess } from './testing/hub-process';
import { TestClient } from './testing/test-client';

const CLIENTS = Number(process.env['GATEHOUSE_LOAD_CLIENTS'] ?? 2_000);
const SECONDS = Number(process.env['GATEHOUSE_LOAD_SECONDS'] ?? 10);
const CHANGES_PER_SECOND = 50;

let dataDir: string;
let hub: HubProcess;
let workspaceId: string;
let token: string;

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'gatehouse-load-'));
  const store = openHubStore(join(dataDir, HUB_DATABASE_FILE));
  workspaceId = (await bootstrapWorkspace(store, { organizationName: 'Acme', workspaceName: 'Load', plan: 'growth', ownerEmail: 'owner@example.com', ownerName: 'Olive', ownerPassword: 'owner-password-1' })).workspaceId;
  await store.close();
  const port = await new Promise<number>((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port: free } = server.address() as AddressInfo;
      server.close(() => resolve(free));
    });
  });
  hub = await startHubProcess(dataDir, port);
  const response = await fetch(`${hub.url}/api/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'owner@example.com', password: 'owner-password-1' }),
  });
  token = ((await response.json()) as { token: string }).token;
});
afterAll(async () => {
  await hub.stop();
  await rm(dataDir, { recursive: true, force: true });
});

function residentMemoryBytes(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? 0) * 1024;
}

/** A listener that only checks the order of what it receives: every change must start where the last ended. */
class Listener {
  seq = 0;
  gaps = 0;
  changes = 0;
  constructor(readonly socket: WebSocket) {
    socket.on('message', (data) => {
      const message = JSON.parse(data.toString()) as { type: string; seq?: number; fromSeq?: number };
      if (message.type === 'snapshot') this.seq = message.seq ?? 0;
      if (message.type === 'changes') {
        if (message.fromSeq !== this.seq) this.gaps += 1;
        this.seq = message.seq ?? this.seq;
        this.changes += 1;
      }
    });
  }
}

async function openListener(): Promise<Listener> {
  const socket = new WebSocket(`${hub.url.replace('http', 'ws')}/ws?workspace=${workspaceId}`, { headers: { authorization: `Bearer ${token}` } });
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', reject);
  });
  const listener = new Listener(socket);
  socket.send(JSON.stringify({ id: 's', type: 'subscribe', since: null }));
  return listener;
}

describe(`load: ${CLIENTS} desktops, ${CHANGES_PER_SECOND} changes a second for ${SECONDS} s`, () => {
  it('delivers every change in order to every desktop, with the hub’s memory flat after warm-up', async () => {
    const listeners: Listener[] = [];
    for (let index = 0; index < CLIENTS; index += 25) {
      listeners.push(...(await Promise.all(Array.from({ length: Math.min(25, CLIENTS - index) }, openListener))));
    }
    const admin = await TestClient.open(`${hub.url.replace('http', 'ws')}/ws`, token, workspaceId);
    await admin.subscribe(null);

    const total = SECONDS * CHANGES_PER_SECOND;
    const samples: number[] = [];
    const started = Date.now();
    for (let index = 0; index < total; index += 1) {
      // Paced at 50 a second; each change is acknowledged before the next.
      const due = started + (index * 1000) / CHANGES_PER_SECOND;
      const wait = due - Date.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      await admin.mutate('team.create', { name: `Load ${index}` });
      if (index % CHANGES_PER_SECOND === 0) samples.push(residentMemoryBytes(hub.child.pid ?? 0));
    }
    const finalSeq = admin.lastSeq;
    await expect.poll(() => listeners.filter((listener) => listener.seq < finalSeq).length, { timeout: 60_000, interval: 200 }).toBe(0);

    expect(listeners.every((listener) => listener.gaps === 0)).toBe(true);
    expect(listeners.every((listener) => listener.seq === finalSeq)).toBe(true);
    // After the first third (warm-up), memory grows by less than 64 MiB over the rest of the run.
    const warm = samples[Math.floor(samples.length / 3)] ?? 0;
    const peakAfterWarmUp = Math.max(...samples.slice(Math.floor(samples.length / 3)));
    expect(peakAfterWarmUp - warm).toBeLessThan(64 * 1024 * 1024);
    for (const listener of listeners) listener.socket.close();
    admin.close();
  }, 240_000);
});
