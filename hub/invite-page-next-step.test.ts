// Issue 11.9: the invitation page looks like the app and says what comes next.
// After accepting in the browser, the answer names the hub's public address
// (selectable, to type into the app's "Connect to a hub") and links to the app
// (gatehouse://), in plain words (issue 11.3). A real hub, over HTTP.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { NO_RESTRICTIONS } from '../shared/policy';
import { acceptedPage } from './server/invite-page';
import { readableText, unreadable } from './testing/plain-words';
import type { TestClient } from './testing/test-client';
import type { TestHub } from './testing/test-hub';
import { MEMBER_PASSWORD, OWNER_PASSWORD, startTestHub } from './testing/test-hub';

const PUBLIC_URL = 'https://gatehouse.acme.example';

describe('issue 11.9: the invitation page gives the next step', () => {
  let hub: TestHub;
  let owner: TestClient;

  beforeEach(async () => {
    // A public address unlike the one the hub listens on: the page must name the one people reach.
    hub = await startTestHub({ plan: 'growth', publicUrl: PUBLIC_URL });
    owner = await hub.connect(hub.ownerEmail, OWNER_PASSWORD);
  });
  afterEach(() => hub.stop());

  async function inviteToken(email: string): Promise<string> {
    const invited = await owner.mutate('member.invite', { input: { email, level: 'agent', restrictions: NO_RESTRICTIONS } });
    expect(invited.inviteUrl?.startsWith(`${PUBLIC_URL}/invite/`)).toBe(true);
    return new URL(invited.inviteUrl ?? '').pathname.split('/').pop() ?? '';
  }

  const fetchPage = async (path: string, init: RequestInit = {}) => {
    const response = await fetch(`${hub.hub.url}${path}`, { ...init, headers: { connection: 'close', ...init.headers } });
    return { status: response.status, csp: response.headers.get('content-security-policy') ?? '', html: await response.text() };
  };

  it('issue 11.9: the invitation page names the public address, selectable, and links to the app', async () => {
    const token = await inviteToken('new.hire@example.com');
    const page = await fetchPage(`/invite/${token}`);
    expect(page.status).toBe(200);
    expect(page.csp).toContain("default-src 'none'");
    expect(page.html).not.toContain('<script');
    expect(page.html).toContain(`<input id="hub-address" readonly value="${PUBLIC_URL}"`);
    expect(page.html).toContain('href="gatehouse://invite?hub=');
    // Light and dark, like the app.
    expect(page.html).toContain('prefers-color-scheme:dark');
    expect(unreadable(readableText(page.html))).toEqual([]);
  });

  it('issue 11.9: the page after accepting says to open Gatehouse, or connect to the hub address and sign in as the invited email', () => {
    const html = acceptedPage({ email: 'new.hire@example.com', workspaceName: 'Support' }, PUBLIC_URL);
    const texts = readableText(html);
    expect(texts.join(' ')).toContain("You're in");
    expect(html).toContain('href="gatehouse://"');
    expect(html).toContain(`<input id="hub-address" readonly value="${PUBLIC_URL}"`);
    expect(texts.join(' ')).toMatch(/Open Gatehouse, or in Gatehouse connect to\s+https:\/\/gatehouse\.acme\.example\s+and sign in as\s+new\.hire@example\.com/);
    expect(unreadable(texts)).toEqual([]);
  });

  it('issue 11.9: accepting through the HTML form answers that page, with the hub public address and the gatehouse:// link', async () => {
    const token = await inviteToken('new.hire@example.com');
    const accepted = await fetchPage(`/invite/${token}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ displayName: 'New Hire', password: MEMBER_PASSWORD }).toString(),
    });
    expect(accepted.status).toBe(200);
    expect(accepted.html).toContain(PUBLIC_URL);
    expect(accepted.html).toContain('href="gatehouse://"');
    expect(readableText(accepted.html).join(' ')).toContain('sign in as');
    expect(unreadable(readableText(accepted.html))).toEqual([]);
  });
});
