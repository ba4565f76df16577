// Edit (E1-E3), revoke (V1-V4), self-protection (U7) and who may invite whom
// (A4), enforced by the hub whatever the client sends.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { NO_RESTRICTIONS } from '../shared/policy';
import { CLOSE_CODES } from '../shared/protocol';
import type { TestClient } from './testing/test-client';
import type { TestHub } from './testing/test-hub';
import { MEMBER_PASSWORD, OWNER_PASSWORD, startTestHub } from './testing/test-hub';

let hub: TestHub;
let owner: TestClient;
let ownerMemberId: string;

beforeEach(async () => {
  hub = await startTestHub();
  owner = await hub.connect(hub.ownerEmail, OWNER_PASSWORD);
  ownerMemberId = (await owner.waitFor('snapshot')).snapshot.selfMemberId;
});
afterEach(() => hub.stop());

const noRestrictions = { ...NO_RESTRICTIONS };

async function member(id: string) {
  const row = await hub.hub.store.members.byId(id);
  if (!row) throw new Error(`member ${id} is gone`);
  return row;
}

async function edit(by: TestClient, memberId: string, level: string, restrictions = noRestrictions) {
  return by.mutate('member.edit', { input: { memberId, level, restrictions, baseVersion: (await member(memberId)).version } });
}

describe('A4: who may invite whom, enforced by the hub', () => {
  it('A4: a Manager invites Agents but not Managers or Owners', async () => {
    await hub.addMember(owner, 'manager@example.com', 'manager');
    const manager = await hub.connect('manager@example.com', MEMBER_PASSWORD);
    const invite = (level: string) => manager.mutate('member.invite', { input: { email: `${level}-x@example.com`, level, restrictions: noRestrictions } });
    await expect(invite('agent')).resolves.toMatchObject({ member: { level: 'agent' } });
    await expect(invite('manager')).rejects.toMatchObject({ error: { code: 'cannot_invite_level', rule: 'A4', message: 'Managers can invite Agents only, not Managers.' } });
    await expect(invite('owner')).rejects.toMatchObject({ error: { code: 'cannot_invite_level' } });
    expect(await hub.hub.store.people.byEmail('owner-x@example.com')).toBeUndefined();
  });

  it('A4/U1: an Agent invites nobody', async () => {
    await hub.addMember(owner, 'agent@example.com', 'agent');
    const agent = await hub.connect('agent@example.com', MEMBER_PASSWORD);
    await expect(agent.mutate('member.invite', { input: { email: 'a2@example.com', level: 'agent', restrictions: noRestrictions } })).rejects.toMatchObject({
      error: { rule: 'U1' },
    });
  });
});

