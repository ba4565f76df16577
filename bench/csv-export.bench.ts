// 5. CSV export of 100,000 members vs csv-stringify writing the same rows
// straight to a file (no formatting, no formula neutralising, no progress).
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'csv-stringify';
import type { Member } from '../shared/domain';
import { NO_RESTRICTIONS } from '../shared/policy';
import { writeMembersCsv } from '../electron/core/export/members-csv';
import type { BenchResult, Scale } from './harness';
import { result, timed } from './harness';

export function syntheticMembers(count: number): Member[] {
  return Array.from({ length: count }, (_, index) => ({
    id: `m${index}`,
    workspaceId: 'w',
    personId: `p${index}`,
    email: `person${index}@example.com`,
    displayName: `Person ${index}`,
    avatarDataUrl: null,
    level: index % 10 === 0 ? 'manager' : 'agent',
    restrictions: { ...NO_RESTRICTIONS, workflowsButton: index % 3 === 0 },
    status: index % 20 === 0 ? 'pending' : 'active',
    teamId: index % 2 === 0 ? 't1' : null,
    invitedAt: 1_700_000_000_000 + index,
    joinedAt: index % 20 === 0 ? null : 1_700_000_100_000 + index,
    lastSeenAt: 1_700_000_200_000 + index,
    isOnline: false,
    version: 1,
  }));
}

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
