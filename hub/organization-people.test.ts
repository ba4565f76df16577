// Issue 11.7 / O1 / V1: an Owner sees the organization's people and the
// workspaces each is in, through a raw socket. Someone revoked from this
// workspace is still in the organization; someone only invited is shown by
// the invited address, never by the name of an account they have elsewhere;
// other organizations' people are not there; only Owners may ask.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { NO_RESTRICTIONS } from '../shared/policy';
import { newId } from './auth/tokens';
import { bootstrapWorkspace } from './bootstrap';
import { addOtherOrganization, OTHER_OWNER } from './testing/other-organization';
import { HubRequestError } from './testing/test-client';
import type { TestClient } from './testing/test-client';
import type { TestHub } from './testing/test-hub';
import { MEMBER_PASSWORD, OWNER_PASSWORD, startTestHub } from './testing/test-hub';

/** A second workspace of the same organization, with the first workspace's Owner as its Owner too. */
async function addSalesWorkspace(hub: TestHub): Promise<string> {
  const { store } = hub.hub;
  const support = await store.workspaces.byId(hub.workspaceId);
  const owner = await store.people.byEmail(hub.ownerEmail);
  if (!support || !owner) throw new Error('the test hub has no workspace');
  const workspaceId = newId();
  const now = Date.now();
  await store.workspaces.insert({ id: workspaceId, organizationId: support.organizationId, name: 'Sales', plan: 'growth', seq: 0, createdAt: now });
  await store.members.insert({
    id: newId(),
    workspaceId,
    personId: owner.id,
    level: 'owner',
    restrictions: { ...NO_RESTRICTIONS },
    status: 'active',
    teamId: null,
    invitedAt: now,
    invitedBy: null,
    joinedAt: now,
    lastSeenAt: null,
    version: 1,
  });
  return workspaceId;
}

describe('organization.people', () => {
  let hub: TestHub;
  let owner: TestClient;

  beforeEach(async () => {
    hub = await startTestHub();
    owner = await hub.connect(hub.ownerEmail, OWNER_PASSWORD);
  });
  afterEach(() => hub.stop());

  it('issue 11.7 / V1 / O1: a revoked member is in the organization but not this workspace; an invitee is known by address only', async () => {
    const salesId = await addSalesWorkspace(hub);
    const sales = await hub.connect(hub.ownerEmail, OWNER_PASSWORD, { workspaceId: salesId });
    await hub.addMember(sales, 'sam@example.com', 'manager', {}, 'Sam Sales');
    const revokedId = await hub.addMember(owner, 'rey@example.com', 'agent', {}, 'Rey Revoked');
    await owner.mutate('member.revoke', { input: { memberId: revokedId, reassignContactsTo: null } });
    await addOtherOrganization(hub);
    await owner.mutate('member.invite', { input: { email: OTHER_OWNER.email, level: 'agent', restrictions: { ...NO_RESTRICTIONS } } });
    await bootstrapWorkspace(hub.hub.store, {
      organizationName: 'Initech',
      workspaceName: 'Initech Help',
      plan: 'growth',
      ownerEmail: 'ivy@initech.example',
      ownerName: 'Ivy Initech',
      ownerPassword: 'initech-password-1',
    });

    const answer = await owner.call('organization.people');
    expect(answer.organization).toMatchObject({ name: 'Acme' });
    const byEmail = new Map(answer.people.map((person) => [person.email, person]));
    expect([...byEmail.keys()].sort()).toEqual([OTHER_OWNER.email, 'owner@example.com', 'rey@example.com', 'sam@example.com']);

    expect(byEmail.get('owner@example.com')).toMatchObject({
      displayName: 'Olive Owner',
      isInThisWorkspace: true,
      workspaces: [
        { workspaceId: salesId, workspaceName: 'Sales', level: 'owner', status: 'active' },
        { workspaceId: hub.workspaceId, workspaceName: 'Support', level: 'owner', status: 'active' },
      ],
    });
    expect(byEmail.get('rey@example.com')).toMatchObject({ displayName: 'Rey Revoked', isInThisWorkspace: false, workspaces: [] });
    expect(byEmail.get('sam@example.com')).toMatchObject({
      displayName: 'Sam Sales',
      isInThisWorkspace: false,
      workspaces: [{ workspaceId: salesId, level: 'manager', status: 'active' }],
    });
    // Invited, not accepted: the address only, not the name of the account they have in Globex.
    expect(byEmail.get(OTHER_OWNER.email)).toMatchObject({
      displayName: null,
      isInThisWorkspace: true,
      workspaces: [{ workspaceId: hub.workspaceId, level: 'agent', status: 'pending' }],
    });
    expect(JSON.stringify(answer)).not.toContain(OTHER_OWNER.name);
  });

  it('issue 11.7: Managers and Agents are refused in plain words', async () => {
    await hub.addMember(owner, 'manager@example.com', 'manager');
    await hub.addMember(owner, 'agent@example.com', 'agent');
    for (const email of ['manager@example.com', 'agent@example.com']) {
      const client = await hub.connect(email, MEMBER_PASSWORD);
      const error: unknown = await client.call('organization.people').catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(HubRequestError);
      expect((error as HubRequestError).error).toMatchObject({ code: 'owners_only', rule: 'O1' });
      expect((error as HubRequestError).error.message).toMatch(/^Only Owners can see the people of the organization; (Managers|Agents) cannot\.$/);
    }
  });
});
