// 5. CSV export of 100,000 members vs csv-stringify writing the same rows
// straight to a file (no formatting, no formula neutralising, no progress).
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'csv-stringify';
import { writeMembersCsv } from '../electron/core/export/members-csv';
import { syntheticMembers } from '../electron/core/testing/synthetic-members';
import type { BenchResult, Scale } from './harness';
import { result, timed } from './harness';

export async function benchCsvExport(scale: Scale): Promise<BenchResult> {
  const members = syntheticMembers(scale === 'full' ? 100_000 : 2_000);
  const folder = await mkdtemp(join(tmpdir(), 'gatehouse-bench-csv-'));
  try {
    const ours = await timed(() => writeMembersCsv(join(folder, 'ours.csv'), members, [{ id: 't1', workspaceId: 'w', name: 'Support' }]));
    const baseline = await timed(async () => {
      const output = createWriteStream(join(folder, 'baseline.csv'));
      const csv = stringify({ header: true, columns: ['name', 'email', 'level', 'status', 'team', 'lastSeen', 'invited', 'joined'] });
      csv.pipe(output);
      for (const member of members) {
        if (!csv.write([member.displayName, member.email, member.level, member.status, member.teamId ?? '', member.lastSeenAt ?? '', member.invitedAt, member.joinedAt ?? ''])) await once(csv, 'drain');
      }
      csv.end();
      await once(output, 'finish');
    });
    return result({ name: 'CSV export', metric: `time for ${members.length} members`, unit: 'ms', ours: Math.round(ours.ms), baseline: Math.round(baseline.ms), baselineName: 'csv-stringify straight to a file' });
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}
