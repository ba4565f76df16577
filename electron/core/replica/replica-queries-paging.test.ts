// Issue 12: paging a virtualized list to its end, window after window, shows
// every member exactly once in every order, however many share a name or a
// time (each order ends with the id, so offsets never shuffle ties).
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MembersQueryInput } from '../../../shared/api/list-queries-contract';
import { LIST_WINDOW_MAX, MEMBER_SORT_KEYS, membersQueryInputSchema } from '../../../shared/api/list-queries-contract';
import { Replica } from './replica';
import { variedSnapshot } from './replica-fixtures';
import { ReplicaQueries } from './replica-queries';

const SIZE = 20_000;
let folder: string;
let replica: Replica;
let queries: ReplicaQueries;

beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'gatehouse-paging-'));
  const file = join(folder, 'replica.sqlite');
  replica = Replica.open(file, { hubUrl: 'http://hub.example', personId: 'p' });
  replica.applySnapshot(1, variedSnapshot('w', SIZE, 3), 1);
  queries = ReplicaQueries.open(file);
});

afterAll(async () => {
  queries.close();
  replica.close();
  await rm(folder, { recursive: true, force: true });
});

function pageToTheEnd(input: MembersQueryInput, isPresenceLive: boolean): { ids: string[]; totals: Set<number> } {
  const ids: string[] = [];
  const totals = new Set<number>();
  for (let offset = 0; ; offset += LIST_WINDOW_MAX) {
    const window = queries.members({ workspaceId: 'w', isPresenceLive }, membersQueryInputSchema.parse({ ...input, offset, limit: LIST_WINDOW_MAX }));
    totals.add(window.total);
    ids.push(...window.rows.map((row) => row.id));
    if (window.rows.length < LIST_WINDOW_MAX) return { ids, totals };
  }
}

describe('paging 20,000 members to the end', () => {
  const orders = MEMBER_SORT_KEYS.flatMap((by) => (['asc', 'desc'] as const).map((direction) => ({ by, direction })));

  it.each(orders)('issue 12: sorted by $by $direction, every member comes exactly once', (sort) => {
    for (const isPresenceLive of [true, false]) {
      const { ids, totals } = pageToTheEnd({ sort }, isPresenceLive);
      expect(totals).toEqual(new Set([SIZE]));
      expect(ids).toHaveLength(SIZE);
      expect(new Set(ids).size).toBe(SIZE);
    }
  });

  it('issue 12: the same with a filter and a search: each match once, as many as the total says', () => {
    const { ids, totals } = pageToTheEnd({ search: 'a', status: 'active', sort: { by: 'last_seen', direction: 'desc' } }, true);
    expect(totals.size).toBe(1);
    expect(ids).toHaveLength([...totals][0] ?? -1);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.length).toBeGreaterThan(1_000);
  });

  it('issue 12: an anchor row is found where paging puts it', () => {
    const sort = { by: 'name', direction: 'asc' } as const;
    const { ids } = pageToTheEnd({ sort }, true);
    for (const index of [0, 1, 4_999, 12_345, SIZE - 1]) {
      const window = queries.members({ workspaceId: 'w', isPresenceLive: true }, membersQueryInputSchema.parse({ sort, anchorId: ids[index], limit: 0 }));
      expect(window.anchorIndex).toBe(index);
    }
  });
});
