// Issue 13.2 through raw sockets against a real hub: who may give a member an
// end of access (A4, E3: whoever may invite or edit them), which dates and
// heirs are refused (on their field, nothing changed), V4 (a workspace keeps
// an active Owner without an end date), edits that extend or remove the end,
// and the Owners' warning setting (L1).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MAX_ACCESS_DAYS_AHEAD, NO_RESTRICTIONS } from '../shared/policy';
import type { Member } from '../shared/domain';
import type { TestClient } from './testing/test-client';
import type { TestHub } from './testing/test-hub';
import { MEMBER_PASSWORD, OWNER_PASSWORD, startTestHub } from './testing/test-hub';

const DAY = 24 * 60 * 60 * 1000;
let clock = Date.UTC(2030, 5, 1, 12);
let hub: TestHub;
let owner: TestClient;
let ownerId: string;

beforeEach(async () => {
  clock = Date.UTC(2030, 5, 1, 12);
  hub = await startTestHub({ now: () => clock });
  owner = await hub.connect(hub.ownerEmail, OWNER_PASSWORD);
  ownerId = (await owner.waitFor('snapshot')).snapshot.selfMemberId;
});
afterEach(() => hub.stop());

const stored = (memberId: string) => hub.hub.store.members.byId(memberId);

async function edit(by: TestClient, memberId: string, changes: Record<string, unknown>) {
  const current = await stored(memberId);
  if (!current) throw new Error('no such member');
  return by.mutate('member.edit', { input: { memberId, level: current.level, baseVersion: current.version, ...changes } });
}

function invite(by: TestClient, email: string, level: 'owner' | 'manager' | 'agent', extra: Record<string, unknown> = {}) {
  return by.mutate('member.invite', { input: { email, level, restrictions: NO_RESTRICTIONS, ...extra } });
}

async function auditOf(action: string) {
  // Oldest first.
  return (await hub.hub.store.audit
    .all(hub.workspaceId))
    .filter((entry) => entry.action === action)
    .sort((a, b) => a.id - b.id);
}

describe('A4, E3: who may give an end of access', () => {
  it('A4: an Owner invites and edits any level with an end date, and the member carries it on the wire', async () => {
    const until = clock + 10 * DAY;
    const invited = await invite(owner, 'temp@example.com', 'manager', { accessUntil: until, accessHeirId: ownerId });
    expect(invited.member).toMatchObject({ accessUntil: until, accessHeirId: ownerId });
    const agent = await hub.addMember(owner, 'agent@example.com', 'agent');
    const { member } = await edit(owner, agent, { accessUntil: until + DAY, accessHeirId: null });
    expect(member).toMatchObject({ accessUntil: until + DAY, accessHeirId: null });
    // Another desktop of the workspace hears of it as a change.
    const seen = await owner.waitFor('changes', (message) => message.changes.members.upserted.some((each: Member) => each.id === agent && each.accessUntil === until + DAY));
    expect(seen).toBeDefined();
  });

  it('E3: a Manager gives Agents an end date but not Managers or Owners; an Agent gives none', async () => {
    const agent = await hub.addMember(owner, 'agent@example.com', 'agent');
    const otherManager = await hub.addMember(owner, 'manager2@example.com', 'manager');
    await hub.addMember(owner, 'manager@example.com', 'manager');
    const manager = await hub.connect('manager@example.com', MEMBER_PASSWORD);
    const until = clock + 5 * DAY;
    await expect(edit(manager, agent, { accessUntil: until })).resolves.toMatchObject({ member: { accessUntil: until } });
    await expect(edit(manager, otherManager, { accessUntil: until })).rejects.toMatchObject({ error: { code: 'cannot_manage_level', rule: 'E3' } });
    await expect(edit(manager, ownerId, { accessUntil: until })).rejects.toMatchObject({ error: { code: 'cannot_manage_level', rule: 'E3' } });
    await expect(invite(manager, 'boss@example.com', 'manager', { accessUntil: until })).rejects.toMatchObject({ error: { code: 'cannot_invite_level', rule: 'A4' } });
    await expect(invite(manager, 'helper@example.com', 'agent', { accessUntil: until })).resolves.toMatchObject({ member: { accessUntil: until } });

    const agentClient = await hub.connect('agent@example.com', MEMBER_PASSWORD);
    const other = await hub.addMember(owner, 'agent2@example.com', 'agent');
    await expect(edit(agentClient, other, { accessUntil: until })).rejects.toMatchObject({ error: { rule: 'U1' } });
    expect((await stored(otherManager))?.accessUntil).toBeNull();
    expect((await stored(other))?.accessUntil).toBeNull();
  });
});

