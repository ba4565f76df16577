// 9. The member list answered by the replica (issue 12).
//    a) Each keystroke of a search, and the other windows the Users page asks
//       for (filters, sorts, deep offsets, an anchor), through ReplicaQueries
//       on a real replica file, at 100,000 members vs 1,000: ours is the
//       100,000 figure, the baseline the same queries over 1,000. Each round
//       opens a new connection, so no count is remembered from the last one.
//       The members are the tests' varied ones: few distinct names, so a
//       search matches thousands (a harder case than real names).
//    b) What the list fields cost the sync: a snapshot of 100,000 members
//       into an empty replica and over an existing one, each until the lists
//       answer (the snapshot, then the list connection's catch-up), and
//       20,000 presence changes, vs the replica of the previous version (its
//       first migration only, no lists).
import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { MembersQueryInput } from '../shared/api/list-queries-contract';
import { membersQueryInputSchema } from '../shared/api/list-queries-contract';
import type { WorkspaceSnapshot } from '../shared/protocol';
import { DEFAULT_REPLICA_MIGRATIONS_DIR, Replica } from '../electron/core/replica/replica';
import { variedSnapshot } from '../electron/core/replica/replica-fixtures';
import { ReplicaQueries } from '../electron/core/replica/replica-queries';
import type { BenchResult, Scale } from './harness';
import { percentile, result, timed } from './harness';

/** Typing a name, then an email, then text nobody has; each prefix is one keystroke. */
const TYPED = ['ada lovelace', 'ivan.', 'émile', 'zqxj'];

function keystrokes(): MembersQueryInput[] {
  return TYPED.flatMap((text) => [...text].map((_, index) => ({ search: text.slice(0, index + 1) })));
}

/** The other windows of the Users page, each as a renderer would ask for it. */
function otherWindows(size: number): MembersQueryInput[] {
  return [
    {},
    { level: 'owner' },
    { status: 'pending' },
    { status: 'active', sort: { by: 'last_seen', direction: 'asc' } },
    { teamId: 'w-t2' },
    { presence: 'online' },
    { sort: { by: 'last_seen', direction: 'desc' } },
    { sort: { by: 'invited', direction: 'desc' } },
    { sort: { by: 'level', direction: 'asc' }, offset: Math.floor(size / 2) },
    { sort: { by: 'joined', direction: 'desc' }, offset: Math.floor(size / 2) },
    { offset: Math.max(0, size - 100) },
    { search: 'ada', sort: { by: 'last_seen', direction: 'desc' }, anchorId: 'w-m7' },
    { anchorId: `w-m${Math.floor(size / 3)}` },
    { access: 'ending_soon' },
    { access: 'has_end', sort: { by: 'access_until', direction: 'asc' } },
  ];
}

function timeEach(file: string, inputs: MembersQueryInput[], rounds: number): number[] {
  const times: number[] = [];
  for (let round = 0; round < rounds; round += 1) {
    const queries = ReplicaQueries.open(file);
    try {
      for (const input of inputs) {
        const query = membersQueryInputSchema.parse({ limit: 100, ...input });
        const started = performance.now();
        queries.members({ workspaceId: 'w', isPresenceLive: true }, query);
        times.push(performance.now() - started);
      }
    } finally {
      queries.close();
    }
  }
  return times;
}

async function measureQueries(size: number, rounds: number): Promise<{ keystrokes: number[]; windows: number[] }> {
  const folder = await mkdtemp(join(tmpdir(), 'gatehouse-bench-lists-'));
  const file = join(folder, 'replica.sqlite');
  const replica = Replica.open(file, { hubUrl: 'http://bench.example', personId: 'p' });
  try {
    replica.applySnapshot(1, variedSnapshot('w', size, 1), 1);
    // The catch-up after the snapshot is the snapshot's cost (part b), not a keystroke's.
    const catchingUp = ReplicaQueries.open(file);
    catchingUp.catchUp();
    catchingUp.close();
    return { keystrokes: timeEach(file, keystrokes(), rounds), windows: timeEach(file, otherWindows(size), rounds) };
  } finally {
    replica.close();
    await rm(folder, { recursive: true, force: true });
  }
}

/** The migrations folder of the previous version: its first migration alone. */
function previousMigrations(folder: string): string {
  const dir = join(folder, 'previous-migrations');
  mkdirSync(join(dir, 'meta'), { recursive: true });
  cpSync(join(DEFAULT_REPLICA_MIGRATIONS_DIR, '0000_initial_replica_schema.sql'), join(dir, '0000_initial_replica_schema.sql'));
  const journal = JSON.parse(readFileSync(join(DEFAULT_REPLICA_MIGRATIONS_DIR, 'meta', '_journal.json'), 'utf8')) as { entries: Array<{ tag: string }> };
  writeFileSync(join(dir, 'meta', '_journal.json'), JSON.stringify({ ...journal, entries: journal.entries.slice(0, 1) }));
  return dir;
}

