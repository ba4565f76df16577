// Issue 9, item 9 (V2): after a revoke, nothing of that workspace can be read
// from the replica's files, not even with `strings`; the person's other
// workspaces on the same hub (same file) keep their offline copy.
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Replica } from './replica';
import { workspaceSnapshot } from './replica-fixtures';

const REVOKED = 'revoked-customer.example';
const KEPT = 'kept-customer.example';

let folder: string;
beforeEach(async () => {
  folder = await mkdtemp(join(tmpdir(), 'gatehouse-replica-wipe-'));
});
afterEach(() => rm(folder, { recursive: true, force: true }));

/** Every byte SQLite keeps for the replica: the main file, its WAL and its shared-memory index. */
function rawBytes(file: string): string {
  return ['', '-wal', '-shm'].map((suffix) => readFileSync(`${file}${suffix}`, { flag: 'a+' }).toString('latin1')).join('\n');
}

describe('wiping a revoked workspace from the replica', () => {
  it('issue 9.9: leaves no email, name or phone of the revoked workspace in the .sqlite, -wal or -shm bytes, and keeps the other workspace', () => {
    const file = join(folder, 'replicas', 'person.sqlite');
    const replica = Replica.open(file, { hubUrl: 'http://hub.example', personId: 'p' });
    // Interleaved the way a sync runs: two snapshots, then changes to the revoked one
    // (an email changed, contacts deleted: their old bytes must not survive either).
    replica.applySnapshot(10, workspaceSnapshot('wa', REVOKED, 400), 1);
    replica.applySnapshot(20, workspaceSnapshot('wb', KEPT, 400, '+1 415 555'), 2);
    const changed = workspaceSnapshot('wa', REVOKED, 400).contacts.slice(0, 50).map((contact) => ({ ...contact, email: `changed-${contact.email}` }));
    const deleted = Array.from({ length: 50 }, (_, index) => `wa-c${100 + index}`);
    const empty = { upserted: [], deleted: [] };
    expect(replica.applyChanges('wa', 10, 11, { members: empty, teams: empty, contacts: { upserted: changed, deleted } }, 3)).toBe(true);
    expect(rawBytes(file)).toContain(REVOKED);

    replica.wipeWorkspace('wa');

    // As the revoked person's machine holds it right after the revoke (the replica stays open for the other workspace)...
    expect(rawBytes(file)).not.toContain(REVOKED);
    expect(rawBytes(file)).not.toContain('+44 20 7946');
    expect(rawBytes(file)).toContain(KEPT);
    expect(replica.view('wa')).toBeNull();
    expect(replica.view('wb')?.snapshot.contacts).toHaveLength(400);
    replica.close();
    // ...and once it is closed.
    expect(rawBytes(file)).not.toContain(REVOKED);
    const reopened = Replica.open(file, { hubUrl: 'http://hub.example', personId: 'p' });
    expect(reopened.view('wb')?.snapshot.contacts[0]?.email).toBe(`contact0@${KEPT}`);
    reopened.close();
  });
});
