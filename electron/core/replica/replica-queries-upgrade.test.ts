// Issue 12: a replica file written by the previous version (only the first
// migration) upgrades when this version opens it: the list fields are filled
// from the JSON it already holds, the search index catches up, and the
// queries answer as for a fresh file, without a resync from the hub.
import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { contactsQueryInputSchema, membersQueryInputSchema, teamsQueryInputSchema } from '../../../shared/api/list-queries-contract';
import { DEFAULT_REPLICA_MIGRATIONS_DIR, Replica } from './replica';
import { variedSnapshot } from './replica-fixtures';
import { ReplicaQueries } from './replica-queries';
import { referenceContacts, referenceMembers, referenceTeams } from './replica-queries-reference';

let folder: string;
beforeEach(async () => {
  folder = await mkdtemp(join(tmpdir(), 'gatehouse-upgrade-'));
});
afterEach(() => rm(folder, { recursive: true, force: true }));

/** The migrations folder as the previous version shipped it: the first migration alone. */
function previousMigrations(): string {
  const dir = join(folder, 'previous-migrations');
  mkdirSync(join(dir, 'meta'), { recursive: true });
  cpSync(join(DEFAULT_REPLICA_MIGRATIONS_DIR, '0000_initial_replica_schema.sql'), join(dir, '0000_initial_replica_schema.sql'));
  const journal = JSON.parse(readFileSync(join(DEFAULT_REPLICA_MIGRATIONS_DIR, 'meta', '_journal.json'), 'utf8')) as { entries: Array<{ tag: string }> };
  writeFileSync(join(dir, 'meta', '_journal.json'), JSON.stringify({ ...journal, entries: journal.entries.filter((entry) => entry.tag === '0000_initial_replica_schema') }));
  return dir;
}

describe('a replica from the previous version', () => {
  it('issue 12: upgrades in place, and its lists, counts and searches are exact at once', () => {
    const file = join(folder, 'replica.sqlite');
    const identity = { hubUrl: 'http://hub.example', personId: 'p' };
    const snapshot = variedSnapshot('w', 500, 21);
    const previous = Replica.open(file, identity, previousMigrations());
    previous.applySnapshot(7, snapshot, 1);
    previous.close();

    const replica = Replica.open(file, identity);
    expect(replica.rebuiltBecause).toBeNull();
    expect(replica.seqOf('w')).toBe(7);
    const queries = ReplicaQueries.open(file);
    try {
      const open = { workspaceId: 'w', isPresenceLive: true };
      for (const search of ['', 'ada', 'Li', 'émile', 'example.com', 'σίσ']) {
        const members = membersQueryInputSchema.parse({ search, limit: 500, sort: { by: 'last_seen', direction: 'desc' } });
        expect(queries.members(open, members)).toEqual(referenceMembers(snapshot.members, snapshot.teams, members, true));
        const contacts = contactsQueryInputSchema.parse({ search, limit: 500 });
        expect(queries.contacts(open, contacts)).toEqual(referenceContacts(snapshot.contacts, snapshot.members, contacts));
      }
      const teams = teamsQueryInputSchema.parse({});
      expect(queries.teams(open, teams)).toEqual(referenceTeams(snapshot.teams, snapshot.members, teams));
      expect(replica.integrityCheck()).toBe('ok');
    } finally {
      queries.close();
      replica.close();
    }
  });
});