describe('issue 13.2: dates and heirs that are refused, on their field, with nothing changed', () => {
  it('a date not in the future, or more than the most days ahead, is refused as access_end_invalid', async () => {
    const agent = await hub.addMember(owner, 'agent@example.com', 'agent');
    const before = await stored(agent);
    for (const accessUntil of [clock - 1, clock, clock + MAX_ACCESS_DAYS_AHEAD * DAY + 1]) {
      const refusal = await edit(owner, agent, { accessUntil }).catch((error: unknown) => error);
      expect(refusal).toMatchObject({ error: { code: 'access_end_invalid' } });
      expect((refusal as { error: { message: string } }).error.message).not.toMatch(/accessUntil|[A-Z]\d/);
      await expect(invite(owner, `new-${accessUntil}@example.com`, 'agent', { accessUntil })).rejects.toMatchObject({ error: { code: 'access_end_invalid' } });
    }
    await expect(edit(owner, agent, { accessUntil: clock + MAX_ACCESS_DAYS_AHEAD * DAY })).resolves.toBeDefined();
    expect(before?.accessUntil).toBeNull();
    expect(await hub.hub.store.people.byEmail(`new-${clock}@example.com`)).toBeUndefined();
  });

  it('V2: the heir must be another active member of the workspace: not the member, nobody, nor a pending invitation', async () => {
    const agent = await hub.addMember(owner, 'agent@example.com', 'agent');
    const pending = (await invite(owner, 'pending@example.com', 'agent')).member.id;
    const version = (await stored(agent))?.version;
    for (const accessHeirId of [agent, 'nobody-here', pending]) {
      await expect(edit(owner, agent, { accessUntil: clock + DAY, accessHeirId })).rejects.toMatchObject({ error: { code: 'access_heir_invalid' } });
    }
    await expect(invite(owner, 'x@example.com', 'agent', { accessUntil: clock + DAY, accessHeirId: pending })).rejects.toMatchObject({ error: { code: 'access_heir_invalid' } });
    // An heir without an end date is refused rather than dropped.
    await expect(edit(owner, agent, { accessHeirId: ownerId })).rejects.toMatchObject({ error: { code: 'access_heir_invalid' } });
    await expect(invite(owner, 'y@example.com', 'agent', { accessHeirId: ownerId })).rejects.toMatchObject({ error: { code: 'access_heir_invalid' } });
    expect(await stored(agent)).toMatchObject({ accessUntil: null, accessHeirMemberId: null, version });
  });

  it('values of the wrong type are refused as invalid before anything is decided', async () => {
    const agent = await hub.addMember(owner, 'agent@example.com', 'agent');
    for (const changes of [{ accessUntil: 'next week' }, { accessUntil: 1.5 }, { accessUntil: -5 }, { accessHeirId: 42 }, { accessHeirId: 'has spaces' }]) {
      await expect(edit(owner, agent, changes)).rejects.toMatchObject({ error: { code: 'invalid_message' } });
    }
    await expect(owner.mutate('workspace.set_access_warning', { days: 31 })).rejects.toMatchObject({ error: { code: 'invalid_message' } });
    await expect(owner.mutate('workspace.set_access_warning', { days: '3' })).rejects.toMatchObject({ error: { code: 'invalid_message' } });
    expect((await stored(agent))?.accessUntil).toBeNull();
  });
});

