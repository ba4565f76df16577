// 3. First sync of a workspace with 100,000 members into an empty local
//    replica, until the Users page can answer (hub snapshot, wire, the
//    replica's transaction, its list fields and search table, a first
//    `members.query` that counts them all) vs a knowledgeable engineer
//    loading the same rows with raw better-sqlite3 into a file the replica's
//    own migrations made: the same JSON rows, list-field rows, indexes and
//    search table, in bulk, in one transaction.
// 3b. The hub's peak memory while it serves that snapshot, vs serving one of
//    1,000 members: it should not grow with the workspace.
// 4. Catch-up after 1,000 missed changes: bytes and time vs a full snapshot.
import { readFileSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import Database from 'better-sqlite3';
import WebSocket from 'ws';
import type { Member } from '../shared/domain';
import { membersQueryInputSchema } from '../shared/api/list-queries-contract';
import { NO_RESTRICTIONS } from '../shared/policy';
import { PROTOCOL_VERSION } from '../shared/protocol';
import { listQueryHandlers } from '../electron/core/api/list-query-handlers';
import { Replica } from '../electron/core/replica/replica';
import { ReplicaQueries } from '../electron/core/replica/replica-queries';
import { TestCore } from '../electron/core/testing/test-core';
import type { BenchResult, Scale } from './harness';
import { percentile, result, threadCpuMs, timed } from './harness';
import type { BenchHub } from './servers';
import { PASSWORD, residentBytes, startBenchHub } from './servers';

/** Fills the hub's file with members directly, as a large workspace would be. */
export function seedMembers(count: number) {
  return (file: string, workspaceId: string): void => {
    const db = new Database(file);
    const person = db.prepare('insert into people (id, email, display_name, avatar_data_url, password_hash, created_at, updated_at) values (?, ?, ?, null, null, ?, ?)');
    const member = db.prepare(
      "insert into members (id, workspace_id, person_id, level, restrictions, status, team_id, invited_at, invited_by, joined_at, last_seen_at, version) values (?, ?, ?, 'agent', ?, 'active', null, ?, null, ?, ?, 1)",
    );
    const restrictions = JSON.stringify(NO_RESTRICTIONS);
    db.transaction(() => {
      for (let index = 0; index < count; index += 1) {
        person.run(`p${index}`, `person${index}@bench.example`, `Person ${index}`, 1, 1);
        member.run(`m${index}`, workspaceId, `p${index}`, restrictions, 1, 1, 1_700_000_000_000 + index);
      }
    })();
    db.close();
  };
}

/** The SQL of a table's indexes or triggers, to drop them for a bulk load and make them again after. */
function schemaOf(db: Database.Database, type: 'index' | 'trigger', table: string): Array<{ name: string; sql: string }> {
  return db.prepare('SELECT name, sql FROM sqlite_schema WHERE type = ? AND tbl_name = ? AND sql IS NOT NULL').all(type, table) as Array<{ name: string; sql: string }>;
}

const LEVEL_RANK: Record<string, number> = { owner: 0, manager: 1, agent: 2 };

/**
 * The baseline: what the replica must end up holding, written the fastest
 * way a knowledgeable engineer would with raw better-sqlite3, into a fresh
 * file the replica itself created: in one transaction, each member's JSON
 * row and its list-field row (the values taken from the object in hand),
 * then the search table filled in one statement (twice as fast as one FTS5
 * insert a row), with the list-field indexes dropped during the load and
 * built once at the end (their planner statistics put back), and the
 * triggers that log writes for the replica's catch-up dropped and made
 * again (a loader that fills the lists itself has nothing to log).
 */
function rawInsert(file: string, members: Member[]): void {
  Replica.open(file, { hubUrl: 'http://raw.invalid', personId: 'raw' }).close();
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  const insertRow = db.prepare('INSERT INTO replica_members (workspace_id, id, data) VALUES (?, ?, ?)');
  const insertFields = db.prepare(
    `INSERT INTO replica_member_fields (workspace_id, id, display_name, email, name_key, level, level_rank, restrictions, status, team_id,
     is_online, last_seen_at, last_seen_key, invited_at, joined_at, joined_key) VALUES (?, ?, ?, ?, lower(?), ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  db.transaction(() => {
    const triggers = schemaOf(db, 'trigger', 'replica_members');
    const indexes = schemaOf(db, 'index', 'replica_member_fields');
    const statistics = db.prepare("SELECT idx, stat FROM sqlite_stat1 WHERE tbl = 'replica_member_fields'").all() as Array<{ idx: string; stat: string }>;
    for (const trigger of triggers) db.exec(`DROP TRIGGER ${trigger.name}`);
    for (const index of indexes) db.exec(`DROP INDEX ${index.name}`);
    for (const m of members) {
      insertRow.run(m.workspaceId, m.id, JSON.stringify(m));
      insertFields.run(
        m.workspaceId, m.id, m.displayName, m.email, m.displayName, m.level, LEVEL_RANK[m.level] ?? 3, JSON.stringify(m.restrictions), m.status, m.teamId,
        m.isOnline ? 1 : 0, m.lastSeenAt, m.lastSeenAt ?? 0, m.invitedAt, m.joinedAt, m.joinedAt ?? 0,
      );
    }
    db.exec('INSERT INTO replica_members_search (rowid, display_name, email) SELECT search_key, display_name, email FROM replica_member_fields');
    for (const index of indexes) db.exec(index.sql);
    const restore = db.prepare("INSERT INTO sqlite_stat1 (tbl, idx, stat) VALUES ('replica_member_fields', ?, ?)");
    for (const statistic of statistics) restore.run(statistic.idx, statistic.stat);
    for (const trigger of triggers) db.exec(trigger.sql);
  })();
  db.close();
}

/** What the baseline's file answers, checked untimed: every member listed and found by name. */
function checkRawFile(file: string, members: Member[]): void {
  const queries = ReplicaQueries.open(file);
  try {
    const open = { workspaceId: members[0]?.workspaceId ?? '', isPresenceLive: false };
    const all = queries.members(open, membersQueryInputSchema.parse({ limit: 1 })).total;
    const found = queries.members(open, membersQueryInputSchema.parse({ search: members.at(-1)?.email ?? '', limit: 1 })).total;
    if (all !== members.length || found !== 1) throw new Error(`the baseline's file lists ${all} of ${members.length} members and finds the last ${found} times`);
  } finally {
    queries.close();
  }
}

interface DesktopSync {
  /** From sign-in to the `workspace.snapshot` event (the snapshot committed, the lists caught up). */
  syncedMs: number;
  /** From sign-in to the answer of the first `members.query`, as the Users page asks it, counting every member. */
  listsReadyMs: number;
  /** CPU time of the core's own thread meanwhile (the hub's process not counted), or null. */
  coreThreadCpuMs: number | null;
  members: Member[];
}

/** One first sync through the real desktop core: from sign-in until the Users page's first query counts every member. */
async function desktopFirstSync(hub: BenchHub, count: number): Promise<DesktopSync> {
  const desktop = await TestCore.start();
  try {
    const cpuBefore = threadCpuMs();
    const started = performance.now();
    await desktop.core.signIn(hub.hub.url, 'owner@bench.example', PASSWORD);
    await desktop.waitForEvent('workspace.snapshot', () => true, 600_000);
    const syncedMs = performance.now() - started;
    const members = listQueryHandlers(desktop.core)['members.query'](membersQueryInputSchema.parse({ limit: 100 }));
    const listsReadyMs = performance.now() - started;
    const cpuAfter = threadCpuMs();
    // The owner and every seeded member.
    if (members.total !== count + 1) throw new Error(`the Users page counted ${members.total} members after the first sync, not ${count + 1}`);
    const coreThreadCpuMs = cpuBefore === null || cpuAfter === null ? null : cpuAfter - cpuBefore;
    return { syncedMs, listsReadyMs, coreThreadCpuMs, members: desktop.core.workspaceView()?.snapshot.members ?? [] };
  } finally {
    await desktop.stop();
  }
}

export async function benchFirstSync(scale: Scale): Promise<BenchResult[]> {
  const count = scale === 'full' ? 100_000 : 1_000;
  const trials = scale === 'full' ? 5 : 1;
  const hub = await startBenchHub(seedMembers(count));
  const folder = await mkdtemp(join(tmpdir(), 'gatehouse-bench-raw-'));
  try {
    // The hub's memory first, while it has served nothing else.
    const memory = await benchHubMemory(hub, count, scale === 'full' ? 1_000 : 100);
    const synced: number[] = [];
    const ours: number[] = [];
    const baseline: number[] = [];
    const oursCpu: number[] = [];
    const baselineCpu: number[] = [];
    let members: Member[] = [];
    // Alternating, so both sides meet the same noise on a shared machine.
    for (let trial = 0; trial < trials; trial += 1) {
      const desktop = await desktopFirstSync(hub, count);
      synced.push(desktop.syncedMs);
      ours.push(desktop.listsReadyMs);
      members = desktop.members;
      const file = join(folder, `raw-${trial}.sqlite`);
      const cpuBefore = threadCpuMs();
      baseline.push((await timed(() => rawInsert(file, members))).ms);
      const cpuAfter = threadCpuMs();
      if (desktop.coreThreadCpuMs !== null && cpuBefore !== null && cpuAfter !== null) {
        oursCpu.push(desktop.coreThreadCpuMs);
        baselineCpu.push(cpuAfter - cpuBefore);
      }
      checkRawFile(file, members);
    }
    const median = (values: number[]) => Math.round(percentile(values, 0.5));
    const worst = (values: number[]) => Math.round(Math.max(...values));
    return [
      result({
        name: 'first sync',
        metric: `${members.length} members into an empty replica until the Users page counts them all (median of ${trials})`,
        unit: 'ms',
        ours: median(ours),
        baseline: median(baseline),
        baselineName: "raw better-sqlite3 load of the same rows, list-field rows and search entries in one transaction into the replica's migrated file (indexes built after)",
        details: {
          oursWorstMs: worst(ours),
          oursSyncedMs: median(synced),
          oursSyncedWorstMs: worst(synced),
          baselineWorstMs: worst(baseline),
          trials,
          runs: ours.map(Math.round).join(' '),
          baselineRuns: baseline.map(Math.round).join(' '),
          // What the wall times hide on a loaded machine: the work on the core's own thread vs the baseline's.
          ...(oursCpu.length > 0 ? { oursCoreThreadCpuMs: median(oursCpu), baselineCpuMs: median(baselineCpu) } : {}),
          loadAverage: Math.round((loadavg()[0] ?? 0) * 10) / 10,
        },
      }),
      memory,
    ];
  } finally {
    await hub.stop();
    await rm(folder, { recursive: true, force: true });
  }
}

interface ServedSnapshot {
  /** The hub process's peak resident memory while it served the snapshot. */
  peakBytes: number;
  /** Its resident memory just before. */
  beforeBytes: number;
  frames: number;
  largestFrameBytes: number;
  bytes: number;
}

/**
 * The kernel's count of a process's peak resident memory (VmHWM), reset
 * first (writing 5 to clear_refs) so it covers only what follows; where the
 * reset is refused, sampling every few milliseconds stands in.
 */
function peakTracker(pid: number): { stop(): number } {
  const rss = () => Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) * 1024;
  let canReset = true;
  try {
    writeFileSync(`/proc/${pid}/clear_refs`, '5');
  } catch {
    canReset = false;
  }
  let sampled = rss();
  const timer = setInterval(() => {
    sampled = Math.max(sampled, rss());
  }, 5);
  return {
    stop() {
      clearInterval(timer);
      const hwm = Number(/VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) * 1024;
      return canReset ? Math.max(hwm, sampled) : sampled;
    },
  };
}

