// O2 (profile shows everywhere), D2 preferences kept on the hub, and X1: every
// access change in the audit log, for Owners only.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { NO_RESTRICTIONS } from '../shared/policy';
import { bootstrapWorkspace } from './bootstrap';
import type { TestClient } from './testing/test-client';
import type { TestHub } from './testing/test-hub';
import { MEMBER_PASSWORD, OWNER_PASSWORD, startTestHub } from './testing/test-hub';

let hub: TestHub;
let owner: TestClient;

beforeEach(async () => {
  hub = await startTestHub();
  owner = await hub.connect(hub.ownerEmail, OWNER_PASSWORD);
});
afterEach(() => hub.stop());

const AVATAR = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';

describe('O2: a profile change shows in every workspace of the person', () => {
  it('O2: renaming yourself reaches the admins of both your workspaces', async () => {
    const memberId = await hub.addMember(owner, 'two@example.com', 'manager');
    const second = await bootstrapWorkspace(hub.hub.store, {
      organizationName: 'Acme',
      workspaceName: 'Sales',
      plan: 'growth',
      ownerEmail: 'sales-owner@example.com',
      ownerName: 'Sal Owner',
      ownerPassword: OWNER_PASSWORD,
    });
    const salesOwner = await hub.connect('sales-owner@example.com', OWNER_PASSWORD, { workspaceId: second.workspaceId });
    await hub.addMember(salesOwner, 'two@example.com', 'agent');
    const person = await hub.connect('two@example.com', MEMBER_PASSWORD);
    await person.mutate('profile.update', { displayName: 'Tess Two', avatarDataUrl: AVATAR });
    for (const admin of [owner, salesOwner]) {
      const seen = await admin.waitFor('changes', (message) => message.changes.members.upserted.some((member) => member.displayName === 'Tess Two'));
      expect(seen.changes.members.upserted[0]?.avatarDataUrl).toBe(AVATAR);
    }
    expect(memberId).toBeDefined();
  });

  it('O2: an avatar that is not a small image is refused', async () => {
    const reply = await owner.request('profile.update', { mutationId: 'avatar-bad-1', displayName: 'Olive', avatarDataUrl: 'javascript:alert(1)' });
    expect(reply).toMatchObject({ ok: false, error: { code: 'invalid_message' } });
  });
});

describe('D2: notification preferences live on the hub', () => {
  it('D2: preferences saved on one desktop come back on the next', async () => {
    const memberId = await hub.addMember(owner, 'watched@example.com', 'agent');
    const preferences = { scope: 'selected', memberIds: [memberId], notifyOnline: true, notifyOffline: true } as const;
    await owner.mutate('preferences.update', { preferences });
    const other = await hub.connect(hub.ownerEmail, OWNER_PASSWORD);
    expect((await other.waitFor('snapshot')).snapshot.preferences).toEqual(preferences);
  });

  it('D2: watching someone outside the workspace is refused', async () => {
    await expect(
      owner.mutate('preferences.update', { preferences: { scope: 'selected', memberIds: ['stranger'], notifyOnline: true, notifyOffline: false } }),
    ).rejects.toMatchObject({ error: { code: 'not_found' } });
  });
});

describe('X1: the audit log', () => {
  it('X1: invite, accept, edit, resend, cancel, revoke and export are each recorded with who, whom, before and after', async () => {
    const agentId = await hub.addMember(owner, 'audited@example.com', 'agent');
    const version = (await hub.hub.store.members.byId(agentId))?.version ?? 0;
    await owner.mutate('member.edit', { input: { memberId: agentId, level: 'manager', restrictions: { ...NO_RESTRICTIONS, dataExport: true }, baseVersion: version } });
    const pending = await owner.mutate('member.invite', { input: { email: 'pending@example.com', level: 'agent' } });
    await owner.mutate('invitation.resend', { memberId: pending.member.id });
    await owner.mutate('invitation.cancel', { memberId: pending.member.id });
    await owner.mutate('member.revoke', { input: { memberId: agentId, reassignContactsTo: null } });
    await owner.mutate('members.export');

    const { entries } = await owner.call('audit.list', {});
    expect(entries.map((entry) => entry.action)).toEqual([
      'members.exported',
      'member.revoked',
      'invitation.cancelled',
      'invitation.resent',
      'member.invited',
      'member.edited',
      'member.accepted',
      'member.invited',
      'member.accepted',
    ]);
    const edited = entries.find((entry) => entry.action === 'member.edited');
    expect(edited).toMatchObject({
      actorName: 'Olive Owner',
      targetName: 'audited',
      before: { level: 'agent', restrictions: { dataExport: false } },
      after: { level: 'manager', restrictions: { dataExport: true } },
    });
    expect(edited?.at).toBeGreaterThan(Date.now() - 10_000);
  });

  it('X1: the log filters by action and by member, and pages', async () => {
    const first = await hub.addMember(owner, 'a@example.com', 'agent');
    await hub.addMember(owner, 'b@example.com', 'agent');
    const invited = await owner.call('audit.list', { action: 'member.invited' });
    expect(invited.entries).toHaveLength(2);
    const aboutFirst = await owner.call('audit.list', { memberId: first });
    expect(aboutFirst.entries.every((entry) => entry.targetMemberId === first || entry.actorMemberId === first)).toBe(true);
    const page = await owner.call('audit.list', { limit: 2 });
    expect(page.entries).toHaveLength(2);
    const next = await owner.call('audit.list', { limit: 2, before: page.nextBefore });
    expect(next.entries[0]?.id).toBeLessThan(page.entries[1]?.id ?? 0);
  });

  it('X1: only Owners view or export the log', async () => {
    await hub.addMember(owner, 'm@example.com', 'manager');
    const manager = await hub.connect('m@example.com', MEMBER_PASSWORD);
    await expect(manager.call('audit.list', {})).rejects.toMatchObject({ error: { code: 'owners_only', rule: 'X1' } });
    await expect(manager.call('audit.export', {})).rejects.toMatchObject({ error: { rule: 'X1' } });
    await expect(owner.call('audit.export', {})).resolves.toMatchObject({ entries: expect.any(Array) });
  });
});
