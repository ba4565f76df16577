// A hub with a large workspace, in a process of its own (so the hub's work of
// sending the snapshot is not counted against the test's process): an Owner
// made the real way, then `count` active Agents written straight into the
// hub's SQLite file, as a long-lived workspace would have them.
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { HUB_DATABASE_FILE } from '../../../../hub';
import type { HubProcess } from '../../../../hub/testing';
import { OWNER_PASSWORD, startHubProcess, startTestHub } from '../../../../hub/testing';
import { NO_RESTRICTIONS } from '../../../../shared/policy';

export interface LargeWorkspaceHub {
  url: string;
  ownerEmail: string;
  ownerPassword: string;
  process: HubProcess;
  stop(): Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

function addAgents(file: string, workspaceId: string, count: number): void {
  const db = new Database(file);
  const person = db.prepare('insert into people (id, email, display_name, avatar_data_url, password_hash, created_at, updated_at) values (?, ?, ?, null, null, 1, 1)');
  const member = db.prepare(
    "insert into members (id, workspace_id, person_id, level, restrictions, status, team_id, invited_at, invited_by, joined_at, last_seen_at, version) values (?, ?, ?, 'agent', ?, 'active', null, 1, null, 1, ?, 1)",
  );
  const restrictions = JSON.stringify(NO_RESTRICTIONS);
  db.transaction(() => {
    for (let index = 0; index < count; index += 1) {
      person.run(`p-large-${index}`, `person${index}@large.example`, `Person ${index}`);
      member.run(`m-large-${index}`, workspaceId, `p-large-${index}`, restrictions, 1_700_000_000_000 + index);
    }
  })();
  db.close();
}

export async function startLargeWorkspaceHub(count: number): Promise<LargeWorkspaceHub> {
  const dataDir = await mkdtemp(join(tmpdir(), 'gatehouse-large-hub-'));
  const bootstrap = await startTestHub({ dataDir, port: 0 });
  const { workspaceId, ownerEmail } = bootstrap;
  await bootstrap.stop();
  addAgents(join(dataDir, HUB_DATABASE_FILE), workspaceId, count);
  const hub = await startHubProcess(dataDir, await freePort());
  return {
    url: hub.url,
    ownerEmail,
    ownerPassword: OWNER_PASSWORD,
    process: hub,
    async stop() {
      await hub.stop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
