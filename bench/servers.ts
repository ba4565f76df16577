// The two servers the network benchmarks compare, each in its own process so
// its memory can be read and its event loop is its own: the Gatehouse hub with
// a bootstrapped workspace, and a raw `ws` broadcast server.
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
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

/**
 * Node options of a process whose memory is compared: on SIGUSR2 it runs a
 * full collection and prints `collected` with its memory, so both sides are
 * read with no garbage in them, whenever each last happened to collect.
 * Bytecode is never flushed: otherwise code that ran once at start-up ages
 * out over the collections and the heap shrinks as clients are added.
 */
const MEASURED_NODE_ARGS = [
  '--expose-gc',
  '--no-flush-bytecode',
  '--import',
  `data:text/javascript,${encodeURIComponent(
    'process.on("SIGUSR2", () => { globalThis.gc(); globalThis.gc(); process.stdout.write(`collected ${JSON.stringify(process.memoryUsage())}\n`); });',
  )}`,
];

export interface CollectedMemory {
  /** Resident set, bytes. */
  rss: number;
  /** Live JavaScript objects, bytes. */
  heapUsed: number;
}

/** Collects garbage in a process started with MEASURED_NODE_ARGS, then reads its memory. */
export function collectedMemory(child: ChildProcess): Promise<CollectedMemory> {
  return new Promise((resolve) => {
    let output = '';
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /collected (\{.*\})\n/.exec(output);
      if (!match?.[1]) return;
      child.stdout?.off('data', onData);
      const usage = JSON.parse(match[1]) as CollectedMemory;
      resolve({ rss: usage.rss, heapUsed: usage.heapUsed });
    };
    child.stdout?.on('data', onData);
    child.kill('SIGUSR2');
  });
}

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

/** `isMeasured`: started with MEASURED_NODE_ARGS, for collectedMemory. */
export async function startBenchHub(seed?: (file: string, workspaceId: string) => void, isMeasured = false): Promise<BenchHub> {
  const dataDir = await mkdtemp(join(tmpdir(), 'gatehouse-bench-hub-'));
  const store = openHubStore(join(dataDir, HUB_DATABASE_FILE));
  const { workspaceId } = await bootstrapWorkspace(store, { organizationName: 'Bench', workspaceName: 'Bench', plan: 'growth', ownerEmail: 'owner@bench.example', ownerName: 'Owner', ownerPassword: PASSWORD });
  await store.close();
  seed?.(join(dataDir, HUB_DATABASE_FILE), workspaceId);
  const hub = isMeasured ? await startMeasuredHubProcess(dataDir, await freePort()) : await startHubProcess(dataDir, await freePort());
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

const require = createRequire(import.meta.url);

/**
 * The hub as startHubProcess runs it (its command line under the tsx loader,
 * as `npm run hub` does), with MEASURED_NODE_ARGS.
 */
async function startMeasuredHubProcess(dataDir: string, port: number): Promise<HubProcess> {
  const cli = join(import.meta.dirname, '..', 'hub', 'cli.ts');
  const child = spawn(process.execPath, [...MEASURED_NODE_ARGS, '--import', require.resolve('tsx'), cli, '--data', dataDir, '--port', String(port)], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  await new Promise<void>((resolve, reject) => {
    let output = '';
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (!output.includes('hub listening')) return;
      child.stdout?.off('data', onData);
      resolve();
    };
    child.stdout?.on('data', onData);
    child.once('exit', (code) => reject(new Error(`hub exited with ${code}: ${output}`)));
  });
  // Its log is not read, but must be drained.
  child.stdout?.resume();
  const end = (signal: NodeJS.Signals) => async () => {
    child.kill(signal);
    await exited;
  };
  return { url: `http://127.0.0.1:${port}`, child, kill9: end('SIGKILL'), stop: end('SIGTERM') };
}

export interface RawServer {
  child: ChildProcess;
  url: string;
  stop(): Promise<void>;
}

/**
 * `maxPayload`: the same limit on client frames as the hub's, for a like-for-like
 * comparison; `isMeasured`: started with MEASURED_NODE_ARGS, for collectedMemory.
 */
export async function startRawServer(options: { maxPayload?: number; isMeasured?: boolean } = {}): Promise<RawServer> {
  const args = [join(import.meta.dirname, 'raw-ws-server.mjs'), ...(options.maxPayload === undefined ? [] : [String(options.maxPayload)])];
  const child = spawn(process.execPath, [...(options.isMeasured ? MEASURED_NODE_ARGS : []), ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
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
