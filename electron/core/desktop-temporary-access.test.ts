// Issue 13.2, temporary access, on the desktop against a real hub: the Users
// list's "ending soon" and "has an end date" filters and the sort by end date
// over the members the hub sent; the hub's warning shown as a system
// notification (to the member, and to an admin); and a member whose access
// ended told why, with the moment, instead of "revoked".
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TestClient, TestHub } from '../../hub/testing';
import { MEMBER_PASSWORD, OWNER_PASSWORD, startTestHub } from '../../hub/testing';
import type { MemberListRow } from '../../shared/api/list-queries-contract';
import { memberWindowSchema } from '../../shared/api/list-queries-contract';
import { dispatchApiCall } from './api/dispatch';
import { createApiHandlers } from './api/handlers';
import { accessEndedMessage } from './temporary-access/access-end-words';
import { TestCore } from './testing/test-core';

const DAY = 86_400_000;

let hub: TestHub;
let owner: TestClient;
let desktop: TestCore;

beforeEach(async () => {
  hub = await startTestHub({ port: 0 });
  owner = await hub.connect(hub.ownerEmail, OWNER_PASSWORD);
  desktop = await TestCore.start();
});
afterEach(async () => {
  await desktop.stop();
  await hub.stop();
});

/** Gives a member an end date through the hub, as an admin's edit does. */
async function endAccess(memberId: string, accessUntil: number | null): Promise<void> {
  const member = await hub.hub.store.members.byId(memberId);
  if (!member) throw new Error(`no member ${memberId}`);
  await owner.mutate('member.edit', { input: { memberId, level: member.level, accessUntil, baseVersion: member.version } });
}

/** The rows of a members.query answer (the API table answers `unknown`; the shared schema reads it). */
function rowsOf(answer: { ok: boolean; value?: unknown }): MemberListRow[] {
  if (!answer.ok) throw new Error('the query was refused');
  return memberWindowSchema.parse(answer.value).rows;
}

/** Waits until `check` passes, for what arrives from the hub by itself (a warning, a revoke). */
async function eventually(check: () => void | Promise<void>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      await check();
      return;
    } catch (failure) {
      if (Date.now() > deadline) throw failure;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
}