describe('E1-E3: edit', () => {
  it('E1: an Owner changes a member’s level and restrictions, and the version moves on', async () => {
    const id = await hub.addMember(owner, 'm@example.com', 'manager');
    const before = (await member(id)).version;
    const result = await edit(owner, id, 'agent', { ...noRestrictions, workflowsButton: true });
    expect(result.member).toMatchObject({ level: 'agent', restrictions: { workflowsButton: true } });
    expect(result.member.version).toBe(before + 1);
  });

  it('E2: an edit cannot carry an email', async () => {
    const id = await hub.addMember(owner, 'keep@example.com', 'agent');
    const reply = await owner.request('member.edit', {
      mutationId: 'edit-email-1',
      input: { memberId: id, level: 'agent', restrictions: noRestrictions, baseVersion: (await member(id)).version, email: 'new@example.com' },
    });
    expect(reply).toMatchObject({ ok: false, error: { code: 'invalid_message' } });
    expect((await member(id)).email).toBe('keep@example.com');
  });

  it('E3: a Manager edits Agents only and never raises them', async () => {
    const agentId = await hub.addMember(owner, 'a@example.com', 'agent');
    const otherManagerId = await hub.addMember(owner, 'm2@example.com', 'manager');
    await hub.addMember(owner, 'm1@example.com', 'manager');
    const manager = await hub.connect('m1@example.com', MEMBER_PASSWORD);
    await expect(edit(manager, agentId, 'agent', { ...noRestrictions, contactVisibility: 'self_only' })).resolves.toBeDefined();
    await expect(edit(manager, agentId, 'manager')).rejects.toMatchObject({ error: { code: 'cannot_manage_level', rule: 'E3' } });
    await expect(edit(manager, otherManagerId, 'agent')).rejects.toMatchObject({ error: { code: 'cannot_manage_level', rule: 'E3' } });
    await expect(edit(manager, ownerMemberId, 'agent')).rejects.toMatchObject({ error: { rule: 'E3' } });
    expect((await member(ownerMemberId)).level).toBe('owner');
  });

  it('E: an edit made from an old version is refused as a conflict, with the current member', async () => {
    const id = await hub.addMember(owner, 'c@example.com', 'agent');
    const stale = (await member(id)).version;
    await edit(owner, id, 'manager');
    const reply = await owner.request('member.edit', {
      mutationId: 'stale-edit-1',
      input: { memberId: id, level: 'agent', restrictions: noRestrictions, baseVersion: stale },
    });
    expect(reply).toMatchObject({ ok: false, error: { code: 'conflict', current: { level: 'manager' } } });
    expect((await member(id)).level).toBe('manager');
  });

describe('issue 9.11: an edit never lifts restrictions by omission', () => {
  const editWithout = async (memberId: string, level: string, restrictions?: Record<string, unknown>) =>
    owner.mutate('member.edit', {
      input: { memberId, level, baseVersion: (await member(memberId)).version, ...(restrictions ? { restrictions } : {}) },
    });

  it('issue 9.11: an edit without restrictions keeps every restriction the member has', async () => {
    const id = await hub.addMember(owner, 'masked@example.com', 'agent', { maskContactDetails: true, contactVisibility: 'self_only' });
    const result = await editWithout(id, 'agent');
    expect(result.member.restrictions).toMatchObject({ maskContactDetails: true, contactVisibility: 'self_only' });
    expect((await member(id)).restrictions).toMatchObject({ maskContactDetails: true, contactVisibility: 'self_only' });
  });

  it('issue 9.11: a partial restrictions object changes only the switches it names', async () => {
    const id = await hub.addMember(owner, 'partial@example.com', 'agent', { maskContactDetails: true, contactVisibility: 'self_only' });
    await editWithout(id, 'agent', { workflowsButton: true });
    expect((await member(id)).restrictions).toEqual({ ...noRestrictions, maskContactDetails: true, contactVisibility: 'self_only', workflowsButton: true });
    await editWithout(id, 'agent', { maskContactDetails: false });
    expect((await member(id)).restrictions).toEqual({ ...noRestrictions, contactVisibility: 'self_only', workflowsButton: true });
  });

  it('issue 9.11: restrictions of the former level are dropped when the level changes', async () => {
    const id = await hub.addMember(owner, 'promoted@example.com', 'agent', { maskContactDetails: true });
    const result = await editWithout(id, 'manager', { dataExport: true });
    expect(result.member.restrictions).toEqual({ ...noRestrictions, dataExport: true });
    expect((await member(id)).restrictions).toEqual({ ...noRestrictions, dataExport: true });
  });

  it('issue 9.11 / A5: a named switch that does not apply to the new level is still refused', async () => {
    const id = await hub.addMember(owner, 'wrong@example.com', 'agent');
    await expect(editWithout(id, 'agent', { dataExport: true })).rejects.toMatchObject({ error: { code: 'restriction_not_applicable' } });
    expect((await member(id)).restrictions).toEqual(noRestrictions);
  });
});
});

describe('U7: nobody edits or revokes themselves', () => {
  it('U7: an Owner cannot edit their own access', async () => {
    await expect(edit(owner, ownerMemberId, 'manager')).rejects.toMatchObject({ error: { code: 'self_protected', rule: 'U7' } });
  });

  it('U7: an Owner cannot revoke their own access', async () => {
    await expect(owner.mutate('member.revoke', { input: { memberId: ownerMemberId, reassignContactsTo: null } })).rejects.toMatchObject({
      error: { code: 'self_protected' },
    });
    expect((await member(ownerMemberId)).status).toBe('active');
  });
});

