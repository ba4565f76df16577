// Test helpers for the cluster suites: hub instances as two stores (two
// pools, as two processes would have) on one real PostgreSQL, a logger whose
// lines the test reads, and a workspace with members.
import { Writable } from 'node:stream';
import pino from 'pino';
import type { Logger } from 'pino';
import { afterAll, beforeAll } from 'vitest';
import { NO_RESTRICTIONS } from '../../shared/policy';
import type { PostgresHubStore } from '../store/postgres-store';
import { openPostgresHubStore } from '../store/postgres-store';
import type { PostgresServer } from '../testing/postgres-server';
import { startPostgresServer } from '../testing/postgres-server';
import { newInstanceName, storeConnectionString } from './instance-name';

export const AT = Date.UTC(2030, 0, 1);

export interface TestInstance {
  name: string;
  store: PostgresHubStore;
}

/** A store as a hub instance opens it: its own pool, named after the instance. */
export async function openInstanceStore(connectionString: string, maxConnections = 4): Promise<TestInstance> {
  const name = newInstanceName();
  return { name, store: await openPostgresHubStore(storeConnectionString(connectionString, name), { maxConnections }) };
}

export interface TwoInstances {
  server: PostgresServer;
  url: string;
  first: TestInstance;
  second: TestInstance;
}

/**
 * For a suite: a PostgreSQL server of its own with one database, and two
 * instances' stores on it, opened before the suite's tests (handed to
 * `opened`) and closed after them.
 */
export function useTwoInstances(databaseName: string, opened: (instances: TwoInstances) => void): void {
  let instances: Partial<TwoInstances> = {};
  beforeAll(async () => {
    const server = await startPostgresServer();
    instances = { server };
    const url = await server.createDatabase(databaseName);
    const [first, second] = await Promise.all([openInstanceStore(url), openInstanceStore(url)]);
    instances = { server, url, first, second };
    opened({ server, url, first, second });
  }, 60_000);
  afterAll(async () => {
    await Promise.all([instances.first?.store.close(), instances.second?.store.close()]);
    await instances.server?.stop();
  }, 60_000);
}

export interface LogLine {
  level: number;
  msg: string;
  [field: string]: unknown;
}

/** A pino logger that keeps every line it writes. */
export function recordingLogger(): { logger: Logger; lines: LogLine[] } {
  const lines: LogLine[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const text of chunk.toString('utf8').split('\n')) if (text.trim() !== '') lines.push(JSON.parse(text) as LogLine);
      done();
    },
  });
  return { logger: pino({ level: 'debug' }, sink), lines };
}

let ids = 0;
export const unique = (prefix: string): string => `${prefix}-${++ids}-${process.pid}`;

export async function workspaceWithOwner(store: PostgresHubStore): Promise<{ workspaceId: string; ownerId: string }> {
  const organizationId = unique('org');
  const workspaceId = unique('ws');
  await store.workspaces.insertOrganization({ id: organizationId, name: 'Acme', createdAt: AT });
  await store.workspaces.insert({ id: workspaceId, organizationId, name: `Support ${workspaceId}`, plan: 'growth', seq: 0, createdAt: AT, accessEndWarningDays: 3 });
  const ownerId = await addMember(store, workspaceId, { level: 'owner' });
  return { workspaceId, ownerId };
}

export async function addMember(
  store: PostgresHubStore,
  workspaceId: string,
  extra: { level?: 'owner' | 'manager' | 'agent'; accessUntil?: number } = {},
): Promise<string> {
  const personId = unique('person');
  const memberId = unique('member');
  await store.people.insert({ id: personId, email: `${personId}@example.com`, displayName: `Name of ${personId}`, avatarDataUrl: null, passwordHash: null, createdAt: AT, updatedAt: AT });
  await store.members.insert({
    id: memberId,
    workspaceId,
    personId,
    level: extra.level ?? 'agent',
    restrictions: { ...NO_RESTRICTIONS },
    status: 'active',
    teamId: null,
    invitedAt: AT,
    invitedBy: null,
    joinedAt: AT,
    lastSeenAt: null,
    version: 1,
    ...(extra.accessUntil === undefined ? {} : { accessUntil: extra.accessUntil }),
  });
  return memberId;
}

/** Resolves once `check` holds, looking every 10 ms; rejects with `what` after `timeoutMs`. */
export async function eventually(check: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