interface WriteFigures {
  firstMs: number;
  replaceMs: number;
  presenceMs: number;
  /** The list connection catching up after the first snapshot, then after the replacing one (until the lists answer). */
  catchUpMs: number;
  catchUpAfterReplaceMs: number;
}

async function measureWrites(snapshot: WorkspaceSnapshot, migrations: string | null): Promise<WriteFigures> {
  const folder = await mkdtemp(join(tmpdir(), 'gatehouse-bench-writes-'));
  const file = join(folder, 'replica.sqlite');
  const replica = Replica.open(file, { hubUrl: 'http://bench.example', personId: 'p' }, migrations ?? DEFAULT_REPLICA_MIGRATIONS_DIR);
  // The previous version had no lists to catch up.
  const queries = migrations ? null : ReplicaQueries.open(file);
  try {
    const first = await timed(() => replica.applySnapshot(1, snapshot, 1));
    const catchUp = await timed(() => queries?.catchUp());
    const replace = await timed(() => replica.applySnapshot(2, snapshot, 2));
    const catchUpAfterReplace = await timed(() => queries?.catchUp());
    const changed = snapshot.members.slice(0, Math.min(20_000, snapshot.members.length)).map((member) => ({ memberId: member.id, isOnline: !member.isOnline, lastSeenAt: 5 }));
    const presence = await timed(() => replica.applyPresence(snapshot.workspace.id, changed));
    return { firstMs: first.ms, replaceMs: replace.ms, presenceMs: presence.ms, catchUpMs: catchUp.ms, catchUpAfterReplaceMs: catchUpAfterReplace.ms };
  } finally {
    queries?.close();
    replica.close();
    await rm(folder, { recursive: true, force: true });
  }
}

const round1 = (value: number) => Math.round(value * 10) / 10;

export async function benchListQueries(scale: Scale): Promise<BenchResult[]> {
  const [large, small] = scale === 'full' ? [100_000, 1_000] : [2_000, 100];
  const rounds = scale === 'full' ? 3 : 1;
  const big = await measureQueries(large, rounds);
  const base = await measureQueries(small, rounds);
  const queryFigures = (label: string, ours: number[], baseline: number[]): BenchResult[] => [
    result({
      name: `member query, ${label}, p95`,
      metric: `p95 of ${ours.length} queries, ${large} vs ${small} members`,
      unit: 'ms',
      ours: round1(percentile(ours, 0.95)),
      baseline: Math.max(0.1, round1(percentile(baseline, 0.95))),
      baselineName: `the same queries over ${small} members`,
      details: { medianOurs: round1(percentile(ours, 0.5)), medianBaseline: round1(percentile(baseline, 0.5)) },
    }),
    result({
      name: `member query, ${label}, worst`,
      metric: `slowest of ${ours.length} queries, ${large} vs ${small} members`,
      unit: 'ms',
      ours: round1(Math.max(...ours)),
      baseline: Math.max(0.1, round1(Math.max(...baseline))),
      baselineName: `the same queries over ${small} members`,
    }),
  ];
  const folder = await mkdtemp(join(tmpdir(), 'gatehouse-bench-previous-'));
  try {
    const snapshot = variedSnapshot('w', large, 2);
    const previous = await measureWrites(snapshot, previousMigrations(folder));
    const now = await measureWrites(snapshot, null);
    const writeFigure = (label: string, ours: number, baseline: number, details?: Record<string, number>): BenchResult =>
      result({
        name: `replica writes, ${label}`,
        metric: `${label}, ${large} members`,
        unit: 'ms',
        ours: Math.round(ours),
        baseline: Math.max(1, Math.round(baseline)),
        baselineName: 'the replica of the previous version (no list fields)',
        ...(details ? { details } : {}),
      });
    return [
      ...queryFigures('search keystroke', big.keystrokes, base.keystrokes),
      ...queryFigures('other windows', big.windows, base.windows),
      // Ours is the snapshot and the catch-up after it, until the lists answer; the previous version had no lists to wait for.
      writeFigure('snapshot into an empty replica', now.firstMs + now.catchUpMs, previous.firstMs, { snapshotMs: Math.round(now.firstMs), catchUpAfterMs: Math.round(now.catchUpMs) }),
      writeFigure('snapshot over the same workspace', now.replaceMs + now.catchUpAfterReplaceMs, previous.replaceMs, {
        snapshotMs: Math.round(now.replaceMs),
        catchUpAfterMs: Math.round(now.catchUpAfterReplaceMs),
      }),
      writeFigure(`${Math.min(20_000, large).toLocaleString('en')} presence changes`, now.presenceMs, previous.presenceMs),
    ];
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}
