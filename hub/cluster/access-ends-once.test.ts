// Issue 14.2 with 13.2: the due work on access end dates runs on every
// instance's scheduler, and the conditional claims (members repo: claimEnd,
// claimWarning) make it act once: two instances ending the same access at
// the same moment leave one audit row, one change and one set of emails.
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { runDueAccessWork } from '../domain/access-ends';
import type { TestInstance } from './cluster-fixtures';
import { addMember, AT, useTwoInstances, workspaceWithOwner } from './cluster-fixtures';

let url: string;
let first: TestInstance;
let second: TestInstance;
useTwoInstances('cluster_access_ends', (opened) => ({ url, first, second } = opened));

async function count(sql: string, values: unknown[]): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ count: string }>(sql, values);
    return Number(rows[0]?.count);
  } finally {
    await client.end();
  }
}

describe('access end dates on two instances', () => {
  it('are acted on once when both instances run their pass at the same moment', async () => {
    const { workspaceId } = await workspaceWithOwner(first.store);
    const ending = await Promise.all(Array.from({ length: 5 }, () => addMember(first.store, workspaceId, { accessUntil: AT + 1_000 })));
    const now = AT + 2_000;
    const failures: unknown[] = [];
    const [onFirst, onSecond] = await Promise.all([
      runDueAccessWork(first.store, now, (error) => failures.push(error)),
      runDueAccessWork(second.store, now, (error) => failures.push(error)),
    ]);
    expect(failures).toEqual([]);
    // Between them, each end was done once, by one instance or the other.
    expect([...onFirst.ended, ...onSecond.ended].map((ended) => ended.memberId).sort()).toEqual([...ending].sort());
    for (const memberId of ending) {
      expect(await count(`SELECT count(*) FROM audit_log WHERE action = 'member.access_ended' AND target_member_id = $1`, [memberId])).toBe(1);
      expect(await count(`SELECT count(*) FROM changes WHERE entity = 'member' AND entity_id = $1`, [memberId])).toBe(1);
      expect(await first.store.members.byId(memberId)).toBeUndefined();
    }
    // The member and the Owner who manages them are each mailed once per end.
    expect(onFirst.emails.length + onSecond.emails.length).toBe(ending.length * 2);
    const seq = (await first.store.workspaces.byId(workspaceId))?.seq ?? 0;
    expect(await count('SELECT count(*) FROM changes WHERE workspace_id = $1', [workspaceId])).toBe(seq);
  }, 30_000);

  it('warn once when both instances find the same warning due', async () => {
    const { workspaceId } = await workspaceWithOwner(first.store);
    const warned = await addMember(first.store, workspaceId, { accessUntil: AT + 2 * 24 * 60 * 60 * 1000 });
    const [onFirst, onSecond] = await Promise.all([runDueAccessWork(first.store, AT, () => undefined), runDueAccessWork(second.store, AT, () => undefined)]);
    expect(await count(`SELECT count(*) FROM audit_log WHERE action = 'member.access_ending_warned' AND target_member_id = $1`, [warned])).toBe(1);
    expect([...onFirst.warnings, ...onSecond.warnings].filter((warning) => warning.selfMemberId === warned && warning.memberIds.includes(warned))).toHaveLength(1);
  }, 30_000);
});
