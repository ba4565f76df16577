// 5. CSV export of 100,000 members, streamed from the replica (issue 12,
// item 4: an iterating prepared statement through csv-stringify into the
// file, with backpressure and progress) vs csv-stringify writing the same
// members' rows straight to a file (no formatting, no formula neutralising,
// no progress). The in-memory writer the export used before (the hub's rows
// in an array) is timed too, as a detail. The hub's authorization is not
// timed: it is the same request either way.
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'csv-stringify';
import { writeMembersCsv } from '../electron/core/export/members-csv';
import { exportMembersCsv } from '../electron/core/export/members-csv-export';
import { Replica } from '../electron/core/replica/replica';
import { ReplicaQueries } from '../electron/core/replica/replica-queries';
import { syntheticMembers } from '../electron/core/testing/synthetic-members';
import type { BenchResult, Scale } from './harness';
import { percentile, result, timed } from './harness';

const TEAMS = [{ id: 't1', workspaceId: 'w', name: 'Support' }];

export async function benchCsvExport(scale: Scale): Promise<BenchResult> {
  const members = syntheticMembers(scale === 'full' ? 100_000 : 2_000);
  const folder = await mkdtemp(join(tmpdir(), 'gatehouse-bench-csv-'));
  const file = join(folder, 'replica.sqlite');
  const replica = Replica.open(file, { hubUrl: 'http://bench.example', personId: 'p' });
  replica.applySnapshot(1, { organization: { id: 'o', name: 'O' }, workspace: { id: 'w', organizationId: 'o', name: 'W', plan: 'growth', accessEndWarningDays: 3 }, selfMemberId: 'm0', members, teams: TEAMS, contacts: [], preferences: { scope: 'everyone', memberIds: [], notifyOnline: true, notifyOffline: false } }, 1);
  const queries = ReplicaQueries.open(file);
  try {
    const writeBaseline = async () => {
      const output = createWriteStream(join(folder, 'baseline.csv'));
      const csv = stringify({ header: true, columns: ['name', 'email', 'level', 'status', 'team', 'lastSeen', 'invited', 'joined'] });
      csv.pipe(output);
      for (const member of members) {
        if (!csv.write([member.displayName, member.email, member.level, member.status, member.teamId ?? '', member.lastSeenAt ?? '', member.invitedAt, member.joinedAt ?? ''])) await once(csv, 'drain');
      }
      csv.end();
      await once(output, 'finish');
    };
    const writeOurs = () =>
      exportMembersCsv({ authorize: async () => undefined, queries, open: () => ({ workspaceId: 'w', isPresenceLive: true }), file: join(folder, 'ours.csv'), onProgress: () => undefined });
    // Alternated and repeated, the median of each: the machine is shared and one run can be twice another.
    const rounds = scale === 'full' ? 5 : 1;
    const baselineTimes: number[] = [];
    const ourTimes: number[] = [];
    for (let round = 0; round < rounds; round += 1) {
      baselineTimes.push((await timed(writeBaseline)).ms);
      ourTimes.push((await timed(writeOurs)).ms);
    }
    const baseline = { ms: percentile(baselineTimes, 0.5) };
    const ours = { ms: percentile(ourTimes, 0.5) };
    const inMemory = await timed(() => writeMembersCsv(join(folder, 'in-memory.csv'), members, TEAMS, () => undefined));
    return result({
      name: 'CSV export',
      metric: `median time for ${members.length} members, streamed from the replica`,
      unit: 'ms',
      ours: Math.round(ours.ms),
      baseline: Math.round(baseline.ms),
      baselineName: 'csv-stringify straight to a file',
      details: { inMemoryWriterMs: Math.round(inMemory.ms) },
    });
  } finally {
    queries.close();
    replica.close();
    await rm(folder, { recursive: true, force: true });
  }
}
