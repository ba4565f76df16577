// X1: an Owner reviews the audit log by action, by whom it involves (acted or
// acted on), by who acted, and by time (UTC, from inclusive, to exclusive),
// each alone and together, a page at a time. Through a raw socket on a real
// hub whose clock dated each entry (hub/testing/audit-history.ts).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditEntry } from '../shared/domain';
import type { AuditHistory } from './testing/audit-history';
import { AUDIT_TIMES, HOSTILE_NAMES, startAuditHistory } from './testing/audit-history';

let history: AuditHistory;
beforeAll(async () => {
  history = await startAuditHistory();
});
afterAll(() => history.hub.stop());

type ListFilters = Record<string, unknown>;

/** Every entry the filters match, read a page of `limit` at a time as a desktop reads them. */
async function listAll(filters: ListFilters, limit = 100): Promise<AuditEntry[]> {
  const entries: AuditEntry[] = [];
  let before: number | null = null;
  do {
    const page: { entries: AuditEntry[]; nextBefore: number | null } = await history.owner.call('audit.list', { ...filters, before, limit });
    entries.push(...page.entries);
    before = page.nextBefore;
  } while (before !== null);
  return entries;
}

/** "What happened to whom", oldest first, as a person reads the log. */
const story = (entries: AuditEntry[]): string[] => [...entries].reverse().map((entry) => `${entry.action} ${entry.targetName ?? '-'} by ${entry.actorName}`);

const DAY = 86_400_000;