describe('V1-V4: revoke', () => {
  async function contactFor(assigneeId: string, name: string): Promise<string> {
    return (await owner.mutate('contact.create', { name, phone: null, email: null, assigneeId, teamId: null })).contact.id;
  }

  it('V2: by default the revoked member’s contacts become unassigned', async () => {
    const id = await hub.addMember(owner, 'leaver@example.com', 'agent');
    const contacts = [await contactFor(id, 'Ann'), await contactFor(id, 'Ben')];
    const result = await owner.mutate('member.revoke', { input: { memberId: id, reassignContactsTo: null } });
    expect(result.contactsAffected).toBe(2);
    for (const contactId of contacts) expect((await hub.hub.store.contacts.byId(contactId))?.assigneeId).toBeNull();
  });

  it('V2: contacts can all go to one chosen member', async () => {
    const leaver = await hub.addMember(owner, 'leaver@example.com', 'agent');
    const heir = await hub.addMember(owner, 'heir@example.com', 'agent');
    const contactId = await contactFor(leaver, 'Cid');
    await owner.mutate('member.revoke', { input: { memberId: leaver, reassignContactsTo: heir } });
    expect((await hub.hub.store.contacts.byId(contactId))?.assigneeId).toBe(heir);
  });

  it('V2: moving contacts to someone who is not an active member is refused, and nothing changes', async () => {
    const leaver = await hub.addMember(owner, 'leaver@example.com', 'agent');
    const pending = (await owner.mutate('member.invite', { input: { email: 'p@example.com', level: 'agent', restrictions: noRestrictions } })).member.id;
    const contactId = await contactFor(leaver, 'Dee');
    for (const heir of [pending, leaver, 'nobody-at-all']) {
      await expect(owner.mutate('member.revoke', { input: { memberId: leaver, reassignContactsTo: heir } })).rejects.toMatchObject({
        error: { code: 'invalid_reassignment' },
      });
    }
    expect((await member(leaver)).status).toBe('active');
    expect((await hub.hub.store.contacts.byId(contactId))?.assigneeId).toBe(leaver);
  });

  it('V1: the revoked member leaves the workspace but stays in the organization', async () => {
    const id = await hub.addMember(owner, 'stays@example.com', 'manager');
    const personId = (await member(id)).personId;
    await owner.mutate('member.revoke', { input: { memberId: id, reassignContactsTo: null } });
    expect(await hub.hub.store.members.byId(id)).toBeUndefined();
    const workspace = await hub.hub.store.workspaces.byId(hub.workspaceId);
    expect(await hub.hub.store.people.isInOrganization(workspace?.organizationId ?? '', personId)).toBe(true);
  });

  it('V1: a revoked member connected at the time is told and disconnected', async () => {
    const id = await hub.addMember(owner, 'online@example.com', 'agent');
    const agent = await hub.connect('online@example.com', MEMBER_PASSWORD);
    const closed = agent.closed();
    await owner.mutate('member.revoke', { input: { memberId: id, reassignContactsTo: null } });
    expect(await agent.waitFor('revoked')).toMatchObject({ message: 'Your access to this workspace was revoked.' });
    expect(await closed).toBe(CLOSE_CODES.revoked);
    await expect(hub.connect('online@example.com', MEMBER_PASSWORD)).rejects.toThrow(/refused with 403/);
  });

  it('V4: with two Owners one may demote the other, and the one left can neither demote nor revoke themselves', async () => {
    const second = await hub.addMember(owner, 'owner2@example.com', 'owner');
    await edit(owner, second, 'manager');
    // The workspace now has one active Owner: the only person who could remove them is themselves (U7),
    // and no Manager reaches an Owner (E3), so it always keeps an Owner.
    const demoted = await hub.connect('owner2@example.com', MEMBER_PASSWORD);
    await expect(edit(demoted, ownerMemberId, 'manager')).rejects.toMatchObject({ error: { rule: 'E3' } });
    await expect(demoted.mutate('member.revoke', { input: { memberId: ownerMemberId, reassignContactsTo: null } })).rejects.toMatchObject({
      error: { rule: 'A4' },
    });
    expect(await hub.hub.store.members.activeOwnerCount(hub.workspaceId)).toBe(1);
  });

  it('V: a Manager revokes Agents only', async () => {
    const agentId = await hub.addMember(owner, 'a@example.com', 'agent');
    const managerId = await hub.addMember(owner, 'm2@example.com', 'manager');
    await hub.addMember(owner, 'm1@example.com', 'manager');
    const manager = await hub.connect('m1@example.com', MEMBER_PASSWORD);
    await expect(manager.mutate('member.revoke', { input: { memberId: managerId, reassignContactsTo: null } })).rejects.toMatchObject({
      error: { code: 'cannot_manage_level', rule: 'A4' },
    });
    await expect(manager.mutate('member.revoke', { input: { memberId: agentId, reassignContactsTo: null } })).resolves.toEqual({ contactsAffected: 0 });
  });
});
