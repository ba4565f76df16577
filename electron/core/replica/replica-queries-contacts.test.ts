// Issue 12: the contact and team windows, and the workspace's summary, from a
// real replica file: equal to the brute-force answer for every search,
// assignee, team, direction, window and anchor; member counts per team and
// the summary's counts are exact; R5 holds because the replica holds only
// what the hub let this person see.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contactsQueryInputSchema, teamsQueryInputSchema } from '../../../shared/api/list-queries-contract';
import type { WorkspaceSnapshot } from '../../../shared/protocol';
import { Replica } from './replica';
import { variedSnapshot } from './replica-fixtures';
import { ReplicaQueries } from './replica-queries';
import { referenceContacts, referenceTeams } from './replica-queries-reference';

let folder: string;
let replica: Replica;
let queries: ReplicaQueries;
let walking: ReplicaQueries;
let snapshot: WorkspaceSnapshot;
const open = { workspaceId: 'w1', isPresenceLive: true };

beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'gatehouse-contacts-'));
  const file = join(folder, 'replica.sqlite');
  replica = Replica.open(file, { hubUrl: 'http://hub.example', personId: 'p' });
  snapshot = variedSnapshot('w1', 600, 31);
  replica.applySnapshot(1, snapshot, 1);
  replica.applySnapshot(1, variedSnapshot('w2', 100, 32), 1);
  queries = ReplicaQueries.open(file);
  walking = ReplicaQueries.open(file, { denseHits: 0, fewMatches: 0 });
});

afterAll(async () => {
  walking.close();
  queries.close();
  replica.close();
  await rm(folder, { recursive: true, force: true });
});

const pieceOfAName = fc.tuple(fc.nat(), fc.nat(), fc.integer({ min: 1, max: 5 })).map(([which, start, length]) => {
  const texts = snapshot.contacts.flatMap((contact) => [contact.name, contact.email ?? '']).filter((text) => text !== '');
  const characters = [...(texts[which % texts.length] ?? '')];
  return characters.slice(start % characters.length, (start % characters.length) + length).join('');
});

const contactQuery = fc
  .record({
    search: fc.oneof(fc.constant(''), pieceOfAName, fc.string({ maxLength: 4 }), fc.constantFrom('•••', 'c•', '@example', 'ſ')),
    assignee: fc.oneof(fc.constant({ kind: 'any' as const }), fc.constant({ kind: 'unassigned' as const }), fc.constantFrom('w1-m1', 'w1-m2', 'w1-gone', 'w2-m1').map((memberId) => ({ kind: 'member' as const, memberId }))),
    teamId: fc.constantFrom(null, 'w1-t0', 'w1-t2'),
    direction: fc.constantFrom('asc' as const, 'desc' as const),
    offset: fc.integer({ min: 0, max: 320 }),
    limit: fc.integer({ min: 0, max: 80 }),
    anchorId: fc.constantFrom(null, 'w1-c1', 'w1-c40', 'w2-c1'),
  })
  .map((input) => contactsQueryInputSchema.parse(input));

describe('contact and team windows from the replica', () => {
  it('issue 12 (R5): every search, assignee, team, direction and window equals the brute-force answer', () => {
    fc.assert(
      fc.property(contactQuery, fc.boolean(), (query, isWalking) => {
        expect((isWalking ? walking : queries).contacts(open, query)).toEqual(referenceContacts(snapshot.contacts, snapshot.members, query));
      }),
      { numRuns: 300 },
    );
  });

  it('issue 12 (V3): counts the contacts assigned to a member without reading them', () => {
    const assigned = queries.contacts(open, contactsQueryInputSchema.parse({ assignee: { kind: 'member', memberId: 'w1-m3' }, limit: 0 }));
    expect(assigned.rows).toEqual([]);
    expect(assigned.total).toBe(snapshot.contacts.filter((contact) => contact.assigneeId === 'w1-m3').length);
  });

  it('issue 12: teams by name, each with its member count counted by SQL, searchable and windowed', () => {
    for (const input of [{}, { search: 'sup' }, { search: 'É' }, { search: '"q' }, { offset: 2, limit: 2, anchorId: 'w1-t1' }]) {
      const query = teamsQueryInputSchema.parse(input);
      expect(queries.teams(open, query)).toEqual(referenceTeams(snapshot.teams, snapshot.members, query));
    }
  });

  it('issue 12 (V4), issue 13.2: the summary gives the workspace, the signed-in member and exact counts, Owners without an end date apart', () => {
    const summary = queries.summary(open);
    expect(summary).toMatchObject({ seq: 1, workspace: snapshot.workspace, organization: snapshot.organization, preferences: snapshot.preferences });
    expect(summary?.self?.id).toBe(snapshot.selfMemberId);
    expect(summary?.counts).toEqual({
      members: snapshot.members.length,
      pendingMembers: snapshot.members.filter((member) => member.status === 'pending').length,
      activeOwners: snapshot.members.filter((member) => member.level === 'owner' && member.status === 'active').length,
      openEndedOwners: snapshot.members.filter((member) => member.level === 'owner' && member.status === 'active' && member.accessUntil === null).length,
      teams: snapshot.teams.length,
      contacts: snapshot.contacts.length,
    });
    expect(queries.summary({ workspaceId: 'nowhere', isPresenceLive: true })).toBeNull();
  });
});
