// Issue 9.1 through a real hub, raw HTTP and raw sockets: an address that
// already has an account sees its invitations once signed in and accepts or
// declines them there; until it accepts, the inviting workspace sees only the
// invited address, never the person's name or avatar.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { NO_RESTRICTIONS } from '../shared/policy';
import { meResponseSchema, myInvitationsResponseSchema } from '../shared/protocol';
import { addOtherOrganization, OTHER_OWNER } from './testing/other-organization';
import type { TestClient } from './testing/test-client';
import type { TestHub } from './testing/test-hub';
import { OWNER_PASSWORD, startTestHub } from './testing/test-hub';

const invite = (email: string, level = 'agent') => ({ input: { email, level, restrictions: { ...NO_RESTRICTIONS } } });
const DAY = 24 * 60 * 60 * 1000;

let clock = Date.now();
let hub: TestHub;
let owner: TestClient;
let gilToken: string;

beforeEach(async () => {
  clock = Date.now();
  hub = await startTestHub({ now: () => clock });
  owner = await hub.connect(hub.ownerEmail, OWNER_PASSWORD);
  await addOtherOrganization(hub);
  gilToken = (await hub.signIn(OTHER_OWNER.email, OTHER_OWNER.password)).token;
});
afterEach(() => hub.stop());

function asGil(path: string, method = 'GET', token: string | null = gilToken): Promise<Response> {
  return fetch(`${hub.hub.url}${path}`, { method, headers: token ? { authorization: `Bearer ${token}` } : {} });
}

async function myInvitations(token = gilToken) {
  return myInvitationsResponseSchema.parse(await (await asGil('/api/me/invitations', 'GET', token)).json()).invitations;
}

describe('issue 9.1: a signed-in person accepts or declines their own invitations', () => {
  it('issue 9.1: the invitation appears for the signed-in person, and accepting joins the workspace live', async () => {
    const invited = await owner.mutate('member.invite', invite(OTHER_OWNER.email, 'manager'));
    expect(await myInvitations()).toEqual([
      {
        memberId: invited.member.id,
        workspaceId: hub.workspaceId,
        workspaceName: 'Support',
        organizationName: 'Acme',
        level: 'manager',
        invitedByName: 'Olive Owner',
        expiresAt: invited.expiresAt,
      },
    ]);

    const response = await asGil(`/api/me/invitations/${invited.member.id}/accept`, 'POST');
    expect(response.status).toBe(200);
    const me = meResponseSchema.parse(await response.json());
    expect(me.workspaces.map((each) => each.workspaceName).sort()).toEqual(['Globex Support', 'Support']);
    const joined = await owner.waitFor('changes', (message) => message.changes.members.upserted.some((member) => member.id === invited.member.id && member.status === 'active'));
    expect(joined.changes.members.upserted[0]).toMatchObject({ displayName: OTHER_OWNER.name, avatarDataUrl: OTHER_OWNER.avatarDataUrl });
    expect(await myInvitations()).toEqual([]);
    const audit = await owner.call('audit.list', {});
    expect(audit.entries[0]).toMatchObject({ action: 'member.accepted', targetMemberId: invited.member.id });
  });

  it('issue 9.1: declining removes the pending member, live, and is recorded', async () => {
    const invited = await owner.mutate('member.invite', invite(OTHER_OWNER.email));
    const response = await asGil(`/api/me/invitations/${invited.member.id}/decline`, 'POST');
    expect(response.status).toBe(200);
    expect(myInvitationsResponseSchema.parse(await response.json()).invitations).toEqual([]);
    await owner.waitFor('changes', (message) => message.changes.members.deleted.includes(invited.member.id));
    expect(await hub.hub.store.members.byId(invited.member.id)).toBeUndefined();
    const audit = await owner.call('audit.list', {});
    expect(audit.entries[0]).toMatchObject({ action: 'invitation.declined', targetMemberId: invited.member.id, actorName: OTHER_OWNER.email });
    // The same address can be invited again afterwards.
    await expect(owner.mutate('member.invite', invite(OTHER_OWNER.email))).resolves.toBeDefined();
  });

  it("issue 9.1: another person's invitation is not found, whoever asks, and stays pending", async () => {
    const other = await owner.mutate('member.invite', invite('someone.else@example.com'));
    for (const verb of ['accept', 'decline']) {
      const response = await asGil(`/api/me/invitations/${other.member.id}/${verb}`, 'POST');
      expect(response.status).toBe(404);
      expect(await response.json()).toMatchObject({ error: { code: 'not_found' } });
    }
    const unknown = await asGil('/api/me/invitations/no-such-member/accept', 'POST');
    expect(unknown.status).toBe(404);
    expect(await myInvitations()).toEqual([]);
    expect((await hub.hub.store.members.byId(other.member.id))?.status).toBe('pending');
  });

  it('issue 9.1: the calls need a signed-in session', async () => {
    const invited = await owner.mutate('member.invite', invite(OTHER_OWNER.email));
    expect((await asGil('/api/me/invitations', 'GET', null)).status).toBe(401);
    expect((await asGil(`/api/me/invitations/${invited.member.id}/accept`, 'POST', 'not-a-real-token')).status).toBe(401);
    expect((await hub.hub.store.members.byId(invited.member.id))?.status).toBe('pending');
  });

  it('A6: expired and cancelled invitations are not listed and cannot be accepted; a resent one is listed once', async () => {
    const expiring = await owner.mutate('member.invite', invite(OTHER_OWNER.email));
    await owner.mutate('invitation.resend', { memberId: expiring.member.id });
    expect((await myInvitations()).map((each) => each.memberId)).toEqual([expiring.member.id]);
    clock += 7 * DAY + 1;
    expect(await myInvitations()).toEqual([]);
    expect((await asGil(`/api/me/invitations/${expiring.member.id}/accept`, 'POST')).status).toBe(404);

    await owner.mutate('invitation.cancel', { memberId: expiring.member.id });
    const cancelled = await owner.mutate('member.invite', invite(OTHER_OWNER.email));
    await owner.mutate('invitation.cancel', { memberId: cancelled.member.id });
    expect(await myInvitations()).toEqual([]);
    expect((await asGil(`/api/me/invitations/${cancelled.member.id}/accept`, 'POST')).status).toBe(404);
  });
});

