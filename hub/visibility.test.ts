// U1, R1-R7 and L on the hub: each desktop receives only what its member may
// see, masked values never leave the hub, and denied actions change nothing.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { NO_RESTRICTIONS } from '../shared/policy';
import type { Restrictions } from '../shared/policy';
import type { TestClient } from './testing/test-client';
import type { TestHub } from './testing/test-hub';
import { MEMBER_PASSWORD, OWNER_PASSWORD, startTestHub } from './testing/test-hub';

let hub: TestHub;
let owner: TestClient;
let teamA: string;
let teamB: string;

beforeEach(async () => {
  hub = await startTestHub({ plan: 'advanced' });
  owner = await hub.connect(hub.ownerEmail, OWNER_PASSWORD);
  teamA = (await owner.mutate('team.create', { name: 'Team A' })).team.id;
  teamB = (await owner.mutate('team.create', { name: 'Team B' })).team.id;
});
afterEach(() => hub.stop());

async function agentIn(email: string, team: string | null, restrictions: Partial<Restrictions> = {}): Promise<{ id: string; client: () => Promise<TestClient> }> {
  const id = await hub.addMember(owner, email, 'agent', restrictions);
  if (team) await owner.mutate('member.set_team', { memberId: id, teamId: team });
  return { id, client: () => hub.connect(email, MEMBER_PASSWORD) };
}

async function contact(name: string, assigneeId: string | null, extra: { phone?: string; email?: string; teamId?: string } = {}): Promise<string> {
  const created = await owner.mutate('contact.create', {
    name,
    phone: extra.phone ?? null,
    email: extra.email ?? null,
    assigneeId,
    teamId: extra.teamId ?? null,
  });
  return created.contact.id;
}

async function snapshotOf(client: TestClient) {
  return (await client.waitFor('snapshot')).snapshot;
}

describe('U1: the member list goes only to those who may open the Users page', () => {
  it('U1/L3: an Agent receives no member list and no presence, only themselves', async () => {
    await hub.addMember(owner, 'other@example.com', 'manager');
    const agent = await (await agentIn('agent@example.com', null)).client();
    const snapshot = await snapshotOf(agent);
    expect(snapshot.members.map((member) => member.email)).toEqual(['agent@example.com']);
    await owner.mutate('member.invite', { input: { email: 'later@example.com', level: 'agent', restrictions: { ...NO_RESTRICTIONS } } });
    await agent.call('activity');
    expect(agent.rawFrames.join('\n')).not.toContain('later@example.com');
    expect(agent.rawFrames.join('\n')).not.toContain('other@example.com');
    expect(agent.received.some((message) => message.type === 'presence')).toBe(false);
  });

  it('U1/R1: a Manager with the Workspace Settings restriction gets no member list and cannot invite', async () => {
    await hub.addMember(owner, 'r1@example.com', 'manager', { workspaceSettings: true });
    const manager = await hub.connect('r1@example.com', MEMBER_PASSWORD);
    expect((await snapshotOf(manager)).members).toHaveLength(1);
    await expect(manager.mutate('member.invite', { input: { email: 'x@example.com', level: 'agent', restrictions: { ...NO_RESTRICTIONS } } })).rejects.toMatchObject({
      error: { code: 'restricted', rule: 'R1' },
    });
    await expect(manager.mutate('team.create', { name: 'Nope' })).rejects.toMatchObject({ error: { rule: 'R1' } });
  });

  it('U1: an unrestricted Manager sees every member with presence', async () => {
    await hub.addMember(owner, 'm@example.com', 'manager');
    const manager = await hub.connect('m@example.com', MEMBER_PASSWORD);
    expect((await snapshotOf(manager)).members.map((member) => member.email).sort()).toEqual(['m@example.com', hub.ownerEmail].sort());
    expect(await manager.waitFor('presence')).toBeDefined();
  });
});

describe('R5: contact visibility', () => {
  it('R5: an agent restricted to their team and themselves sees exactly those contacts, counts included', async () => {
    const teammate = await agentIn('mate@example.com', teamA);
    const stranger = await agentIn('stranger@example.com', teamB);
    const agent = await agentIn('agent@example.com', teamA, { contactVisibility: 'team_and_self' });
    const mine = await contact('Mine', agent.id);
    const mates = await contact('Mates', teammate.id);
    const teams = await contact('Team A queue', null, { teamId: teamA });
    await contact('Stranger', stranger.id);
    await contact('Unassigned', null);
    const snapshot = await snapshotOf(await agent.client());
    expect(snapshot.contacts.map((each) => each.id).sort()).toEqual([mine, mates, teams].sort());
  });

  it('R5: an agent restricted to themselves sees only their own, and contacts arrive and leave live', async () => {
    const agent = await agentIn('agent@example.com', teamA, { contactVisibility: 'self_only' });
    const client = await agent.client();
    const other = await contact('Other', null);
    const gained = await contact('Gained', agent.id);
    await client.waitFor('changes', (message) => message.changes.contacts.upserted.some((each) => each.id === gained));
    expect(client.rawFrames.join('\n')).not.toContain('"Other"');
    await owner.mutate('contact.assign', { contactId: gained, assigneeId: null, teamId: null });
    await client.waitFor('changes', (message) => message.changes.contacts.deleted.includes(gained));
    expect(other).toBeDefined();
  });

  it('R5: an agent cannot act on a contact they cannot see', async () => {
    const agent = await agentIn('agent@example.com', null, { contactVisibility: 'self_only' });
    const hidden = await contact('Hidden', null);
    const client = await agent.client();
    await expect(client.mutate('contact.set_detail', { contactId: hidden, field: 'phone', value: '+44 20 7946 0000' })).rejects.toMatchObject({
      error: { code: 'contact_not_visible', rule: 'R5' },
    });
    expect((await hub.hub.store.contacts.byId(hidden))?.phone).toBeNull();
  });

  it('R5: widening an agent’s visibility sends them a fresh snapshot with the newly visible contacts', async () => {
    const agent = await agentIn('agent@example.com', null, { contactVisibility: 'self_only' });
    const client = await agent.client();
    const unassigned = await contact('Unassigned', null);
    const version = (await hub.hub.store.members.byId(agent.id))?.version ?? 0;
    await owner.mutate('member.edit', { input: { memberId: agent.id, level: 'agent', restrictions: { ...NO_RESTRICTIONS }, baseVersion: version } });
    const fresh = await client.waitFor('snapshot', (message) => message.snapshot.contacts.some((each) => each.id === unassigned));
    expect(fresh.snapshot.contacts).toHaveLength(1);
  });
});

