// Issue 9.5: idempotency keys (mutationId) are bound to the member and to the
// request they were first sent with; exports are reads, checked by the policy
// and audited every time, never answered from the record of applied mutations.
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { HUB_DATABASE_FILE } from './server/hub';
import type { TestClient } from './testing/test-client';
import type { TestHub } from './testing/test-hub';
import { MEMBER_PASSWORD, OWNER_PASSWORD, startTestHub } from './testing/test-hub';

const PNG_1X1 =
  'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';

let hub: TestHub;
let owner: TestClient;
beforeEach(async () => {
  hub = await startTestHub();
  owner = await hub.connect(hub.ownerEmail, OWNER_PASSWORD);
});
afterEach(() => hub.stop());

const seq = async () => (await hub.hub.store.workspaces.byId(hub.workspaceId))?.seq ?? -1;
const teamNames = async () => (await hub.hub.store.teams.inWorkspace(hub.workspaceId)).map((team) => team.name);
/** A second connection to the hub's file, to stand in for rows an older hub or another workspace wrote. */
function withDatabase(work: (sqlite: Database.Database) => void): void {
  const sqlite = new Database(join(hub.dataDir, HUB_DATABASE_FILE));
  try {
    work(sqlite);
  } finally {
    sqlite.close();
  }
}
const exportEntries = async () => (await hub.hub.store.audit.all(hub.workspaceId)).filter((entry) => entry.action === 'members.exported');

describe('issue 9.5: a key is bound to its request', () => {
  it('issue 9.5: the same key with a different request is refused with idempotency_key_reused, and nothing changes', async () => {
    await owner.mutate('team.create', { name: 'Billing' }, 'key-reuse-0001');
    const before = await seq();
    const renamed = await owner.request('team.create', { mutationId: 'key-reuse-0001', name: 'Shipping' });
    expect(renamed).toMatchObject({ ok: false, error: { code: 'idempotency_key_reused' } });
    const otherType = await owner.request('contact.create', {
      mutationId: 'key-reuse-0001',
      name: 'Jo',
      phone: null,
      email: null,
      assigneeId: null,
      teamId: null,
    });
    expect(otherType).toMatchObject({ ok: false, error: { code: 'idempotency_key_reused' } });
    expect(await seq()).toBe(before);
    expect(await teamNames()).toEqual(['Billing']);
    expect(await hub.hub.store.contacts.inWorkspace(hub.workspaceId)).toEqual([]);
  });

  it('issue 9.5: a resend of the same request gets the first reply and is applied once, whatever the order of its fields', async () => {
    const first = await owner.request('team.create', { mutationId: 'key-resend-0001', name: 'Billing' });
    const before = await seq();
    owner.sendRaw(JSON.stringify({ name: 'Billing', mutationId: 'key-resend-0001', type: 'team.create', id: 'again' }));
    const again = await owner.waitFor('reply', (message) => message.id === 'again');
    expect(again).toEqual({ ...first, id: 'again' });
    expect(await seq()).toBe(before);
    expect(await teamNames()).toEqual(['Billing']);
  });

  it('issue 9.5: a key recorded by another member of the same person (another workspace) is refused, not answered', async () => {
    await owner.mutate('team.create', { name: 'Billing' }, 'key-member-0001');
    withDatabase((sqlite) => sqlite.prepare("UPDATE applied_mutations SET member_id = 'another-member' WHERE mutation_id = 'key-member-0001'").run());
    const reply = await owner.request('team.create', { mutationId: 'key-member-0001', name: 'Billing' });
    expect(reply).toMatchObject({ ok: false, error: { code: 'idempotency_key_reused' } });
  });

  it('issue 9.5: a key stored before keys were bound (no fingerprint) is honoured as a resend in its own workspace only', async () => {
    const first = await owner.mutate('team.create', { name: 'Billing' }, 'key-legacy-0001');
    withDatabase((sqlite) => sqlite.prepare("UPDATE applied_mutations SET member_id = '', fingerprint = '' WHERE mutation_id = 'key-legacy-0001'").run());
    const before = await seq();
    await expect(owner.mutate('team.create', { name: 'Billing' }, 'key-legacy-0001')).resolves.toEqual(first);
    expect(await seq()).toBe(before);
    withDatabase((sqlite) => sqlite.prepare("UPDATE applied_mutations SET workspace_id = 'another-workspace' WHERE mutation_id = 'key-legacy-0001'").run());
    const elsewhere = await owner.request('team.create', { mutationId: 'key-legacy-0001', name: 'Billing' });
    expect(elsewhere).toMatchObject({ ok: false, error: { code: 'idempotency_key_reused' } });
  });

  it('issue 9.5: a stored reply keeps no avatar image; a resend gets the avatar the person has now', async () => {
    await hub.addMember(owner, 'agent@example.com', 'agent');
    const agent = await hub.connect('agent@example.com', MEMBER_PASSWORD);
    const first = await agent.mutate('profile.update', { displayName: 'Agent A', avatarDataUrl: PNG_1X1 }, 'key-avatar-0001');
    expect(first.member.avatarDataUrl).toBe(PNG_1X1);
    const personId = first.member.personId;
    const stored = await hub.hub.store.changes.appliedMutation(personId, 'key-avatar-0001');
    expect(JSON.stringify(stored?.reply)).not.toContain('base64');
    const again = await agent.mutate('profile.update', { displayName: 'Agent A', avatarDataUrl: PNG_1X1 }, 'key-avatar-0001');
    expect(again).toEqual(first);
  });
});

describe('issue 9.5 / R3 / U8: exports are checked and audited every time', () => {
  it('issue 9.5: replaying an export key after losing the right to export is refused by the policy, and only allowed exports are audited', async () => {
    const managerId = await hub.addMember(owner, 'manager@example.com', 'manager');
    const manager = await hub.connect('manager@example.com', MEMBER_PASSWORD);
    const first = await manager.call('members.export', { mutationId: 'key-export-0001' });
    if (!('members' in first)) throw new Error('members.export without includeRows answers with the members');
    expect(first.members.length).toBe(2);
    await manager.call('members.export', { mutationId: 'key-export-0001' });
    expect(await exportEntries()).toHaveLength(2);

    const version = (await hub.hub.store.members.byId(managerId))?.version;
    await owner.mutate('member.edit', { input: { memberId: managerId, level: 'manager', restrictions: { dataExport: true }, baseVersion: version } });
    const replay = await manager.request('members.export', { mutationId: 'key-export-0001' });
    expect(replay).toMatchObject({ ok: false, error: { code: 'restricted', rule: 'R3' } });
    expect(replay).not.toHaveProperty('result');
    expect(await exportEntries()).toHaveLength(2);
  });

  it('issue 9.5: an export is never recorded as an applied mutation', async () => {
    const personId = (await hub.hub.store.people.byEmail(hub.ownerEmail))?.id ?? '';
    await owner.call('members.export', { mutationId: 'key-export-0002' });
    await owner.call('members.export', {});
    expect(await hub.hub.store.changes.appliedMutation(personId, 'key-export-0002')).toBeUndefined();
  });
});
