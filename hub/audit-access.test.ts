// X1: the audit log is the Owners': they read and export it; Managers (with
// or without restrictions) and Agents are refused with the reason, whatever
// filters or form of export they ask for, and a refusal records nothing.
// Through raw sockets on a real hub.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestClient } from './testing/test-client';
import type { AuditHistory } from './testing/audit-history';
import { startAuditHistory } from './testing/audit-history';
import { MEMBER_PASSWORD } from './testing/test-hub';

let history: AuditHistory;
let agent: TestClient;
let openManager: TestClient;
beforeAll(async () => {
  history = await startAuditHistory();
  await history.hub.addMember(history.owner, 'agent@example.com', 'agent');
  agent = await history.hub.connect('agent@example.com', MEMBER_PASSWORD);
  // A Manager with no restriction at all: the Users page and exports open to them, the audit log still not.
  openManager = history.mia;
});
afterAll(() => history.hub.stop());

const stored = () => history.hub.hub.store.audit.all(history.hub.workspaceId);

const REQUESTS = [
  ['audit.list', {}],
  ['audit.list', { actorMemberId: 'anyone', from: 0, to: 1 }],
  ['audit.export', {}],
  ['audit.export', { includeEntries: false }],
  ['audit.export', { includeEntries: false, memberId: 'anyone', action: 'member.revoked' }],
] as const;

describe('X1: who may read and export the audit log', () => {
  it('X1: an Owner lists and exports it, in both forms of export', async () => {
    const listed = await history.owner.call('audit.list', { actorMemberId: history.ids.owner });
    expect(listed.entries.length).toBeGreaterThan(0);
    const whole = await history.owner.call('audit.export', {});
    expect('entries' in whole && whole.entries.length).toBeGreaterThan(0);
    const grant = await history.owner.call('audit.export', { includeEntries: false });
    expect(grant).toMatchObject({ count: expect.any(Number), nextBefore: expect.any(Number) });
  });

  it('X1: a Manager without any restriction is refused, with the reason, and nothing is recorded', async () => {
    const before = (await stored()).length;
    for (const [type, body] of REQUESTS) {
      const reply = await openManager.request(type, body);
      const verb = type === 'audit.list' ? 'view' : 'export';
      expect(reply, `${type} ${JSON.stringify(body)}`).toMatchObject({
        ok: false,
        error: { code: 'owners_only', rule: 'X1', message: `Only Owners can ${verb} the audit log.` },
      });
    }
    expect(await stored()).toHaveLength(before);
  });

  it('X1: an Agent is refused the same way', async () => {
    const before = (await stored()).length;
    for (const [type, body] of REQUESTS) {
      const reply = await agent.request(type, body);
      expect(reply, `${type} ${JSON.stringify(body)}`).toMatchObject({ ok: false, error: { code: 'owners_only', rule: 'X1' } });
    }
    expect(await stored()).toHaveLength(before);
  });

  it('X1: an Owner demoted to Manager loses the log at their next request', async () => {
    await history.owner.mutate('member.edit', { input: { memberId: history.ids.ada, level: 'owner', baseVersion: (await history.hub.hub.store.members.byId(history.ids.ada))?.version ?? 0 } });
    const ada = await history.hub.connect('ada@example.com', MEMBER_PASSWORD);
    await expect(ada.call('audit.list', {})).resolves.toMatchObject({ entries: expect.any(Array) });
    await history.owner.mutate('member.edit', { input: { memberId: history.ids.ada, level: 'manager', baseVersion: (await history.hub.hub.store.members.byId(history.ids.ada))?.version ?? 0 } });
    const reply = await ada.request('audit.export', { includeEntries: false });
    expect(reply).toMatchObject({ ok: false, error: { code: 'owners_only', rule: 'X1' } });
  });
});
