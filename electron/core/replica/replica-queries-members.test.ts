// Issue 12: the member windows the Users page and the pickers ask for,
// answered by SQLite over a real replica file, equal the brute-force answer
// over the same members for every combination of search, filters, sort,
// window and anchor, with presence live or not; totals are exact.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MembersQuery } from '../../../shared/api/list-queries-contract';
import { membersQueryInputSchema } from '../../../shared/api/list-queries-contract';
import type { WorkspaceSnapshot } from '../../../shared/protocol';
import { Replica } from './replica';
import { AWKWARD_NAMES, VARIED_NOW, variedSnapshot } from './replica-fixtures';
import { ReplicaQueries } from './replica-queries';
import { referenceMembers } from './replica-queries-reference';

let folder: string;
let replica: Replica;
let queries: ReplicaQueries;
/** The same file with the thresholds between ways of reaching rows moved, so that every way is checked. */
let walkingInOrder: ReplicaQueries;
let walkingThenSorting: ReplicaQueries;
let snapshot: WorkspaceSnapshot;
const DAY = 86_400_000;

beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'gatehouse-queries-'));
  const file = join(folder, 'replica.sqlite');
  replica = Replica.open(file, { hubUrl: 'http://hub.example', personId: 'p' });
  snapshot = variedSnapshot('w1', 700, 12, 2);
  replica.applySnapshot(1, snapshot, 1);
  // Another workspace in the same file must never show through (and warns at no time: "ending soon" looks 7 days ahead there).
  replica.applySnapshot(1, variedSnapshot('w2', 200, 99, 0), 1);
  queries = ReplicaQueries.open(file);
  walkingInOrder = ReplicaQueries.open(file, { denseHits: 0, fewMatches: 0 });
  walkingThenSorting = ReplicaQueries.open(file, { denseHits: 0, fewMatches: Number.MAX_SAFE_INTEGER });
});

afterAll(async () => {
  walkingInOrder.close();
  walkingThenSorting.close();
  queries.close();
  replica.close();
  await rm(folder, { recursive: true, force: true });
});

const texts = () => snapshot.members.flatMap((member) => [member.displayName, member.email]);

/** Searches likely to match: pieces of real names and emails, in any case. */
const pieceOfAName = fc
  .tuple(fc.nat(), fc.nat(), fc.integer({ min: 1, max: 6 }), fc.constantFrom('as is', 'upper', 'lower', 'padded'))
  .map(([which, start, length, shape]) => {
    const all = texts();
    const characters = [...(all[which % all.length] ?? '')];
    const piece = characters.slice(start % characters.length, (start % characters.length) + length).join('');
    if (shape === 'upper') return piece.toUpperCase();
    if (shape === 'lower') return piece.toLowerCase();
    return shape === 'padded' ? `  ${piece} ` : piece;
  });

const search = fc.oneof(
  { weight: 2, arbitrary: fc.constant('') },
  { weight: 6, arbitrary: pieceOfAName },
  { weight: 1, arbitrary: fc.constantFrom(...AWKWARD_NAMES) },
  { weight: 2, arbitrary: fc.string({ maxLength: 5, unit: 'grapheme' }) },
  { weight: 1, arbitrary: fc.string({ maxLength: 4, unit: 'binary' }) },
);

const memberQuery = fc
  .record({
    search,
    level: fc.constantFrom(null, 'owner', 'manager', 'agent'),
    status: fc.constantFrom(null, 'active', 'pending'),
    teamId: fc.constantFrom(null, 'w1-t0', 'w1-t1', 'w1-t3', 'w2-t0'),
    presence: fc.constantFrom(null, 'online', 'offline'),
    access: fc.constantFrom(null, null, 'ending_soon', 'has_end'),
    excludeIds: fc.subarray(['w1-m0', 'w1-m1', 'w1-m5', 'w1-m77']),
    sort: fc.record({ by: fc.constantFrom('name', 'level', 'last_seen', 'invited', 'joined', 'access_until'), direction: fc.constantFrom('asc', 'desc') }),
    offset: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 750 })),
    limit: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 120 })),
    anchorId: fc.constantFrom(null, 'w1-m3', 'w1-m10', 'w1-m400', 'w2-m3', 'nobody'),
  })
  .map((input) => membersQueryInputSchema.parse(input));

