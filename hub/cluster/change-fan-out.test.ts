// Issue 14.2, D4 across instances: a change committed through one instance
// reaches the others in order, each workspace's seq stays gap-free under
// writers on two instances at once, an instance does not deliver twice what
// it committed itself, and after PostgreSQL restarts the listener connects
// again, says so, and catches every workspace up.
import { describe, expect, it } from 'vitest';
import type { SeqRange } from '../domain/change-recorder';
import { ChangeRecorder } from '../domain/change-recorder';
import type { PostgresHubStore } from '../store/postgres-store';
import { PresenceRegistry } from '../server/presence';
import type { PostgresServer } from '../testing/postgres-server';
import type { TestInstance } from './cluster-fixtures';
import { eventually, openInstanceStore, recordingLogger, useTwoInstances, workspaceWithOwner } from './cluster-fixtures';
import type { HubCluster } from './hub-cluster';
import { joinCluster } from './hub-cluster';

let server: PostgresServer;
let url: string;
let first: TestInstance;
let second: TestInstance;
useTwoInstances('cluster_fan_out', (opened) => ({ server, url, first, second } = opened));

/** One transaction recording `count` changes to the workspace, as a mutation does. */
async function commitChanges(store: PostgresHubStore, workspaceId: string, count: number): Promise<SeqRange> {
  return store.transaction(async (tx) => {
    const recorder = new ChangeRecorder(tx);
    for (let index = 0; index < count; index += 1) await recorder.record(workspaceId, 'workspace', workspaceId);
    const range = recorder.touched().get(workspaceId);
    if (!range) throw new Error('nothing recorded');
    return range;
  });
}

interface Joined {
  cluster: HubCluster;
  delivered: Array<[string, SeqRange]>;
  lines: ReturnType<typeof recordingLogger>['lines'];
}

async function join(instance: TestInstance): Promise<Joined> {
  const delivered: Array<[string, SeqRange]> = [];
  const { logger, lines } = recordingLogger();
  const cluster = await joinCluster({
    connectionString: url,
    instanceName: instance.name,
    logger,
    hooks: {
      deliver: (ranges) => {
        delivered.push(...ranges);
        return Promise.resolve();
      },
      workspaces: () => instance.store.workspaces.all(),
      closeSessions: () => undefined,
      sendToMembers: () => undefined,
      presence: new PresenceRegistry(),
      tellPresence: () => undefined,
    },
  });
  return { cluster, delivered, lines };
}

/** The seqs a run of deliveries covers, each range's (fromSeq, toSeq]. */
function coveredSeqs(delivered: Array<[string, SeqRange]>, workspaceId: string): number[] {
  return delivered.filter(([id]) => id === workspaceId).flatMap(([, range]) => Array.from({ length: range.toSeq - range.fromSeq }, (_, index) => range.fromSeq + index + 1));
}

describe('changes across instances', () => {
  it('reach another instance in commit order, and not the instance that committed them (D4)', async () => {
    const { workspaceId } = await workspaceWithOwner(first.store);
    const onFirst = await join(first);
    const onSecond = await join(second);
    try {
      await commitChanges(first.store, workspaceId, 3);
      await commitChanges(first.store, workspaceId, 1);
      await eventually(() => coveredSeqs(onSecond.delivered, workspaceId).length === 4, 'the second instance to hear four changes');
      expect(coveredSeqs(onSecond.delivered, workspaceId)).toEqual([1, 2, 3, 4]);
      expect(onFirst.delivered.filter(([id]) => id === workspaceId)).toEqual([]);

      await commitChanges(second.store, workspaceId, 2);
      await eventually(() => coveredSeqs(onFirst.delivered, workspaceId).length === 2, 'the first instance to hear two changes');
      expect(onFirst.delivered.filter(([id]) => id === workspaceId).map(([, range]) => range)).toEqual([{ fromSeq: 4, toSeq: 6 }]);
      expect(coveredSeqs(onSecond.delivered, workspaceId)).toEqual([1, 2, 3, 4]);
    } finally {
      await Promise.all([onFirst.cluster.close(), onSecond.cluster.close()]);
    }
  }, 30_000);

  it('keep the seq gap-free with writers on two instances at once, every change once and heard in order', async () => {
    const { workspaceId } = await workspaceWithOwner(first.store);
    const observer = await openInstanceStore(url, 1);
    const listening = await join(observer);
    try {
      const writers = Array.from({ length: 24 }, (_, index) => commitChanges(index % 2 === 0 ? first.store : second.store, workspaceId, 1 + (index % 3)));
      const ranges = await Promise.all(writers);
      const total = ranges.reduce((sum, range) => sum + range.toSeq - range.fromSeq, 0);
      expect(total).toBe(48);
      expect((await first.store.workspaces.byId(workspaceId))?.seq).toBe(total);
      const rows = await second.store.changes.after(workspaceId, 0);
      expect(rows.map((row) => row.seq)).toEqual(Array.from({ length: total }, (_, index) => index + 1));
      // Each transaction's seqs are one unbroken run: the workspace row's lock kept the others out until it committed.
      for (const range of ranges) expect(range.toSeq - range.fromSeq).toBeGreaterThan(0);
      expect(new Set(ranges.flatMap((range) => Array.from({ length: range.toSeq - range.fromSeq }, (_, index) => range.fromSeq + index + 1))).size).toBe(total);

      await eventually(() => coveredSeqs(listening.delivered, workspaceId).length >= total, 'a third instance to hear every change');
      expect(coveredSeqs(listening.delivered, workspaceId)).toEqual(Array.from({ length: total }, (_, index) => index + 1));
    } finally {
      await listening.cluster.close();
      await observer.store.close();
    }
  }, 60_000);

  it('are caught up after PostgreSQL restarts, and the listener says it reconnected', async () => {
    const { workspaceId } = await workspaceWithOwner(first.store);
    await commitChanges(first.store, workspaceId, 2);
    const onSecond = await join(second);
    try {
      await server.restart();
      await eventually(() => onSecond.cluster.reconnections() === 1, 'the listener to reconnect', 20_000);
      await eventually(() => onSecond.lines.some((line) => line.msg.startsWith('caught every workspace')), 'the catch-up to be logged');
      expect(onSecond.lines.some((line) => line.msg.startsWith('the cluster listener lost PostgreSQL'))).toBe(true);
      expect(onSecond.lines.some((line) => line.msg.startsWith('the cluster listener reconnected'))).toBe(true);
      // The catch-up delivers every workspace up to its stored seq.
      expect(onSecond.delivered).toContainEqual([workspaceId, { fromSeq: 1, toSeq: 2 }]);

      // The pool drops the connections the restart closed; the next commit is heard again.
      await commitChanges(first.store, workspaceId, 1).catch(() => commitChanges(first.store, workspaceId, 1));
      await eventually(() => coveredSeqs(onSecond.delivered, workspaceId).includes(3), 'a change after the restart to be heard');
    } finally {
      await onSecond.cluster.close();
    }
  }, 60_000);
});