describe('V4: a workspace keeps an active Owner whose access does not end', () => {
  it('V4: the only Owner without an end date cannot be given one, nor demoted or revoked, while the other Owner’s access ends', async () => {
    const second = await hub.addMember(owner, 'owner2@example.com', 'owner');
    const secondClient = await hub.connect('owner2@example.com', MEMBER_PASSWORD);
    await edit(owner, second, { accessUntil: clock + 30 * DAY });
    await expect(edit(secondClient, ownerId, { accessUntil: clock + 60 * DAY })).rejects.toMatchObject({ error: { code: 'last_owner', rule: 'V4' } });
    await expect(edit(secondClient, ownerId, { level: 'manager' })).rejects.toMatchObject({ error: { code: 'last_owner', rule: 'V4' } });
    await expect(secondClient.mutate('member.revoke', { input: { memberId: ownerId, reassignContactsTo: null } })).rejects.toMatchObject({
      error: { code: 'last_owner', rule: 'V4' },
    });
    expect(await stored(ownerId)).toMatchObject({ level: 'owner', accessUntil: null });

    // Once the second Owner's access no longer ends, either may be given an end date.
    await edit(owner, second, { accessUntil: null });
    await expect(edit(secondClient, ownerId, { accessUntil: clock + 60 * DAY })).resolves.toMatchObject({ member: { accessUntil: clock + 60 * DAY } });
  });
});

describe('issue 13.2: extending is an edit, recorded in the audit log', () => {
  it('left out, the end stays; a new date extends it; null removes it (and its heir); each edit says before and after', async () => {
    const agent = await hub.addMember(owner, 'agent@example.com', 'agent');
    const heir = await hub.addMember(owner, 'heir@example.com', 'agent', {}, 'Hal Heir');
    await edit(owner, agent, { accessUntil: clock + 3 * DAY, accessHeirId: heir });
    await edit(owner, agent, { restrictions: { maskContactDetails: true } });
    expect(await stored(agent)).toMatchObject({ accessUntil: clock + 3 * DAY, accessHeirMemberId: heir });
    await edit(owner, agent, { accessUntil: clock + 9 * DAY });
    expect(await stored(agent)).toMatchObject({ accessUntil: clock + 9 * DAY, accessHeirMemberId: heir });
    await edit(owner, agent, { accessUntil: null });
    expect(await stored(agent)).toMatchObject({ accessUntil: null, accessHeirMemberId: null });

    const edits = (await auditOf('member.edited')).map((entry) => [entry.before?.['accessUntil'], entry.after?.['accessUntil'], entry.after?.['accessHeir']]);
    expect(edits).toEqual([
      [null, clock + 3 * DAY, 'Hal Heir'],
      [clock + 3 * DAY, clock + 3 * DAY, 'Hal Heir'],
      [clock + 3 * DAY, clock + 9 * DAY, 'Hal Heir'],
      [clock + 9 * DAY, null, null],
    ]);
  });
});

describe('L1: the warning days are the Owners’', () => {
  it('L1: an Owner sets 0-30 days, audited and sent to the desktops; a Manager may not', async () => {
    await hub.addMember(owner, 'manager@example.com', 'manager');
    const manager = await hub.connect('manager@example.com', MEMBER_PASSWORD);
    expect((await manager.waitFor('snapshot')).snapshot.workspace.accessEndWarningDays).toBe(3);
    await expect(manager.mutate('workspace.set_access_warning', { days: 7 })).rejects.toMatchObject({ error: { code: 'owners_only', rule: 'L1' } });

    const result = await owner.mutate('workspace.set_access_warning', { days: 7 });
    expect(result.workspace.accessEndWarningDays).toBe(7);
    expect((await hub.hub.store.workspaces.byId(hub.workspaceId))?.accessEndWarningDays).toBe(7);
    await manager.waitFor('changes', (message) => message.changes.workspace?.accessEndWarningDays === 7);
    await owner.mutate('workspace.set_access_warning', { days: 0 });
    expect((await auditOf('workspace.access_warning_changed')).map((entry) => [entry.before, entry.after, entry.actorMemberId])).toEqual([
      [{ days: 3 }, { days: 7 }, ownerId],
      [{ days: 7 }, { days: 0 }, ownerId],
    ]);
    // A desktop that subscribes afterwards gets it in its snapshot.
    const late = await hub.connect('manager@example.com', MEMBER_PASSWORD);
    expect((await late.waitFor('snapshot')).snapshot.workspace.accessEndWarningDays).toBe(0);
  });
});