describe('X1: filters of the audit log', () => {
  it('X1: with no filter, every entry, newest first', async () => {
    const entries = await listAll({});
    expect(story(entries)).toEqual([
      'member.accepted Olive Owner by Gatehouse',
      'member.invited ada@example.com by Olive Owner',
      `member.accepted ${HOSTILE_NAMES.ada} by ${HOSTILE_NAMES.ada}`,
      `member.edited ${HOSTILE_NAMES.ada} by Olive Owner`,
      'member.invited mia@example.com by Olive Owner',
      `member.accepted ${HOSTILE_NAMES.mia} by ${HOSTILE_NAMES.mia}`,
      `member.invited bo@example.com by ${HOSTILE_NAMES.mia}`,
      `member.accepted ${HOSTILE_NAMES.bo.normalize('NFC')} by ${HOSTILE_NAMES.bo.normalize('NFC')}`,
      `member.revoked ${HOSTILE_NAMES.bo.normalize('NFC')} by Olive Owner`,
      'members.exported - by Olive Owner',
    ]);
    expect(entries.map((entry) => entry.id)).toEqual([...entries.map((entry) => entry.id)].sort((a, b) => b - a));
  });

  it('X1: by action alone', async () => {
    expect(story(await listAll({ action: 'member.accepted' }))).toEqual([
      'member.accepted Olive Owner by Gatehouse',
      `member.accepted ${HOSTILE_NAMES.ada} by ${HOSTILE_NAMES.ada}`,
      `member.accepted ${HOSTILE_NAMES.mia} by ${HOSTILE_NAMES.mia}`,
      `member.accepted ${HOSTILE_NAMES.bo.normalize('NFC')} by ${HOSTILE_NAMES.bo.normalize('NFC')}`,
    ]);
  });

  it('X1: by member, acted or acted on, and each entry once when they acted on themselves', async () => {
    expect(story(await listAll({ memberId: history.ids.mia }))).toEqual([
      'member.invited mia@example.com by Olive Owner',
      `member.accepted ${HOSTILE_NAMES.mia} by ${HOSTILE_NAMES.mia}`,
      `member.invited bo@example.com by ${HOSTILE_NAMES.mia}`,
    ]);
  });

  it('X1: by who acted alone: what Mia did, not what was done to her', async () => {
    expect(story(await listAll({ actorMemberId: history.ids.mia }))).toEqual([
      `member.accepted ${HOSTILE_NAMES.mia} by ${HOSTILE_NAMES.mia}`,
      `member.invited bo@example.com by ${HOSTILE_NAMES.mia}`,
    ]);
  });

  it('X1: a revoked member can still be filtered on, as actor and as the one acted on', async () => {
    expect(story(await listAll({ memberId: history.ids.bo }))).toEqual([
      `member.invited bo@example.com by ${HOSTILE_NAMES.mia}`,
      `member.accepted ${HOSTILE_NAMES.bo.normalize('NFC')} by ${HOSTILE_NAMES.bo.normalize('NFC')}`,
      `member.revoked ${HOSTILE_NAMES.bo.normalize('NFC')} by Olive Owner`,
    ]);
  });

  it('X1: "from" includes its own millisecond and "to" leaves its own out, so whole days meet without a gap or an overlap', async () => {
    const third = Date.UTC(2031, 2, 3);
    const secondDay = await listAll({ from: third - DAY, to: third });
    const thirdDay = await listAll({ from: third, to: third + DAY });
    // Ada's promotion is at exactly midnight: the day it starts, not the day before.
    expect(story(secondDay)).toEqual(['member.invited ada@example.com by Olive Owner', `member.accepted ${HOSTILE_NAMES.ada} by ${HOSTILE_NAMES.ada}`]);
    expect(story(thirdDay)[0]).toBe(`member.edited ${HOSTILE_NAMES.ada} by Olive Owner`);
    expect(thirdDay.every((entry) => entry.at >= third && entry.at < third + DAY)).toBe(true);

    expect(await listAll({ from: AUDIT_TIMES.adaPromoted, to: AUDIT_TIMES.adaPromoted + 1 })).toHaveLength(1);
    expect(await listAll({ from: AUDIT_TIMES.adaPromoted + 1, to: AUDIT_TIMES.miaJoined })).toEqual([]);
    // The last millisecond of 5 March belongs to 5 March.
    expect(story(await listAll({ from: AUDIT_TIMES.membersExported }))).toEqual(['members.exported - by Olive Owner']);
    // Up to it: everything else, the workspace's setup included.
    expect(await listAll({ to: AUDIT_TIMES.membersExported })).toHaveLength(9);
    // Days that together cover the story hold each of its entries once.
    const days = [2, 3, 4, 5].map((day) => Date.UTC(2031, 2, day));
    const byDay = (await Promise.all(days.map((from) => listAll({ from, to: from + DAY })))).flat();
    expect(byDay.map((entry) => entry.id).sort()).toEqual((await listAll({ from: days[0] })).map((entry) => entry.id).sort());
    expect(byDay).toHaveLength(9);
  });

  it('X1: a range that ends before it starts matches nothing', async () => {
    expect(await listAll({ from: AUDIT_TIMES.boRevoked, to: AUDIT_TIMES.adaJoined })).toEqual([]);
  });

  it('X1: filters together narrow each other', async () => {
    expect(story(await listAll({ action: 'member.invited', actorMemberId: history.ids.mia }))).toEqual([
      `member.invited bo@example.com by ${HOSTILE_NAMES.mia}`,
    ]);
    expect(story(await listAll({ memberId: history.ids.ada, from: AUDIT_TIMES.adaPromoted }))).toEqual([`member.edited ${HOSTILE_NAMES.ada} by Olive Owner`]);
    expect(story(await listAll({ memberId: history.ids.bo, actorMemberId: history.ids.owner }))).toEqual([
      `member.revoked ${HOSTILE_NAMES.bo.normalize('NFC')} by Olive Owner`,
    ]);
    expect(
      story(await listAll({ action: 'member.invited', memberId: history.ids.mia, actorMemberId: history.ids.owner, from: AUDIT_TIMES.miaJoined, to: AUDIT_TIMES.boJoined })),
    ).toEqual(['member.invited mia@example.com by Olive Owner']);
    expect(await listAll({ action: 'member.revoked', actorMemberId: history.ids.mia })).toEqual([]);
  });

  it('X1: a page at a time gives the same entries as one page, each once, for every kind of filter', async () => {
    for (const filters of [{}, { memberId: history.ids.ada }, { memberId: history.ids.mia }, { actorMemberId: history.ids.owner }, { from: AUDIT_TIMES.adaPromoted }]) {
      const whole = await listAll(filters, 500);
      const paged = await listAll(filters, 1);
      expect(paged.map((entry) => entry.id)).toEqual(whole.map((entry) => entry.id));
      expect(new Set(paged.map((entry) => entry.id)).size).toBe(paged.length);
    }
  });

  it('X1: an older desktop that sends only action and member gets what it always got', async () => {
    const old = await history.owner.call('audit.list', { action: 'member.invited', memberId: history.ids.mia, before: null, limit: 100 });
    const now = await history.owner.call('audit.list', { action: 'member.invited', memberId: history.ids.mia, actorMemberId: null, from: null, to: null });
    expect(old).toEqual(now);
    expect(story(old.entries)).toEqual(['member.invited mia@example.com by Olive Owner', `member.invited bo@example.com by ${HOSTILE_NAMES.mia}`]);
  });

  it('X1: a filter the hub cannot read is refused as such', async () => {
    const reply = await history.owner.request('audit.list', { from: 'yesterday' });
    expect(reply).toMatchObject({ ok: false, error: { code: 'invalid_message' } });
  });
});
