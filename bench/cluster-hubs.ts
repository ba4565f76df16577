// The hubs the cross-instance benchmark compares, each its own OS process as
// in production: two instances on one real PostgreSQL (issue 14.2), and a
// SQLite hub alone for reference. Workspaces are made through the store
// before the hubs start, as `gatehouse-hub bootstrap` would.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bootstrapWorkspace } from '../hub/bootstrap';
import { HUB_DATABASE_FILE } from '../hub/server/hub';
import type { HubStore } from '../hub/store/hub-store';
import { openHubStore } from '../hub/store/hub-store';
import { openPostgresHubStore } from '../hub/store/postgres-store';
import type { HubProcess } from '../hub/testing/hub-process';
import { startHubProcess } from '../hub/testing/hub-process';
import type { PostgresServer } from '../hub/testing/postgres-server';
import { PROTOCOL_VERSION } from '../shared/protocol';
import { freePort, PASSWORD } from './servers';

export interface BenchWorkspace {
  workspaceId: string;
  ownerEmail: string;
}

/** One workspace with its Owner per name, made in `store` (closed after). */
async function bootstrapWorkspaces(store: HubStore, names: string[]): Promise<BenchWorkspace[]> {
  try {
    const workspaces: BenchWorkspace[] = [];
    for (const name of names) {
      const ownerEmail = `owner-${name.toLowerCase()}@bench.example`;
      const { workspaceId } = await bootstrapWorkspace(store, { organizationName: name, workspaceName: name, plan: 'growth', ownerEmail, ownerName: `Owner ${name}`, ownerPassword: PASSWORD });
      workspaces.push({ workspaceId, ownerEmail });
    }
    return workspaces;
  } finally {
    await store.close();
  }
}

export interface RunningHub {
  process: HubProcess;
  /** Where a desktop of `workspaceId` opens its socket (the current protocol). */
  socketUrl(workspaceId: string): string;
  signIn(email: string): Promise<string>;
}

function running(process: HubProcess): RunningHub {
  return {
    process,
    socketUrl: (workspaceId) => `${process.url.replace('http', 'ws')}/ws?workspace=${workspaceId}&v=${PROTOCOL_VERSION}`,
    async signIn(email) {
      const response = await fetch(`${process.url}/api/sign-in`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email, password: PASSWORD }),
      });
      if (!response.ok) throw new Error(`sign-in of ${email} refused with ${response.status}: ${await response.text()}`);
      return ((await response.json()) as { token: string }).token;
    },
  };
}

export interface BenchHubs {
  hubs: RunningHub[];
  workspaces: BenchWorkspace[];
  stop(): Promise<void>;
}

/** `instances` hub processes on a new database of `server`, each with a data folder of its own. */
export async function startPostgresHubs(server: PostgresServer, databaseName: string, instances: number, workspaceNames: string[]): Promise<BenchHubs> {
  const database = await server.createDatabase(databaseName);
  const workspaces = await bootstrapWorkspaces(await openPostgresHubStore(database, { maxConnections: 1 }), workspaceNames);
  const folders: string[] = [];
  const hubs: RunningHub[] = [];
  const stop = async () => {
    await Promise.all(hubs.map((hub) => hub.process.stop()));
    await Promise.all(folders.map((folder) => rm(folder, { recursive: true, force: true })));
  };
  try {
    for (let index = 0; index < instances; index += 1) {
      const folder = await mkdtemp(join(tmpdir(), 'gatehouse-bench-instance-'));
      folders.push(folder);
      hubs.push(running(await startHubProcess(folder, await freePort(), database)));
    }
  } catch (error) {
    await stop();
    throw error;
  }
  return { hubs, workspaces, stop };
}

/** One hub process on a SQLite file of its own. */
export async function startSqliteHub(workspaceNames: string[]): Promise<BenchHubs> {
  const folder = await mkdtemp(join(tmpdir(), 'gatehouse-bench-sqlite-'));
  const workspaces = await bootstrapWorkspaces(openHubStore(join(folder, HUB_DATABASE_FILE)), workspaceNames);
  const hub = running(await startHubProcess(folder, await freePort()));
  return {
    hubs: [hub],
    workspaces,
    async stop() {
      await hub.process.stop();
      await rm(folder, { recursive: true, force: true });
    },
  };
}
