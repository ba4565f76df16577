// 8. Acknowledged mutations per second with the hub's synchronous=FULL (a
//    "done" survives a power cut) against the same hub with NORMAL (survives
//    only a crashed process), in one run: two real hubs on temp folders on
//    the same disk, the same sequential workload from the raw-socket client,
//    each mutation awaited before the next, so every one is its own commit.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { HUB_SYNCHRONOUS } from '../hub/store/database';
import type { TestHub } from '../hub/testing/test-hub';
import { UNLIMITED_REQUEST_LIMITS } from '../hub/server/request-limits';
import { OWNER_PASSWORD, startTestHub } from '../hub/testing/test-hub';
import type { BenchResult, Scale } from './harness';
import { result, timed } from './harness';

/**
 * The product never runs NORMAL, so the baseline hub gets it by rewriting the
 * one pragma while (and only while) that hub opens its database: everything
 * else is the real hub.
 */
async function startHubWithSynchronous(dataDir: string, synchronous: 'FULL' | 'NORMAL'): Promise<TestHub> {
  if (synchronous === HUB_SYNCHRONOUS) return startTestHub({ dataDir, requestLimits: UNLIMITED_REQUEST_LIMITS });
  const pragma = Database.prototype.pragma;
  let rewrites = 0;
  Database.prototype.pragma = function (this: Database.Database, source: string, options?: Database.PragmaOptions) {
    if (source.replace(/\s+/g, '') !== `synchronous=${HUB_SYNCHRONOUS}`) return pragma.call(this, source, options);
    rewrites += 1;
    return pragma.call(this, `synchronous = ${synchronous}`, options);
  };
  try {
    const hub = await startTestHub({ dataDir, requestLimits: UNLIMITED_REQUEST_LIMITS });
    if (rewrites !== 1) {
      await hub.stop();
      throw new Error(`the baseline hub set synchronous ${rewrites} times instead of once: this benchmark needs updating`);
    }
    return hub;
  } finally {
    Database.prototype.pragma = pragma;
  }
}

interface Side {
  hub: TestHub;
  dataDir: string;
  create(index: number): Promise<unknown>;
  ms: number;
}

async function startSide(synchronous: 'FULL' | 'NORMAL'): Promise<Side> {
  const dataDir = await mkdtemp(join(tmpdir(), `gatehouse-bench-${synchronous.toLowerCase()}-`));
  const hub = await startHubWithSynchronous(dataDir, synchronous);
  const owner = await hub.connect(hub.ownerEmail, OWNER_PASSWORD);
  const create = (index: number) =>
    owner.mutate('contact.create', { name: `Customer ${index}`, phone: null, email: `customer${index}@bench.example`, assigneeId: null, teamId: null });
  return { hub, dataDir, create, ms: 0 };
}

export async function benchDurableAcknowledgements(scale: Scale): Promise<BenchResult> {
  const rounds = scale === 'full' ? 20 : 1;
  const perRound = scale === 'full' ? 100 : 15;
  const full = await startSide('FULL');
  const normal = await startSide('NORMAL');
  try {
    // Blocks alternate between the two hubs, so warm-up, JIT and a noisy neighbour weigh on both alike.
    for (const side of [full, normal]) for (let index = 0; index < 20; index += 1) await side.create(-index - 1);
    for (let round = 0; round < rounds; round += 1) {
      for (const side of [full, normal]) {
        const { ms } = await timed(async () => {
          for (let index = 0; index < perRound; index += 1) await side.create(round * perRound + index);
        });
        side.ms += ms;
      }
    }
  } finally {
    for (const side of [full, normal]) {
      await side.hub.stop();
      await rm(side.dataDir, { recursive: true, force: true });
    }
  }
  const count = rounds * perRound;
  const perSecond = (side: Side): number => Math.round((count / side.ms) * 1_000);
  return result({
    name: 'acknowledged mutations',
    metric: `${count} contact.create, each awaited before the next (per second)`,
    unit: 'mutations/s',
    ours: perSecond(full),
    baseline: perSecond(normal),
    baselineName: 'the same hub with synchronous=NORMAL',
    higherIsBetter: true,
  });
}