describe('issue 13.2: temporary access on the desktop', () => {
  it('filters access ending soon (the workspace warns 3 days ahead) and with an end date, and sorts by end date, over what the hub sent', async () => {
    const now = Date.now();
    const ends = { 'soon@example.com': now + DAY, 'edge@example.com': now + 3 * DAY - 60_000, 'later@example.com': now + 10 * DAY, 'never@example.com': null };
    const ids: Record<string, string> = {};
    for (const [email, end] of Object.entries(ends)) {
      ids[email] = await hub.addMember(owner, email, 'agent');
      if (end !== null) await endAccess(ids[email] ?? '', end);
    }
    await desktop.core.signIn(hub.hub.url, hub.ownerEmail, OWNER_PASSWORD);
    await desktop.waitForEvent('workspace.snapshot');
    const handlers = createApiHandlers(desktop.core, { name: 'Gatehouse', version: 'test', runtime: 'node' });

    const soon = await dispatchApiCall(handlers, 'members.query', { access: 'ending_soon', sort: { by: 'access_until', direction: 'asc' } });
    expect(rowsOf(soon).map((row) => row.email)).toEqual(['soon@example.com', 'edge@example.com']);
    expect(rowsOf(soon).map((row) => row.accessUntil)).toEqual([ends['soon@example.com'], ends['edge@example.com']]);
    const withEnd = await dispatchApiCall(handlers, 'members.query', { access: 'has_end', limit: 0 });
    expect(withEnd).toMatchObject({ ok: true, value: { total: 3 } });
    // Access without an end sorts after every end date, the Owner and "never" among them.
    const sorted = await dispatchApiCall(handlers, 'members.query', { sort: { by: 'access_until', direction: 'asc' } });
    expect(rowsOf(sorted).slice(0, 3).map((row) => row.email)).toEqual(['soon@example.com', 'edge@example.com', 'later@example.com']);
    expect(rowsOf(sorted).slice(3).every((row) => row.accessUntil === null)).toBe(true);

    // Extending moves a member out of "ending soon" once the change reaches the replica.
    await endAccess(ids['soon@example.com'] ?? '', now + 20 * DAY);
    await desktop.waitForEvent('lists.changed', (event) => event.payload.cause === 'changes' && event.payload.members !== 'all' && event.payload.members.includes(ids['soon@example.com'] ?? ''));
    const afterExtending = await dispatchApiCall(handlers, 'members.query', { access: 'ending_soon' });
    expect(rowsOf(afterExtending).map((row) => row.email)).toEqual(['edge@example.com']);
  });

  it('invites without an end date as older hubs expect, and with one as the hub stores it', async () => {
    await desktop.core.signIn(hub.hub.url, hub.ownerEmail, OWNER_PASSWORD);
    await desktop.waitForEvent('workspace.snapshot');
    await desktop.online();
    const handlers = createApiHandlers(desktop.core, { name: 'Gatehouse', version: 'test', runtime: 'node' });
    const restrictions = (await hub.hub.store.members.inWorkspace(hub.workspaceId))[0]?.restrictions;
    const plain = await dispatchApiCall(handlers, 'hub.member.invite', { input: { email: 'plain@example.com', level: 'agent', restrictions } });
    expect(plain).toMatchObject({ ok: true, value: { member: { accessUntil: null } } });
    const until = Date.now() + 5 * DAY;
    const temporary = await dispatchApiCall(handlers, 'hub.member.invite', { input: { email: 'temp@example.com', level: 'agent', restrictions, accessUntil: until, accessHeirId: null } });
    expect(temporary).toMatchObject({ ok: true, value: { member: { accessUntil: until, accessHeirId: null } } });
  });

  it('shows the hub\'s warning as a notification to the member whose access ends, naming the workspace', async () => {
    const memberId = await hub.addMember(owner, 'brief@example.com', 'agent', {}, 'Bo Brief');
    await desktop.core.signIn(hub.hub.url, 'brief@example.com', MEMBER_PASSWORD);
    await desktop.waitForEvent('workspace.snapshot');
    await endAccess(memberId, Date.now() + DAY);
    await eventually(() => expect(desktop.notifications).toContainEqual({ title: 'Your access ends soon', body: expect.stringMatching(/^Your access to Support ends .+\. Ask an admin if you need it for longer\.$/) }));
  });

  it('shows the hub\'s warning to an admin, naming the member', async () => {
    const memberId = await hub.addMember(owner, 'brief@example.com', 'agent', {}, 'Bo Brief');
    await desktop.core.signIn(hub.hub.url, hub.ownerEmail, OWNER_PASSWORD);
    await desktop.waitForEvent('workspace.snapshot');
    await endAccess(memberId, Date.now() + DAY);
    await eventually(() => expect(desktop.notifications).toContainEqual({ title: 'Access ends soon', body: expect.stringMatching(/^Bo Brief's access to Support ends .+\. Edit them on the Users page to extend it\.$/) }));
  });

  it('tells a member whose access ended when it ended, not that they were revoked', async () => {
    const memberId = await hub.addMember(owner, 'brief@example.com', 'agent', {}, 'Bo Brief');
    await desktop.core.signIn(hub.hub.url, 'brief@example.com', MEMBER_PASSWORD);
    await desktop.waitForEvent('workspace.snapshot');
    const endsAt = Date.now() + 1_500;
    await endAccess(memberId, endsAt);
    const expected = accessEndedMessage('Support', endsAt, Date.now());
    await eventually(async () => expect((await desktop.core.sessionState()).leftBecause).toBe(expected));
    expect(desktop.notifications).toContainEqual({ title: 'Access ended', body: expected });
  });
});