/** A raw client (stating this build's protocol version) takes a first sync while the hub's memory is watched. */
async function serveSnapshot(hub: BenchHub): Promise<ServedSnapshot> {
  const pid = hub.hub.child.pid ?? 0;
  const beforeBytes = residentBytes(hub.hub.child);
  const tracker = peakTracker(pid);
  const served = await new Promise<Omit<ServedSnapshot, 'peakBytes' | 'beforeBytes'>>((resolve, reject) => {
    const socket = new WebSocket(`${hub.socketUrl}&v=${PROTOCOL_VERSION}`, { headers: { authorization: `Bearer ${hub.token}` } });
    let frames = 0;
    let bytes = 0;
    let largestFrameBytes = 0;
    socket.once('open', () => socket.send(JSON.stringify({ id: 'sub', type: 'subscribe', since: null })));
    socket.on('message', (data: Buffer) => {
      frames += 1;
      bytes += data.length;
      largestFrameBytes = Math.max(largestFrameBytes, data.length);
      // The presence list follows the reply: wait for it too, it is part of what a first sync costs the hub.
      if (data.includes('"type":"presence"')) {
        socket.close();
        resolve({ frames, bytes, largestFrameBytes });
      }
    });
    socket.once('error', reject);
  });
  return { ...served, peakBytes: tracker.stop(), beforeBytes };
}