describe('R7: masked phone numbers and email addresses never leave the hub', () => {
  it('R7: a masked agent receives masked values only, in snapshots and in changes', async () => {
    const agent = await agentIn('agent@example.com', null, { maskContactDetails: true });
    await contact('Before', agent.id, { phone: '+44 20 7946 0958', email: 'before.person@example.org' });
    const client = await agent.client();
    const snapshot = await snapshotOf(client);
    expect(snapshot.contacts[0]).toMatchObject({ phone: '••••••••••58', email: 'b•••@•••.org', isMasked: true });
    await contact('After', agent.id, { phone: '+1 415 555 0199', email: 'after.person@example.net' });
    await client.waitFor('changes', (message) => message.changes.contacts.upserted.length > 0);
    const everything = client.rawFrames.join('\n');
    for (const secret of ['7946', 'before.person', '555 0199', '5550199', 'after.person', 'example.org', 'example.net']) {
      expect(everything).not.toContain(secret);
    }
  });

  it('R7: a masked agent may add a missing phone number but not change it once set', async () => {
    const agent = await agentIn('agent@example.com', null, { maskContactDetails: true });
    const id = await contact('Bare', agent.id);
    const client = await agent.client();
    const added = await client.mutate('contact.set_detail', { contactId: id, field: 'phone', value: '+44 20 7946 0111' });
    expect(added.contact.phone).toBe('••••••••••11');
    await expect(client.mutate('contact.set_detail', { contactId: id, field: 'phone', value: '+44 20 7946 0222' })).rejects.toMatchObject({
      error: { code: 'contact_detail_locked', rule: 'R7' },
    });
    expect((await hub.hub.store.contacts.byId(id))?.phone).toBe('+44 20 7946 0111');
  });

  it('R7: an unmasked agent may change a phone number', async () => {
    const agent = await agentIn('agent@example.com', null);
    const id = await contact('Set', agent.id, { phone: '+44 20 7946 0333' });
    const client = await agent.client();
    await expect(client.mutate('contact.set_detail', { contactId: id, field: 'phone', value: '+44 20 7946 0444' })).resolves.toMatchObject({
      contact: { phone: '+44 20 7946 0444', isMasked: false },
    });
  });

  it('A5: an invalid phone number is refused with a reason', async () => {
    const id = await contact('Bad', null);
    await expect(owner.mutate('contact.set_detail', { contactId: id, field: 'phone', value: 'call me maybe' })).rejects.toMatchObject({
      error: { code: 'invalid_message' },
    });
  });
});

describe('R2, R3 and L3 on the hub', () => {
  it('R2: a Manager with the Contact Deletion restriction cannot delete, and the contact stays', async () => {
    await hub.addMember(owner, 'r2@example.com', 'manager', { contactDeletion: true });
    const manager = await hub.connect('r2@example.com', MEMBER_PASSWORD);
    const id = await contact('Keep', null);
    await expect(manager.mutate('contact.delete', { contactId: id })).rejects.toMatchObject({ error: { code: 'restricted', rule: 'R2' } });
    expect(await hub.hub.store.contacts.byId(id)).toBeDefined();
    await owner.mutate('contact.delete', { contactId: id });
    expect(await hub.hub.store.contacts.byId(id)).toBeUndefined();
  });

  it('R3/U8: a Manager with the Data Export restriction cannot export members, and no export is recorded', async () => {
    await hub.addMember(owner, 'r3@example.com', 'manager', { dataExport: true });
    const manager = await hub.connect('r3@example.com', MEMBER_PASSWORD);
    await expect(manager.mutate('members.export')).rejects.toMatchObject({ error: { code: 'restricted', rule: 'R3' } });
    expect((await hub.hub.store.audit.all(hub.workspaceId)).some((entry) => entry.action === 'members.exported')).toBe(false);
  });

  it('L3: an Agent cannot create, assign or delete contacts', async () => {
    const agent = await (await agentIn('agent@example.com', null)).client();
    await expect(agent.mutate('contact.create', { name: 'X', phone: null, email: null, assigneeId: null, teamId: null })).rejects.toMatchObject({
      error: { rule: 'L3' },
    });
  });
});
