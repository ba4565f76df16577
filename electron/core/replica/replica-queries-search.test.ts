// Issue 12: hostile search text (FTS5 and GLOB syntax, quotes, lone
// surrogates, direction overrides, NUL) neither fails nor matches anything
// but the names and emails that hold it, as plain characters.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contactsQueryInputSchema, membersQueryInputSchema } from '../../../shared/api/list-queries-contract';
import type { WorkspaceSnapshot } from '../../../shared/protocol';
import { Replica } from './replica';
import { variedSnapshot } from './replica-fixtures';
import { ReplicaQueries } from './replica-queries';
import { referenceContacts, referenceMembers } from './replica-queries-reference';
import { phraseQuery, planSearch } from './replica-queries-search';

const HOSTILE = [
  '"', '""', '"ada', 'ada"', '*', 'ada*', 'Star*', 'NEAR(a b)', 'NEAR', 'NEAR(ada, 2)', 'display_name:ada', 'email:ada', '{display_name email}:ada', '-ada', '+ada',
  '^ada', 'ada AND li', 'a AND b', 'ada OR li', 'NOT ada', '(ada', ')', '[', ']', '[Bracket]', '[a-z]', '[^a]', '?', 'Question?', 'a?a', '%', '_', '\\', "'",
  "'; DROP TABLE replica_members; --", '\uD800', '\uDC00', 'ada\uD800', '\uDBFF\uDFFF', '\u202Eada', 'ada\u202E', '\u2066ada', '\u200Fada', '\u0000', 'ada\u0000x', '\u0007',
  'a'.repeat(254), '😀', 'e\u0301mile', 'ΣΑΣ', 'ſtraße', 'İ', 'ı', ' ', '\t', 'col:umn', '^', 'Caret^',
];

let folder: string;
let replica: Replica;
let queries: ReplicaQueries;
let snapshot: WorkspaceSnapshot;

beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'gatehouse-search-'));
  const file = join(folder, 'replica.sqlite');
  replica = Replica.open(file, { hubUrl: 'http://hub.example', personId: 'p' });
  snapshot = variedSnapshot('w1', 400, 7);
  replica.applySnapshot(1, snapshot, 1);
  queries = ReplicaQueries.open(file);
});

afterAll(async () => {
  queries.close();
  replica.close();
  await rm(folder, { recursive: true, force: true });
});

const open = { workspaceId: 'w1', isPresenceLive: true };
const names = (search: string) => queries.members(open, membersQueryInputSchema.parse({ search, limit: 500 })).rows.map((row) => row.displayName);

describe('hostile search text', () => {
  it.each(HOSTILE)('issue 12: %j finds exactly the members and contacts that hold it, and nothing fails', (search) => {
    const members = membersQueryInputSchema.parse({ search, limit: 500 });
    expect(queries.members(open, members)).toEqual(referenceMembers(snapshot.members, snapshot.teams, members, true));
    const contacts = contactsQueryInputSchema.parse({ search, limit: 500 });
    expect(queries.contacts(open, contacts)).toEqual(referenceContacts(snapshot.contacts, snapshot.members, contacts));
  });

  it('issue 12: the syntax of FTS5 and GLOB is matched as plain characters', () => {
    expect(names('NEAR(a b)').length).toBeGreaterThan(0);
    expect(names('NEAR(a b)').every((name) => name.startsWith('NEAR(a b)'))).toBe(true);
    expect(names('Star*').every((name) => name.startsWith('Star* Name'))).toBe(true);
    expect(names('[Bracket]').every((name) => name.startsWith('[Bracket] Name'))).toBe(true);
    expect(names('"Quoted"').every((name) => name.startsWith('"Quoted" Name'))).toBe(true);
    expect(names('?').every((name) => name.includes('?'))).toBe(true);
    expect(names('a AND b').every((name) => name.startsWith('a AND b'))).toBe(true);
    expect(names('col:umn').every((name) => name.startsWith('col:umn'))).toBe(true);
  });

  it('issue 12: case folds on both sides, as typed or decomposed; direction overrides and broken text find nobody', () => {
    expect(names('e\u0301mile').length).toBeGreaterThan(0);
    expect(names('ÉMILE')).toEqual(names('émile'));
    expect(new Set(names('σίσυφος'))).toEqual(new Set(names('ΣΊΣΥΦΟΣ')));
    expect(names('\u202Eada')).toEqual([]);
    expect(names('ada\uD800')).toEqual([]);
    expect(names('ada\u0000')).toEqual([]);
  });

  it('issue 12: plans one and two characters as scans, three and more through the index, quoting the phrase', () => {
    expect(planSearch('   ')).toEqual({ kind: 'everything' });
    expect(planSearch('\uDC00')).toEqual({ kind: 'nothing' });
    expect(planSearch('Li')).toEqual({ kind: 'scan', check: { operator: 'LIKE', pattern: '%Li%' } });
    expect(planSearch('a%_\\')).toEqual({ kind: 'index', match: '"a%_\\"', check: { operator: 'LIKE', pattern: '%a\\%\\_\\\\%' } });
    // ſ folds to s and the Kelvin sign to k in FTS5 but not in LIKE; FTS5 leaves İ as it is, so it is no variant of i.
    expect(planSearch('st')).toEqual({ kind: 'scan', check: { operator: 'GLOB', pattern: '*[sSſ][tT]*' } });
    expect(planSearch('ki')).toEqual({ kind: 'scan', check: { operator: 'GLOB', pattern: '*[kK\u212A][iI]*' } });
    expect(planSearch('李小')).toEqual({ kind: 'scan', check: { operator: 'GLOB', pattern: '*李小*' } });
    expect(planSearch('*?[é')).toEqual({ kind: 'index', match: '"*?[é"', check: { operator: 'GLOB', pattern: '*[*][?][[][éÉ]*' } });
    expect(phraseQuery('say "hi"')).toBe('"say ""hi"""');
  });
});