describe('issue 9.1: a pending member shows only the invited address', () => {
  it('issue 9.1: neither the invite reply, snapshots, pushed changes, the export nor the audit log name the invited account, until it accepts', async () => {
    const watcher = await hub.connect(hub.ownerEmail, OWNER_PASSWORD);
    const invited = await owner.mutate('member.invite', invite(OTHER_OWNER.email));
    expect(invited.member).toMatchObject({ email: OTHER_OWNER.email, displayName: OTHER_OWNER.email, avatarDataUrl: null, status: 'pending' });
    await watcher.waitFor('changes', (message) => message.changes.members.upserted.some((member) => member.id === invited.member.id));
    await owner.mutate('invitation.resend', { memberId: invited.member.id });
    await watcher.waitFor('changes', (message) => message.changes.members.upserted.some((member) => member.id === invited.member.id && member.version > invited.member.version));
    const late = await hub.connect(hub.ownerEmail, OWNER_PASSWORD);
    const exported = await owner.mutate('members.export', {});
    const audit = await owner.call('audit.list', {});
    const seen = [...owner.rawFrames, ...watcher.rawFrames, ...late.rawFrames, JSON.stringify(exported), JSON.stringify(audit)].join('\n');
    expect(seen).toContain(OTHER_OWNER.email);
    expect(seen).not.toContain(OTHER_OWNER.name);
    expect(seen).not.toContain(OTHER_OWNER.avatarDataUrl);

    await asGil(`/api/me/invitations/${invited.member.id}/accept`, 'POST');
    const joined = await watcher.waitFor('changes', (message) => message.changes.members.upserted.some((member) => member.status === 'active' && member.id === invited.member.id));
    expect(joined.changes.members.upserted[0]).toMatchObject({ displayName: OTHER_OWNER.name, avatarDataUrl: OTHER_OWNER.avatarDataUrl });
  });
});
