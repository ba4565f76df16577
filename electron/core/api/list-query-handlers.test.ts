// Issue 12: the list query handlers answer from the open workspace's replica
// with presence as the core knows it, take their input through the contract's
// schemas (bounds refused, hostile text accepted and finding nobody), and
// say when no workspace is open.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import type { ListQueryMethodName } from '../../../shared/api/list-queries-contract';
import { LIST_QUERIES_CONTRACT, LIST_WINDOW_MAX } from '../../../shared/api/list-queries-contract';
import { ApiFailure } from '../api-failure';
import { Replica } from '../replica/replica';
import { workspaceSnapshot } from '../replica/replica-fixtures';
import type { OpenWorkspace } from '../replica/replica-queries';
import { ReplicaQueries } from '../replica/replica-queries';
import type { ListQueryHandlers } from './list-query-handlers';
import { listQueryHandlers } from './list-query-handlers';

let folder: string;
let replica: Replica;
let queries: ReplicaQueries;
let opened: OpenWorkspace | null = { workspaceId: 'w', isPresenceLive: false };
let handlers: ListQueryHandlers;

beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'gatehouse-list-handlers-'));
  const file = join(folder, 'replica.sqlite');
  replica = Replica.open(file, { hubUrl: 'http://hub.example', personId: 'p' });
  const snapshot = workspaceSnapshot('w', 'example.com', 30);
  replica.applySnapshot(1, { ...snapshot, members: snapshot.members.map((member, index) => ({ ...member, isOnline: index < 3 })) }, 1);
  queries = ReplicaQueries.open(file);
  handlers = listQueryHandlers({ openLists: () => (opened ? { queries, open: opened } : null), unreadableCounts: () => ({ members: 2, teams: 0, contacts: 0 }) });
});

afterAll(async () => {
  queries.close();
  replica.close();
  await rm(folder, { recursive: true, force: true });
});

/** As the dispatcher does: the input through the contract's schema, then the handler. */
function call<M extends ListQueryMethodName>(method: M, input: z.input<(typeof LIST_QUERIES_CONTRACT)[M]['input']>) {
  const parsed = LIST_QUERIES_CONTRACT[method].input.parse(input);
  return (handlers[method] as (input: unknown) => z.output<(typeof LIST_QUERIES_CONTRACT)[M]['output']>)(parsed);
}

describe('list query handlers', () => {
  it('issue 12: answer the open workspace from the replica, with presence only while the core hears the hub', () => {
    opened = { workspaceId: 'w', isPresenceLive: false };
    expect(call('members.query', { presence: 'online' }).total).toBe(0);
    opened = { workspaceId: 'w', isPresenceLive: true };
    const online = call('members.query', { presence: 'online', sort: { by: 'name', direction: 'asc' } });
    expect(online.total).toBe(3);
    expect(online.rows.every((row) => row.isOnline && row.teamName === 'Team of example.com')).toBe(true);
    expect(call('members.pick', { search: 'member1', limit: 3 })).toMatchObject({ total: 11 });
    expect(call('members.byIds', { ids: ['w-m2', 'w-m1'] }).rows.map((row) => row.id)).toEqual(['w-m2', 'w-m1']);
    expect(call('teams.query', {}).rows).toEqual([{ id: 'w-t1', workspaceId: 'w', name: 'Team of example.com', memberCount: 30 }]);
    expect(call('contacts.query', { assignee: { kind: 'member', memberId: 'w-m4' }, limit: 0 }).total).toBe(1);
    expect(call('workspace.summary', undefined)?.counts.members).toBe(30);
    // What the last sync could not read travels with the summary, so the window can say so from its first load.
    expect(call('workspace.summary', undefined)?.unreadable).toEqual({ members: 2, teams: 0, contacts: 0 });
    // Member rows validate against the contract's output schema (what crosses to the renderer).
    expect(LIST_QUERIES_CONTRACT['members.query'].output.safeParse(online).success).toBe(true);
  });

  it('issue 12: refuse windows past the limits, and take hostile text as text', () => {
    expect(LIST_QUERIES_CONTRACT['members.query'].input.safeParse({ limit: LIST_WINDOW_MAX + 1 }).success).toBe(false);
    expect(LIST_QUERIES_CONTRACT['members.query'].input.safeParse({ offset: -1 }).success).toBe(false);
    expect(LIST_QUERIES_CONTRACT['members.query'].input.safeParse({ search: 'x'.repeat(255) }).success).toBe(false);
    expect(LIST_QUERIES_CONTRACT['members.query'].input.safeParse({ sort: { by: 'email', direction: 'asc' } }).success).toBe(false);
    expect(call('members.query', { search: '\uD800"NEAR(*' }).total).toBe(0);
  });

  it('issue 12: say that no workspace is open, and give a null summary', () => {
    opened = null;
    expect(() => call('members.query', {})).toThrow(ApiFailure);
    expect(call('workspace.summary', undefined)).toBeNull();
  });
});
