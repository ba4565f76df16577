// A1-A6 through real sockets: invitations made, mailed through a real SMTP
// sink, accepted by their link, resent, cancelled, refused when bad.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { NO_RESTRICTIONS } from '../shared/policy';
import { startSmtpSink } from './testing/smtp-sink';
import { HubRequestError } from './testing/test-client';
import type { TestClient } from './testing/test-client';
import type { TestHub } from './testing/test-hub';
import { MEMBER_PASSWORD, OWNER_PASSWORD, startTestHub } from './testing/test-hub';

function tokenOf(inviteUrl: string | null): string {
  return new URL(inviteUrl ?? '').pathname.split('/').pop() ?? '';
}

async function accept(hub: TestHub, token: string, body: Record<string, unknown>): Promise<Response> {
  return fetch(`${hub.hub.url}/api/invitations/accept`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ token, ...body }),
  });
}

const invite = (email: string, level = 'agent', restrictions = {}) => ({
  input: { email, level, restrictions: { ...NO_RESTRICTIONS, ...restrictions } },
});

describe('invitations without SMTP', () => {
  let hub: TestHub;
  let owner: TestClient;

  beforeEach(async () => {
    hub = await startTestHub({ plan: 'growth' });
    owner = await hub.connect(hub.ownerEmail, OWNER_PASSWORD);
  });
  afterEach(() => hub.stop());

  it('A1/A2/U2: an invited person is pending until they accept through the link', async () => {
    const result = await owner.mutate('member.invite', invite('new.agent@example.com'));
    expect(result.member).toMatchObject({ email: 'new.agent@example.com', status: 'pending', level: 'agent' });
    expect(result.isEmailed).toBe(false);
    expect(result.inviteUrl).toMatch(new RegExp(`^${hub.hub.url}/invite/[A-Za-z0-9_-]{43}$`));

    const response = await accept(hub, tokenOf(result.inviteUrl), { displayName: 'Nia Agent', password: MEMBER_PASSWORD });
    expect(response.status).toBe(200);
    const changes = await owner.waitFor('changes', (message) => message.changes.members.upserted.some((member) => member.status === 'active'));
    expect(changes.changes.members.upserted[0]).toMatchObject({ displayName: 'Nia Agent', status: 'active' });
    await expect(hub.signIn('new.agent@example.com', MEMBER_PASSWORD)).resolves.toMatchObject({ displayName: 'Nia Agent' });
  });

  it('A3/O1: inviting a person adds them to the organization', async () => {
    await owner.mutate('member.invite', invite('joiner@example.com'));
    const person = await hub.hub.store.people.byEmail('joiner@example.com');
    const workspace = await hub.hub.store.workspaces.byId(hub.workspaceId);
    expect(person && workspace && await hub.hub.store.people.isInOrganization(workspace.organizationId, person.id)).toBe(true);
  });

  it('A3/V1: a person the hub already knows accepts from their signed-in session, not through the link', async () => {
    const memberId = await hub.addMember(owner, 'known@example.com', 'agent');
    // Revoke and invite again: the person keeps their account (V1) and accepts it signed in.
    await owner.mutate('member.revoke', { input: { memberId, reassignContactsTo: null } });
    const again = await owner.mutate('member.invite', invite('known@example.com'));
    const byLink = await accept(hub, tokenOf(again.inviteUrl), { displayName: 'Known', password: MEMBER_PASSWORD });
    expect(byLink.status).toBe(409);
    expect(await byLink.json()).toMatchObject({ error: { code: 'sign_in_to_accept' } });
    const session = await hub.signIn('known@example.com', MEMBER_PASSWORD);
    const accepted = await fetch(`${hub.hub.url}/api/me/invitations/${again.member.id}/accept`, {
      method: 'POST',
      headers: { authorization: `Bearer ${session.token}` },
    });
    expect(accepted.status).toBe(200);
    expect((await hub.hub.store.members.byId(again.member.id))?.status).toBe('active');
  });

  it('A5: a malformed email is refused and nothing is created', async () => {
    const reply = await owner.request('member.invite', { mutationId: 'm-bad-email-1', ...invite('not an email') });
    expect(reply).toMatchObject({ ok: false, error: { code: 'invalid_message' } });
    expect(await hub.hub.store.people.byEmail('not an email')).toBeUndefined();
  });

  it('A5: an unknown access level is refused', async () => {
    const reply = await owner.request('member.invite', { mutationId: 'm-bad-level-1', input: { email: 'x@example.com', level: 'admin' } });
    expect(reply).toMatchObject({ ok: false, error: { code: 'invalid_message', message: 'Choose an access level: Owner, Manager or Agent.' } });
  });

  it('A5: inviting someone already pending or already a member is refused', async () => {
    await owner.mutate('member.invite', invite('twice@example.com'));
    await expect(owner.mutate('member.invite', invite('TWICE@example.com'))).rejects.toMatchObject({ error: { code: 'already_invited' } });
    await expect(owner.mutate('member.invite', invite(hub.ownerEmail))).rejects.toMatchObject({ error: { code: 'already_member' } });
  });

  it('A5/R7: masking is refused below the Advanced plan, with the reason', async () => {
    const failure = await owner.mutate('member.invite', invite('masked@example.com', 'agent', { maskContactDetails: true })).catch((error: HubRequestError) => error);
    expect(failure).toBeInstanceOf(HubRequestError);
    expect((failure as HubRequestError).error).toMatchObject({ code: 'restriction_needs_plan', rule: 'A5' });
    expect(await hub.hub.store.people.byEmail('masked@example.com')).toBeUndefined();
  });

  it('A5: a restriction of another level is refused', async () => {
    await expect(owner.mutate('member.invite', invite('m@example.com', 'agent', { dataExport: true }))).rejects.toMatchObject({
      error: { code: 'restriction_not_applicable', rule: 'A5' },
    });
  });

  it('A6: a link works once', async () => {
    const result = await owner.mutate('member.invite', invite('once@example.com'));
    expect((await accept(hub, tokenOf(result.inviteUrl), { displayName: 'Once', password: MEMBER_PASSWORD })).status).toBe(200);
    const again = await accept(hub, tokenOf(result.inviteUrl), { displayName: 'Once', password: MEMBER_PASSWORD });
    expect(again.status).toBe(410);
    expect(await again.json()).toMatchObject({ error: { code: 'invitation_used' } });
  });

  it('A6: resending makes a new link and the old one dies', async () => {
    const first = await owner.mutate('member.invite', invite('resend@example.com'));
    const second = await owner.mutate('invitation.resend', { memberId: first.member.id });
    expect(tokenOf(second.inviteUrl)).not.toBe(tokenOf(first.inviteUrl));
    const old = await accept(hub, tokenOf(first.inviteUrl), { displayName: 'R', password: MEMBER_PASSWORD });
    expect(await old.json()).toMatchObject({ error: { code: 'invitation_invalid' } });
    expect((await accept(hub, tokenOf(second.inviteUrl), { displayName: 'R', password: MEMBER_PASSWORD })).status).toBe(200);
  });

  it('A6: a cancelled invitation removes the pending member and its link', async () => {
    const result = await owner.mutate('member.invite', invite('cancel@example.com'));
    await owner.mutate('invitation.cancel', { memberId: result.member.id });
    const removed = await owner.waitFor('changes', (message) => message.changes.members.deleted.includes(result.member.id));
    expect(removed).toBeDefined();
    const response = await accept(hub, tokenOf(result.inviteUrl), { displayName: 'C', password: MEMBER_PASSWORD });
    expect(await response.json()).toMatchObject({ error: { code: 'invitation_cancelled' } });
  });

  it('A6: a link expires after its time (7 days by default)', async () => {
    await hub.stop();
    let clock = Date.now();
    hub = await startTestHub({ now: () => clock });
    owner = await hub.connect(hub.ownerEmail, OWNER_PASSWORD);
    const result = await owner.mutate('member.invite', invite('late@example.com'));
    expect(result.expiresAt - clock).toBe(7 * 24 * 60 * 60 * 1000);
    clock += 7 * 24 * 60 * 60 * 1000 + 1;
    const response = await accept(hub, tokenOf(result.inviteUrl), { displayName: 'L', password: MEMBER_PASSWORD });
    expect(await response.json()).toMatchObject({ error: { code: 'invitation_expired' } });
  });

  it('A6: a retried invite is applied once, and its replay carries no link', async () => {
    const first = await owner.mutate('member.invite', invite('retry@example.com'), 'retry-mutation-1');
    const second = await owner.mutate('member.invite', invite('retry@example.com'), 'retry-mutation-1');
    expect(second.member.id).toBe(first.member.id);
    expect(second.inviteUrl).toBeNull();
    expect((await hub.hub.store.members.inWorkspace(hub.workspaceId)).filter((member) => member.email === 'retry@example.com')).toHaveLength(1);
  });

  it('A2: the link opens a page to accept in the browser or in the app', async () => {
    const result = await owner.mutate('member.invite', invite('page@example.com', 'manager'));
    const page = await fetch(result.inviteUrl ?? '');
    const html = await page.text();
    expect(page.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(html).toContain('Join Support');
    expect(html).toContain('as Manager');
    expect(html).toContain('gatehouse://invite?hub=');
    const form = await fetch(result.inviteUrl ?? '', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ displayName: 'Paige', password: MEMBER_PASSWORD }).toString(),
    });
    expect(await form.text()).toContain('Your invitation is accepted');
  });
});

describe('invitation email through SMTP', () => {
  it('A2: the invitation reaches the mailbox and its link is accepted', async () => {
    const sink = await startSmtpSink();
    const hub = await startTestHub({ mail: { smtpUrl: sink.url, from: 'Gatehouse <hub@example.com>' } });
    try {
      const owner = await hub.connect(hub.ownerEmail, OWNER_PASSWORD);
      const arriving = sink.next();
      const result = await owner.mutate('member.invite', invite('mailed@example.com', 'manager'));
      expect(result.isEmailed).toBe(true);
      const mail = await arriving;
      expect(mail.to).toBe('mailed@example.com');
      expect(mail.subject).toBe('Olive Owner invited you to Support on Gatehouse');
      const link = /(http:\/\/\S+\/invite\/\S+)/.exec(mail.text)?.[1] ?? '';
      expect(link).toBe(result.inviteUrl);
      const response = await accept(hub, tokenOf(link), { displayName: 'Mel Manager', password: MEMBER_PASSWORD });
      expect(response.status).toBe(200);
    } finally {
      await hub.stop();
      await sink.close();
    }
  });
});
