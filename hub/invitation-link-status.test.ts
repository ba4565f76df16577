// Issue 10.7 (a): an invitation link gets the same status from the app's API
// (GET /api/invitations/TOKEN) and from the browser page (GET and POST
// /invite/TOKEN): 404 for a link the hub does not know or that a newer one
// replaced, 410 for one used, cancelled or expired.
import { randomBytes } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { NO_RESTRICTIONS } from '../shared/policy';
import type { TestClient } from './testing/test-client';
import type { TestHub } from './testing/test-hub';
import { MEMBER_PASSWORD, OWNER_PASSWORD, startTestHub } from './testing/test-hub';

function tokenOf(inviteUrl: string | null): string {
  return new URL(inviteUrl ?? '').pathname.split('/').pop() ?? '';
}

interface Statuses {
  api: number;
  apiCode: string | undefined;
  page: number;
  form: number;
}

async function statusesOf(hub: TestHub, token: string): Promise<Statuses> {
  const api = await fetch(`${hub.hub.url}/api/invitations/${token}`, { headers: { connection: 'close' } });
  const body = (await api.json()) as { error?: { code: string } };
  const page = await fetch(`${hub.hub.url}/invite/${token}`, { headers: { connection: 'close' } });
  await page.text();
  const form = await fetch(`${hub.hub.url}/invite/${token}`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', connection: 'close' },
    body: new URLSearchParams({ displayName: 'Late Comer', password: MEMBER_PASSWORD }).toString(),
  });
  await form.text();
  return { api: api.status, apiCode: body.error?.code, page: page.status, form: form.status };
}

describe('invitation link statuses', () => {
  let hub: TestHub;
  let owner: TestClient;

  const invite = (email: string) => owner.mutate('member.invite', { input: { email, level: 'agent', restrictions: NO_RESTRICTIONS } });

  beforeEach(async () => {
    hub = await startTestHub({ plan: 'growth' });
    owner = await hub.connect(hub.ownerEmail, OWNER_PASSWORD);
  });
  afterEach(() => hub.stop());

  it('issue 10.7: a link replaced by a resend is 404 from the API and from the page', async () => {
    const first = await invite('replaced@example.com');
    await owner.mutate('invitation.resend', { memberId: first.member.id });
    expect(await statusesOf(hub, tokenOf(first.inviteUrl))).toEqual({ api: 404, apiCode: 'invitation_invalid', page: 404, form: 404 });
  });

  it('issue 10.7: an unknown link is 404 from the API and from the page', async () => {
    const unknown = randomBytes(32).toString('base64url');
    expect(await statusesOf(hub, unknown)).toEqual({ api: 404, apiCode: 'invitation_invalid', page: 404, form: 404 });
  });

  it('issue 10.7: a used link is 410 from the API and from the page', async () => {
    const sent = await invite('used@example.com');
    const token = tokenOf(sent.inviteUrl);
    const accepted = await fetch(`${hub.hub.url}/api/invitations/accept`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', connection: 'close' },
      body: JSON.stringify({ token, displayName: 'Used', password: MEMBER_PASSWORD }),
    });
    expect(accepted.status).toBe(200);
    expect(await statusesOf(hub, token)).toEqual({ api: 410, apiCode: 'invitation_used', page: 410, form: 410 });
  });

  it('issue 10.7: a cancelled link is 410 from the API and from the page', async () => {
    const sent = await invite('cancelled@example.com');
    await owner.mutate('invitation.cancel', { memberId: sent.member.id });
    expect(await statusesOf(hub, tokenOf(sent.inviteUrl))).toEqual({ api: 410, apiCode: 'invitation_cancelled', page: 410, form: 410 });
  });

  it('issue 10.7: a live link is 200 from the API and from the page', async () => {
    const sent = await invite('live@example.com');
    const token = tokenOf(sent.inviteUrl);
    const api = await fetch(`${hub.hub.url}/api/invitations/${token}`, { headers: { connection: 'close' } });
    const page = await fetch(`${hub.hub.url}/invite/${token}`, { headers: { connection: 'close' } });
    expect([api.status, page.status]).toEqual([200, 200]);
    await Promise.all([api.text(), page.text()]);
  });
});
