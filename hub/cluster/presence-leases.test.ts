// Issue 14.2, U3 across instances: a member is online while any instance
// has a connection of theirs, every instance's sockets are told when that
// changes, and a member whose instance dies (kill -9, a separate process
// here) goes offline within the lease window, with the last renewal as
// their last seen, announced once.
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { join as joinPath } from 'node:path';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import type { Presence } from '../../shared/protocol';
import { PresenceRegistry } from '../server/presence';
import type { PostgresServer } from '../testing/postgres-server';
import type { TestInstance } from './cluster-fixtures';
import { addMember, eventually, recordingLogger, useTwoInstances, workspaceWithOwner } from './cluster-fixtures';
import type { HubCluster } from './hub-cluster';
import { joinCluster } from './hub-cluster';
import type { PresenceLeaseTimes } from './presence-leases';

const require = createRequire(import.meta.url);
const TIMES: PresenceLeaseTimes = { leaseMs: 800, renewEveryMs: 200 };

let server: PostgresServer;
let url: string;
let first: TestInstance;
let second: TestInstance;
useTwoInstances('cluster_presence', (opened) => ({ server, url, first, second } = opened));

interface Member {
  cluster: HubCluster;
  presence: PresenceRegistry;
  told: Array<{ workspaceId: string } & Presence>;
  lines: ReturnType<typeof recordingLogger>['lines'];
}

async function joinAs(instance: TestInstance): Promise<Member> {
  const presence = new PresenceRegistry();
  const told: Member['told'] = [];
  const { logger, lines } = recordingLogger();
  const cluster = await joinCluster({
    connectionString: url,
    instanceName: instance.name,
    logger,
    presenceLeaseTimes: TIMES,
    hooks: {
      deliver: () => Promise.resolve(),
      workspaces: () => instance.store.workspaces.all(),
      closeSessions: () => undefined,
      sendToMembers: () => undefined,
      presence,
      tellPresence: (workspaceId, moved) => told.push({ workspaceId, ...moved }),
    },
  });
  return { cluster, presence, told, lines };
}