describe('member windows from the replica', () => {
  it('issue 12: every filter, sort, search and window equals the brute-force answer, totals exact', () => {
    fc.assert(
      fc.property(memberQuery, fc.boolean(), fc.constantFrom('default', 'in order', 'then sorting'), (query: MembersQuery, isPresenceLive, way) => {
        const answering = way === 'default' ? queries : way === 'in order' ? walkingInOrder : walkingThenSorting;
        const actual = answering.members({ workspaceId: 'w1', isPresenceLive, now: VARIED_NOW }, query);
        expect(actual).toEqual(referenceMembers(snapshot.members, snapshot.teams, query, isPresenceLive, VARIED_NOW + 2 * DAY));
      }),
      { numRuns: 600 },
    );
  });

  it('issue 13.2: "access ending soon" looks as many days ahead as the workspace warns, 7 when it never warns, past ends included', () => {
    const query = membersQueryInputSchema.parse({ access: 'ending_soon', sort: { by: 'access_until', direction: 'asc' }, limit: 500 });
    const soon = queries.members({ workspaceId: 'w1', isPresenceLive: false, now: VARIED_NOW }, query);
    const ends = soon.rows.map((row) => row.accessUntil ?? Infinity);
    expect(soon.total).toBeGreaterThan(5);
    expect(Math.max(...ends)).toBe(VARIED_NOW + 2 * DAY);
    expect(Math.min(...ends)).toBeLessThan(VARIED_NOW);
    expect(ends).toEqual([...ends].sort((a, b) => a - b));
    const other = variedSnapshot('w2', 200, 99, 0);
    const otherSoon = queries.members({ workspaceId: 'w2', isPresenceLive: false, now: VARIED_NOW }, query);
    expect(otherSoon).toEqual(referenceMembers(other.members, other.teams, query, false, VARIED_NOW + 7 * DAY));
    expect(otherSoon.rows.some((row) => row.accessUntil === VARIED_NOW + 7 * DAY)).toBe(true);
    expect(otherSoon.rows.some((row) => row.accessUntil === VARIED_NOW + 7 * DAY + 1)).toBe(false);
  });

  it('issue 13.2: sorting by end date puts access without an end last, soonest first', () => {
    const sorted = queries.members({ workspaceId: 'w1', isPresenceLive: false, now: VARIED_NOW }, membersQueryInputSchema.parse({ sort: { by: 'access_until', direction: 'asc' }, limit: 500 }));
    const firstOpenEnded = sorted.rows.findIndex((row) => row.accessUntil === null);
    expect(firstOpenEnded).toBeGreaterThan(0);
    expect(sorted.rows.slice(firstOpenEnded).every((row) => row.accessUntil === null)).toBe(true);
  });

  it('issue 12: finds the same members through the trigram index as by scanning every row', () => {
    const query = membersQueryInputSchema.parse({ search: 'ada', limit: 500 });
    const expected = referenceMembers(snapshot.members, snapshot.teams, query, true);
    expect(expected.total).toBeGreaterThan(10);
    expect(queries.members({ workspaceId: 'w1', isPresenceLive: true }, query)).toEqual(expected);
  });

  it('issue 12: a picker gives the first matches by name and the total, leaving out whom it is told to', () => {
    const picked = queries.pickMembers({ workspaceId: 'w1', isPresenceLive: true }, { search: 'ada', status: 'active', excludeIds: ['w1-m0'], limit: 5 });
    const expected = referenceMembers(snapshot.members, snapshot.teams, membersQueryInputSchema.parse({ search: 'ada', status: 'active', excludeIds: ['w1-m0'], limit: 5 }), true);
    expect(picked.total).toBe(expected.total);
    expect(picked.rows).toEqual(expected.rows.map(({ id, displayName, email, avatarDataUrl, level, status, teamId }) => ({ id, displayName, email, avatarDataUrl, level, status, teamId })));
  });

  it('issue 12: members by id come back in the order asked, without the ones this copy does not hold', () => {
    const rows = queries.membersByIds({ workspaceId: 'w1', isPresenceLive: false }, ['w1-m9', 'nobody', 'w2-m1', 'w1-m2']);
    expect(rows.map((row) => row.id)).toEqual(['w1-m9', 'w1-m2']);
    expect(rows.every((row) => row.isOnline === false)).toBe(true);
  });
});
