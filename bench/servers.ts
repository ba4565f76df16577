// The two servers the network benchmarks compare, each in its own process so
// its memory can be read and its event loop is its own: the Gatehouse hub with
// a bootstrapped workspace, and a raw `ws` broadcast server.
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type WebSocket from 'ws';
import { bootstrapWorkspace } from '../hub/bootstrap';
import { HUB_DATABASE_FILE } from '../hub/server/hub';
import { openHubStore } from '../hub/store/hub-store';
import type { HubProcess } from '../hub/testing/hub-process';
import { startHubProcess } from '../hub/testing/hub-process';

export const PASSWORD = 'bench-password-1';

export function residentBytes(child: ChildProcess): number {
  const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? 0) * 1024;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export interface BenchHub {
  hub: HubProcess;
  workspaceId: string;
  token: string;
  socketUrl: string;
  dataDir: string;
  stop(): Promise<void>;
}

export async function startBenchHub(seed?: (file: string, workspaceId: string) => void): Promise<BenchHub> {
  const dataDir = await mkdtemp(join(tmpdir(), 'gatehouse-bench-hub-'));
  const store = openHubStore(join(dataDir, HUB_DATABASE_FILE));
  const { workspaceId } = await bootstrapWorkspace(store, { organizationName: 'Bench', workspaceName: 'Bench', plan: 'growth', ownerEmail: 'owner@bench.example', ownerName: 'Owner', ownerPassword: PASSWORD });
  store.close();
  seed?.(join(dataDir, HUB_DATABASE_FILE), workspaceId);
  const hub = await startHubProcess(dataDir, await freePort());
  const response = await fetch(`${hub.url}/api/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'owner@bench.example', password: PASSWORD }),
  });
  const { token } = (await response.json()) as { token: string };
  return {
    hub,
    workspaceId,
    token,
    dataDir,
    socketUrl: `${hub.url.replace('http', 'ws')}/ws?workspace=${workspaceId}`,
    async stop() {
      await hub.stop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

export interface RawServer {
  child: ChildProcess;
  url: string;
  stop(): Promise<void>;
}

export async function startRawServer(): Promise<RawServer> {
  const child = spawn(process.execPath, [join(import.meta.dirname, 'raw-ws-server.mjs')], { stdio: ['ignore', 'pipe', 'inherit'] });
  const port = await new Promise<number>((resolve) => {
    child.stdout?.on('data', (chunk: Buffer) => {
      const match = /listening (\d+)/.exec(chunk.toString());
      if (match?.[1]) resolve(Number(match[1]));
    });
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    child,
    url: `ws://127.0.0.1:${port}`,
    async stop() {
      child.kill('SIGTERM');
      await exited;
    },
  };
}

/** Opens `count` sockets, 50 at a time. */
export async function openMany(count: number, open: () => WebSocket): Promise<WebSocket[]> {
  const sockets: WebSocket[] = [];
  for (let index = 0; index < count; index += 50) {
    const batch = Array.from({ length: Math.min(50, count - index) }, () => open());
    await Promise.all(batch.map((socket) => new Promise((resolve, reject) => {
      socket.once('open', resolve);
      socket.once('error', reject);
    })));
    sockets.push(...batch);
  }
  return sockets;
}