/** 3b: the hub's peak memory serving the big workspace's first sync vs a small one's, each the first thing its hub serves. */
async function benchHubMemory(big: BenchHub, bigCount: number, smallCount: number): Promise<BenchResult> {
  const small = await startBenchHub(seedMembers(smallCount));
  try {
    const ours = await serveSnapshot(big);
    const baseline = await serveSnapshot(small);
    const mib = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10;
    return result({
      name: 'hub memory serving a first sync',
      metric: `peak resident memory of the hub process, ${bigCount} vs ${smallCount} members`,
      unit: 'MiB',
      ours: mib(ours.peakBytes),
      baseline: mib(baseline.peakBytes),
      baselineName: `the same hub serving ${smallCount} members`,
      details: {
        oursGrowthMiB: mib(ours.peakBytes - ours.beforeBytes),
        baselineGrowthMiB: mib(baseline.peakBytes - baseline.beforeBytes),
        oursFrames: ours.frames,
        oursLargestFrameKiB: Math.round(ours.largestFrameBytes / 1024),
        oursMiBSent: mib(ours.bytes),
      },
    });
  } finally {
    await small.stop();
  }
}

/** Subscribes from `since` and measures the bytes and time until the hub's reply. */
function subscribe(hub: BenchHub, since: number | null): Promise<{ bytes: number; ms: number }> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(hub.socketUrl, { headers: { authorization: `Bearer ${hub.token}` } });
    let bytes = 0;
    let started = 0;
    socket.once('open', () => {
      started = performance.now();
      socket.send(JSON.stringify({ id: 'sub', type: 'subscribe', since }));
    });
    socket.on('message', (data) => {
      const text = data.toString();
      if (text.includes('"type":"presence"')) return;
      bytes += Buffer.byteLength(text);
      if (text.includes('"id":"sub"')) {
        resolve({ bytes, ms: performance.now() - started });
        socket.close();
      }
    });
    socket.once('error', reject);
  });
}

