// X1: an audit export covers what its filters match, newest first, and is
// recorded with how many entries left the hub and the filters they were
// chosen by (members named as they were then). A large log leaves a page at a
// time: the export answers with its count and where `audit.list` starts,
// and the pages hold exactly the entries counted, whatever is written
// meanwhile. Through a raw socket on a real hub.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditEntry } from '../shared/domain';
import type { AuditHistory } from './testing/audit-history';
import { AUDIT_TIMES, HOSTILE_NAMES, startAuditHistory } from './testing/audit-history';

let history: AuditHistory;
beforeAll(async () => {
  history = await startAuditHistory();
});
afterAll(() => history.hub.stop());

const exportEntries = async () => (await history.hub.hub.store.audit.all(history.hub.workspaceId)).filter((entry) => entry.action === 'audit.exported');

async function pagesFrom(filters: Record<string, unknown>, before: number | null, limit: number): Promise<AuditEntry[]> {
  const entries: AuditEntry[] = [];
  let next = before;
  while (next !== null) {
    const page: { entries: AuditEntry[]; nextBefore: number | null } = await history.owner.call('audit.list', { ...filters, before: next, limit });
    entries.push(...page.entries);
    next = page.nextBefore;
  }
  return entries;
}

describe('X1: exporting what the filters match', () => {
  it('X1: the whole answer holds the matching entries, newest first, and the record names the filters', async () => {
    const filters = { memberId: history.ids.bo, actorMemberId: history.ids.mia, action: 'member.invited', from: AUDIT_TIMES.boJoined, to: AUDIT_TIMES.boRevoked } as const;
    const answer = await history.owner.call('audit.export', filters);
    expect('entries' in answer && answer.entries.map((entry) => [entry.action, entry.targetName, entry.actorName])).toEqual([
      ['member.invited', 'bo@example.com', HOSTILE_NAMES.mia],
    ]);
    expect((await exportEntries()).at(0)).toMatchObject({
      actorName: 'Olive Owner',
      targetMemberId: null,
      after: {
        count: 1,
        filters: {
          action: 'member.invited',
          // Bo was revoked: named as the log last named him.
          member: { id: history.ids.bo, name: HOSTILE_NAMES.bo.normalize('NFC') },
          actor: { id: history.ids.mia, name: HOSTILE_NAMES.mia },
          from: AUDIT_TIMES.boJoined,
          to: AUDIT_TIMES.boRevoked,
        },
      },
    });
  });

  it('X1: an older client that sends no filter gets every entry and the record says no filter was used', async () => {
    const everything = (await history.hub.hub.store.audit.all(history.hub.workspaceId)).length;
    const answer = await history.owner.call('audit.export', {});
    expect('entries' in answer && answer.entries).toHaveLength(everything);
    expect((await exportEntries()).at(0)?.after).toEqual({ count: everything, filters: { action: null, member: null, actor: null, from: null, to: null } });
  });

  it('X1: without the entries, the count and a starting point from which the pages hold exactly what was counted', async () => {
    const filters = { memberId: history.ids.ada };
    const grant = await history.owner.call('audit.export', { ...filters, includeEntries: false });
    if (!('count' in grant)) throw new Error('expected the count, not the entries');
    expect((await exportEntries()).at(0)?.after).toMatchObject({ count: grant.count, filters: { member: { id: history.ids.ada, name: HOSTILE_NAMES.ada } } });
    // Written after the export: not in it, though it involves Ada.
    history.clock.now += 1_000;
    await history.owner.mutate('member.edit', { input: { memberId: history.ids.ada, level: 'agent', baseVersion: (await history.hub.hub.store.members.byId(history.ids.ada))?.version ?? 0 } });

    const paged = await pagesFrom(filters, grant.nextBefore, 2);
    expect(paged).toHaveLength(grant.count);
    expect(paged.map((entry) => entry.action)).toEqual(['member.edited', 'member.accepted', 'member.invited']);
    const whole = await history.owner.call('audit.list', { ...filters, limit: 500 });
    expect(whole.entries.at(0)?.after).toMatchObject({ level: 'agent' });
    expect(whole.entries.slice(1)).toEqual(paged);
  });

  it('X1: the export of its own kind never holds itself', async () => {
    const filters = { action: 'audit.exported' } as const;
    const already = (await exportEntries()).length;
    const grant = await history.owner.call('audit.export', { ...filters, includeEntries: false });
    if (!('count' in grant)) throw new Error('expected the count, not the entries');
    expect(grant.count).toBe(already);
    expect(await pagesFrom(filters, grant.nextBefore, 500)).toHaveLength(already);
    expect(await exportEntries()).toHaveLength(already + 1);
  });

  it('X1: an export that matches nothing is still recorded, with nothing to read', async () => {
    const before = (await exportEntries()).length;
    const grant = await history.owner.call('audit.export', { from: AUDIT_TIMES.membersExported + 1, to: AUDIT_TIMES.membersExported + 2, includeEntries: false });
    expect(grant).toEqual({ count: 0, nextBefore: null });
    expect(await exportEntries()).toHaveLength(before + 1);
    expect((await exportEntries()).at(0)?.after).toMatchObject({ count: 0, filters: { from: AUDIT_TIMES.membersExported + 1 } });
  });

  it('X1: a member the log never named is recorded by id, without a name', async () => {
    await history.owner.call('audit.export', { actorMemberId: 'never-a-member', includeEntries: false });
    expect((await exportEntries()).at(0)?.after).toMatchObject({ count: 0, filters: { actor: { id: 'never-a-member', name: null } } });
  });
});
