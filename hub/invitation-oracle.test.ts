// Issue 9.1 through a real hub and raw HTTP: an invitation link is no way to
// try the password of an address that already has an account. The link
// creates an account only for an address with none; for any other it refuses
// the same way whatever password comes with it, and nothing says beforehand
// whether the address has an account.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { NO_RESTRICTIONS } from '../shared/policy';
import { addOtherOrganization, OTHER_OWNER } from './testing/other-organization';
import type { TestClient } from './testing/test-client';
import type { TestHub } from './testing/test-hub';
import { MEMBER_PASSWORD, OWNER_PASSWORD, startTestHub } from './testing/test-hub';

const invite = (email: string) => ({ input: { email, level: 'agent', restrictions: { ...NO_RESTRICTIONS } } });
const tokenOf = (inviteUrl: string | null): string => new URL(inviteUrl ?? '').pathname.split('/').pop() ?? '';

let hub: TestHub;
let owner: TestClient;

beforeEach(async () => {
  hub = await startTestHub();
  owner = await hub.connect(hub.ownerEmail, OWNER_PASSWORD);
  await addOtherOrganization(hub);
});
afterEach(() => hub.stop());

async function acceptByLink(token: string, password: string): Promise<{ status: number; body: string }> {
  const response = await fetch(`${hub.hub.url}/api/invitations/accept`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ token, displayName: 'Anybody', password }),
  });
  return { status: response.status, body: await response.text() };
}

async function acceptByForm(inviteUrl: string, password: string): Promise<{ status: number; body: string }> {
  const response = await fetch(inviteUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ displayName: 'Anybody', password }).toString(),
  });
  return { status: response.status, body: await response.text() };
}

async function memberStatus(email: string): Promise<string | undefined> {
  return (await hub.hub.store.members.inWorkspace(hub.workspaceId)).find((member) => member.email === email)?.status;
}

describe('issue 9.1: the invitation link checks no password', () => {
  it('issue 9.1: accepting by link for an existing account answers the same to a wrong and the right password, and signs nobody in', async () => {
    const invited = await owner.mutate('member.invite', invite(OTHER_OWNER.email));
    const token = tokenOf(invited.inviteUrl);
    const wrong = await acceptByLink(token, 'wrong-password-123');
    const right = await acceptByLink(token, OTHER_OWNER.password);
    expect(right).toEqual(wrong);
    expect(right.status).toBe(409);
    expect(JSON.parse(right.body)).toEqual({
      error: { code: 'sign_in_to_accept', message: 'This address already has a Gatehouse account: sign in to accept the invitation.' },
    });
    expect(right.body).not.toContain('token');
    expect(await memberStatus(OTHER_OWNER.email)).toBe('pending');
    // Trying many passwords is no better than trying one: no answer ever changes.
    for (let attempt = 0; attempt < 8; attempt += 1) expect(await acceptByLink(token, `guess-number-${attempt}`)).toEqual(wrong);
    // The person's own password still works where it belongs.
    await expect(hub.signIn(OTHER_OWNER.email, OTHER_OWNER.password)).resolves.toMatchObject({ email: OTHER_OWNER.email });
  });

  it('issue 9.1: the HTML form answers the same to a wrong and the right password, and tells to sign in in the app on this hub', async () => {
    const invited = await owner.mutate('member.invite', invite(OTHER_OWNER.email));
    const wrong = await acceptByForm(invited.inviteUrl ?? '', 'wrong-password-123');
    const right = await acceptByForm(invited.inviteUrl ?? '', OTHER_OWNER.password);
    expect(right).toEqual(wrong);
    expect(right.body).toContain('Sign in to accept');
    expect(right.body).toContain(hub.hub.url);
    expect(right.body).not.toContain('Your invitation is accepted');
    expect(await memberStatus(OTHER_OWNER.email)).toBe('pending');
  });

  it('issue 9.1: the preview and the page look the same for an address with an account and one without', async () => {
    const existing = await owner.mutate('member.invite', invite(OTHER_OWNER.email));
    const fresh = await owner.mutate('member.invite', invite('nobody.yet@example.com'));
    const previewOf = async (url: string | null) => (await fetch(`${hub.hub.url}/api/invitations/${tokenOf(url)}`)).json() as Promise<Record<string, unknown>>;
    const [existingPreview, freshPreview] = await Promise.all([previewOf(existing.inviteUrl), previewOf(fresh.inviteUrl)]);
    expect(existingPreview).not.toHaveProperty('isExistingPerson');
    expect(Object.keys(existingPreview).sort()).toEqual(Object.keys(freshPreview).sort());
    expect({ ...existingPreview, email: '', expiresAt: 0 }).toEqual({ ...freshPreview, email: '', expiresAt: 0 });
    const pageOf = async (url: string | null) => (await (await fetch(url ?? '')).text()).replaceAll(tokenOf(url), 'TOKEN');
    const [existingPage, freshPage] = await Promise.all([pageOf(existing.inviteUrl), pageOf(fresh.inviteUrl)]);
    expect(existingPage.replace(OTHER_OWNER.email, 'EMAIL')).toBe(freshPage.replace('nobody.yet@example.com', 'EMAIL'));
    expect(existingPage).toContain(hub.hub.url);
  });

  it('A3: an address with no account still creates it through the link, and is signed in', async () => {
    const invited = await owner.mutate('member.invite', invite('brand.new@example.com'));
    const accepted = await acceptByLink(tokenOf(invited.inviteUrl), MEMBER_PASSWORD);
    expect(accepted.status).toBe(200);
    expect(JSON.parse(accepted.body)).toMatchObject({ email: 'brand.new@example.com', displayName: 'Anybody' });
    expect(await memberStatus('brand.new@example.com')).toBe('active');
  });
});