export async function benchCatchUp(scale: Scale): Promise<BenchResult> {
  const members = scale === 'full' ? 10_000 : 500;
  const missed = scale === 'full' ? 1_000 : 50;
  const hub = await startBenchHub(seedMembers(members));
  try {
    const admin = new WebSocket(hub.socketUrl, { headers: { authorization: `Bearer ${hub.token}` } });
    await new Promise((resolve) => admin.once('open', resolve));
    const seqBefore = await new Promise<number>((resolve) => {
      admin.on('message', (data) => {
        const message = JSON.parse(data.toString()) as { type: string; seq?: number };
        if (message.type === 'snapshot') resolve(message.seq ?? 0);
      });
      admin.send(JSON.stringify({ id: 's', type: 'subscribe', since: null }));
    });
    // Every missed change must land: a request the hub's quota refuses is sent again when it says, as a desktop does.
    for (let index = 0; index < missed; index += 1) {
      let retryAfterMs: number | null = 0;
      while (retryAfterMs !== null) {
        await sleep(retryAfterMs);
        retryAfterMs = await new Promise<number | null>((resolve, reject) => {
          const onMessage = (data: WebSocket.RawData) => {
            const reply = JSON.parse(data.toString()) as { type: string; id?: string; ok?: boolean; error?: { code: string; message: string; retryAfterMs?: number } };
            if (reply.type !== 'reply' || reply.id !== `m${index}`) return;
            admin.off('message', onMessage);
            if (reply.ok) resolve(null);
            else if (reply.error?.code === 'rate_limited') resolve(reply.error.retryAfterMs ?? 100);
            else reject(new Error(`the catch-up bench's change ${index} was refused: ${reply.error?.message ?? 'no reason'}`));
          };
          admin.on('message', onMessage);
          admin.send(JSON.stringify({ id: `m${index}`, type: 'member.set_team', mutationId: `bench-catch-up-${index}`, memberId: `m${index % members}`, teamId: null }));
        });
      }
    }
    admin.close();
    const catchUp = await subscribe(hub, seqBefore);
    const snapshot = await subscribe(hub, null);
    return result({
      name: 'catch-up',
      metric: `${missed} missed changes in a ${members}-member workspace (bytes)`,
      unit: 'bytes',
      ours: catchUp.bytes,
      baseline: snapshot.bytes,
      baselineName: 'full snapshot',
      details: { catchUpMs: Math.round(catchUp.ms), snapshotMs: Math.round(snapshot.ms) },
    });
  } finally {
    await hub.stop();
  }
}