/** Resolves once `check` resolves true, asking every 50 ms; rejects with `what` after 10 s. */
async function eventuallyAsync(check: () => Promise<boolean>, what: string): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('presence across instances', () => {
  it('is one truth: online while any instance has a connection, told on every instance when that changes (U3)', async () => {
    const { workspaceId } = await workspaceWithOwner(first.store);
    const memberId = await addMember(first.store, workspaceId);
    const onFirst = await joinAs(first);
    const onSecond = await joinAs(second);
    try {
      expect(onFirst.presence.connect(memberId)).toBe(true);
      await eventually(() => onSecond.presence.isOnline(memberId), 'the second instance to see the member online');
      expect(onSecond.told).toEqual([expect.objectContaining({ workspaceId, memberId, isOnline: true })]);

      // A second desktop, on the other instance: nobody is told again.
      expect(onSecond.presence.connect(memberId)).toBe(false);
      await eventually(() => onFirst.presence.isOnlineElsewhere(memberId), 'the first instance to hear of the second desktop');
      expect(onFirst.presence.disconnect(memberId)).toBe(false);
      await eventually(() => !onSecond.presence.isOnlineElsewhere(memberId), 'the second instance to hear the first gave its lease back');
      expect(onSecond.presence.isOnline(memberId)).toBe(true);
      expect(await onFirst.cluster.presenceLeases.heldLeases()).not.toContain(memberId);

      // The last connection closes: the first instance, which has none, tells its sockets (its own arrival it told itself, as a hub alone does).
      expect(onSecond.presence.disconnect(memberId)).toBe(true);
      await eventually(() => !onFirst.presence.isOnline(memberId), 'the first instance to see the member offline');
      expect(onFirst.told).toEqual([expect.objectContaining({ workspaceId, memberId, isOnline: false })]);
      expect(onSecond.told.filter((moved) => moved.memberId === memberId)).toHaveLength(1);
    } finally {
      await Promise.all([onFirst.cluster.close(), onSecond.cluster.close()]);
    }
  }, 30_000);

  it('of a member whose instance is killed goes offline within the lease window, announced once, with their last seen', async () => {
    const { workspaceId } = await workspaceWithOwner(first.store);
    const memberId = await addMember(first.store, workspaceId);
    const onFirst = await joinAs(first);
    const onSecond = await joinAs(second);
    let holder: ChildProcess | null = null;
    try {
      const child = spawn(process.execPath, ['--import', require.resolve('tsx'), joinPath(import.meta.dirname, 'presence-holder.ts'), url, memberId, String(TIMES.leaseMs), String(TIMES.renewEveryMs)], {
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      holder = child;
      await new Promise<void>((resolve, reject) => {
        child.stdout?.on('data', (chunk: Buffer) => chunk.toString().includes('holding') && resolve());
        child.once('exit', (code) => reject(new Error(`the presence holder exited with ${code}`)));
      });
      await eventually(() => onFirst.presence.isOnline(memberId) && onSecond.presence.isOnline(memberId), 'both instances to see the member online');

      const killedAt = Date.now();
      child.kill('SIGKILL');
      await eventually(() => !onFirst.presence.isOnline(memberId) && !onSecond.presence.isOnline(memberId), 'both instances to see the member offline', 10_000);
      // Noticed within a lease and a heartbeat (and this machine's scheduling).
      expect(Date.now() - killedAt).toBeLessThan(TIMES.leaseMs + TIMES.renewEveryMs + 2_000);
      for (const instance of [onFirst, onSecond]) {
        const offline = instance.told.filter((moved) => moved.memberId === memberId && !moved.isOnline);
        expect(offline).toHaveLength(1);
        expect(offline[0]?.lastSeenAt).toBeGreaterThan(killedAt - TIMES.renewEveryMs - 1_000);
        expect(offline[0]?.lastSeenAt).toBeLessThanOrEqual(killedAt + 1_000);
      }
      // The reaper stored that last seen; the lease is gone; the one that reaped says so.
      const stored = await first.store.members.byId(memberId);
      expect(stored?.lastSeenAt).toBe(onFirst.told.find((moved) => moved.memberId === memberId && !moved.isOnline)?.lastSeenAt);
      const reapedLines = [...onFirst.lines, ...onSecond.lines].filter((line) => line.msg.startsWith('presence leases of an instance that stopped renewing'));
      expect(reapedLines.length).toBeGreaterThanOrEqual(1);
      expect(reapedLines.reduce((sum, line) => sum + Number(line.leases), 0)).toBe(1);
    } finally {
      holder?.kill('SIGKILL');
      await Promise.all([onFirst.cluster.close(), onSecond.cluster.close()]);
    }
  }, 30_000);

  it('holds through a lease lost meanwhile and a PostgreSQL restart: the lease is taken again and the other instance still sees the member', async () => {
    const { workspaceId } = await workspaceWithOwner(first.store);
    const memberId = await addMember(first.store, workspaceId);
    const onFirst = await joinAs(first);
    const onSecond = await joinAs(second);
    const isHeld = async (): Promise<boolean> => (await onFirst.cluster.presenceLeases.heldLeases()).includes(memberId);
    try {
      onFirst.presence.connect(memberId);
      await eventually(() => onSecond.presence.isOnline(memberId), 'the second instance to see the member online');
      // As if another instance reaped it while this one could not reach PostgreSQL for longer than a lease.
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      await client.query('DELETE FROM presence_leases WHERE member_id = $1', [memberId]);
      await client.end();
      await eventuallyAsync(isHeld, 'the first instance to take the lease again');

      await server.restart();
      await eventually(() => onFirst.cluster.reconnections() === 1 && onSecond.cluster.reconnections() === 1, 'both listeners to reconnect', 20_000);
      await eventuallyAsync(isHeld, 'the lease to be held after the restart');
      expect(onSecond.presence.isOnline(memberId)).toBe(true);
      expect(onSecond.told.filter((moved) => moved.memberId === memberId)).toEqual([expect.objectContaining({ isOnline: true })]);
    } finally {
      await Promise.all([onFirst.cluster.close(), onSecond.cluster.close()]);
    }
  }, 60_000);
});
