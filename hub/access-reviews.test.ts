// Issue 13.1, access reviews through raw sockets: who may start and decide one
// (U1, A4, E3, U7), who it holds at the edges of its criteria, each row applied
// on its own (V2 contacts to the heir or unassigned, V4), the audit entries
// (X1), and a schedule stored in UTC that is still due after a real restart.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { NO_RESTRICTIONS } from '../shared/policy';
import type { AccessReview } from '../shared/protocol/access-reviews';
import type { TestClient } from './testing/test-client';
import type { TestHub } from './testing/test-hub';
import { MEMBER_PASSWORD, OWNER_PASSWORD, startTestHub } from './testing/test-hub';

const DAY = 24 * 60 * 60 * 1000;
let clock = Date.now();
let hub: TestHub;
let owner: TestClient;
let ownerId: string;

beforeEach(async () => {
  clock = Date.now();
  hub = await startTestHub({ now: () => clock });
  owner = await hub.connect(hub.ownerEmail, OWNER_PASSWORD);
  ownerId = (await owner.waitFor('snapshot')).snapshot.selfMemberId;
});
afterEach(() => hub.stop());

/** As if the member was last seen `daysAgo` days before the hub's clock (null: never seen). */
async function lastSeen(memberId: string, daysAgo: number | null, extraMs = 0): Promise<void> {
  if (daysAgo === null) return;
  await hub.hub.store.members.setLastSeen(memberId, clock - daysAgo * DAY + extraMs);
}

const start = (by: TestClient, criteria: object): Promise<{ review: AccessReview }> => by.mutate('review.start', { criteria });
const names = (review: AccessReview): string[] => review.items.map((item) => item.email).sort();
const keepAll = (review: AccessReview) => review.items.map((item) => ({ memberId: item.memberId, decision: 'keep' }));

async function auditOf(action: string) {
  return (await hub.hub.store.audit.all(hub.workspaceId)).filter((entry) => entry.action === action);
}

describe('U1, A4, E3: who may review whom', () => {
  it('A4: an Owner reviews Owners, Managers and Agents but never themselves (U7)', async () => {
    const ids = [
      await hub.addMember(owner, 'owner2@example.com', 'owner'),
      await hub.addMember(owner, 'manager@example.com', 'manager'),
      await hub.addMember(owner, 'agent@example.com', 'agent'),
    ];
    for (const id of [...ids, ownerId]) await lastSeen(id, 40);
    const { review } = await start(owner, { kind: 'not_seen', days: 30 });
    expect(names(review)).toEqual(['agent@example.com', 'manager@example.com', 'owner2@example.com']);
  });

  it('E3: a Manager reviews Agents only, not other Managers, Owners or themselves', async () => {
    await hub.addMember(owner, 'manager@example.com', 'manager');
    await hub.addMember(owner, 'manager2@example.com', 'manager');
    await hub.addMember(owner, 'agent@example.com', 'agent');
    const manager = await hub.connect('manager@example.com', MEMBER_PASSWORD);
    const { review } = await start(manager, { kind: 'never_signed_in' });
    expect(names(review)).toEqual(['agent@example.com']);
  });

  it('U1: an Agent, and a Manager without Workspace Settings (R1), may not start, read, decide or schedule a review', async () => {
    await hub.addMember(owner, 'agent@example.com', 'agent');
    await hub.addMember(owner, 'r1@example.com', 'manager', { workspaceSettings: true });
    const { review } = await start(owner, { kind: 'never_signed_in' });
    for (const email of ['agent@example.com', 'r1@example.com']) {
      const client = await hub.connect(email, MEMBER_PASSWORD);
      await expect(start(client, { kind: 'never_signed_in' })).rejects.toMatchObject({ error: { code: expect.stringMatching(/module_unavailable|restricted/) } });
      await expect(client.call('review.get', { reviewId: review.id })).rejects.toMatchObject({ error: { rule: expect.stringMatching(/U1|R1/) } });
      await expect(client.mutate('review.decide', { reviewId: review.id, decisions: keepAll(review) })).rejects.toMatchObject({ error: { rule: expect.stringMatching(/U1|R1/) } });
      await expect(client.mutate('review.schedule', { everyDays: 30 })).rejects.toMatchObject({ error: { rule: expect.stringMatching(/U1|R1/) } });
    }
    expect((await hub.hub.store.accessReviews.byId(review.id))?.status).toBe('open');
    expect(await hub.hub.store.accessReviews.scheduleOf(ownerId)).toBeUndefined();
  });

  it('E3: a Manager cannot decide about a Manager by sending ids of an Owner’s review, nor about anyone outside the review', async () => {
    const otherManager = await hub.addMember(owner, 'manager2@example.com', 'manager');
    const agent = await hub.addMember(owner, 'agent@example.com', 'agent');
    const outsider = await hub.addMember(owner, 'outsider@example.com', 'agent');
    await lastSeen(outsider, 0);
    await hub.addMember(owner, 'manager@example.com', 'manager');
    const manager = await hub.connect('manager@example.com', MEMBER_PASSWORD);
    const { review } = await start(owner, { kind: 'never_signed_in' });
    expect(names(review)).toEqual(['agent@example.com', 'manager2@example.com']);

    const result = await manager.mutate('review.decide', {
      reviewId: review.id,
      decisions: [
        { memberId: otherManager, decision: 'revoke' },
        { memberId: agent, decision: 'revoke' },
        { memberId: outsider, decision: 'revoke' },
      ],
    });
    expect(result.rows).toEqual([
      expect.objectContaining({ memberId: otherManager, outcome: 'refused', code: 'cannot_manage_level', rule: 'A4' }),
      expect.objectContaining({ memberId: agent, outcome: 'revoked' }),
      expect.objectContaining({ memberId: outsider, outcome: 'refused', code: 'not_in_review' }),
    ]);
    expect(await hub.hub.store.members.byId(otherManager)).toBeDefined();
    expect(await hub.hub.store.members.byId(outsider)).toBeDefined();
    expect(await hub.hub.store.members.byId(agent)).toBeUndefined();
  });
});

describe('the criteria, at their edges', () => {
  it('not seen for N days includes exactly N days and leaves out N days less a millisecond', async () => {
    const exactly = await hub.addMember(owner, 'exactly@example.com', 'agent');
    const almost = await hub.addMember(owner, 'almost@example.com', 'agent');
    const longAgo = await hub.addMember(owner, 'long-ago@example.com', 'agent');
    await lastSeen(exactly, 30);
    await lastSeen(almost, 30, 1);
    await lastSeen(longAgo, 400);
    const { review } = await start(owner, { kind: 'not_seen', days: 30 });
    expect(names(review)).toEqual(['exactly@example.com', 'long-ago@example.com']);
    // Longest unseen first, with the time each was last seen as the review started.
    expect(review.items.map((item) => item.lastSeenAt)).toEqual([clock - 400 * DAY, clock - 30 * DAY]);
  });

  it('someone never seen counts from their invitation; "never signed in" holds only those never seen, pending or not', async () => {
    const pending = (await owner.mutate('member.invite', { input: { email: 'pending@example.com', level: 'agent', restrictions: NO_RESTRICTIONS } })).member.id;
    const neverSeen = await hub.addMember(owner, 'never@example.com', 'agent');
    const seen = await hub.addMember(owner, 'seen@example.com', 'agent');
    await lastSeen(seen, 100);
    expect(names((await start(owner, { kind: 'not_seen', days: 1 })).review)).toEqual(['seen@example.com']);
    clock += DAY;
    expect(names((await start(owner, { kind: 'not_seen', days: 1 })).review)).toEqual(['never@example.com', 'pending@example.com', 'seen@example.com']);
    const never = (await start(owner, { kind: 'never_signed_in' })).review;
    expect(never.items.map((item) => [item.memberId, item.memberStatus]).sort()).toEqual(
      [
        [pending, 'pending'],
        [neverSeen, 'active'],
      ].sort(),
    );
  });

  it('someone online now is never a candidate', async () => {
    await hub.addMember(owner, 'online@example.com', 'agent');
    await hub.connect('online@example.com', MEMBER_PASSWORD);
    clock += 10 * DAY;
    expect(names((await start(owner, { kind: 'not_seen', days: 5 })).review)).toEqual([]);
  });

  it('refuses criteria that are not a whole number of days from 1', async () => {
    for (const days of [0, 1.5, -3]) {
      const reply = await owner.request('review.start', { mutationId: `start-bad-${String(days).replace(/\W/g, '')}`, criteria: { kind: 'not_seen', days } });
      expect(reply).toMatchObject({ ok: false, error: { code: 'invalid_message' } });
    }
  });
});

describe('V1-V4: one confirmed step, each row on its own', () => {
  it('V2: revoked members’ contacts go to the chosen member or become unassigned, kept members stay, and the review is completed once', async () => {
    const heir = await hub.addMember(owner, 'heir@example.com', 'agent', {}, 'Hana Heir');
    await lastSeen(heir, 0);
    const toHeir = await hub.addMember(owner, 'to-heir@example.com', 'agent');
    const toNobody = await hub.addMember(owner, 'to-nobody@example.com', 'agent');
    const kept = await hub.addMember(owner, 'kept@example.com', 'agent');
    const contact = async (name: string, assigneeId: string) =>
      (await owner.mutate('contact.create', { name, phone: null, email: null, assigneeId, teamId: null })).contact.id;
    const c1 = await contact('Carla', toHeir);
    const c2 = await contact('Dev', toHeir);
    const c3 = await contact('Eli', toNobody);

    const { review } = await start(owner, { kind: 'never_signed_in' });
    expect(names(review)).toEqual(['kept@example.com', 'to-heir@example.com', 'to-nobody@example.com']);
    const decisions = [
      { memberId: toHeir, decision: 'revoke', heirId: heir },
      { memberId: toNobody, decision: 'revoke', heirId: null },
      { memberId: kept, decision: 'keep' },
    ];
    const result = await owner.mutate('review.decide', { reviewId: review.id, decisions }, 'decide-once-1');
    expect(result).toMatchObject({ kept: 1, revoked: 2, refused: 0 });
    expect(result.rows).toEqual([
      { memberId: toHeir, outcome: 'revoked', contactsAffected: 2 },
      { memberId: toNobody, outcome: 'revoked', contactsAffected: 1 },
      { memberId: kept, outcome: 'kept' },
    ]);
    const contacts = hub.hub.store.contacts;
    expect((await Promise.all([c1, c2].map((id) => contacts.byId(id)))).map((contact) => contact?.assigneeId)).toEqual([heir, heir]);
    expect((await contacts.byId(c3))?.assigneeId).toBeNull();
    expect(await hub.hub.store.members.byId(kept)).toBeDefined();
    expect(result.review).toMatchObject({ status: 'completed', completedAt: clock });
    expect(result.review.items.find((item) => item.memberId === toHeir)).toMatchObject({ decision: 'revoke', outcome: 'revoked', heirMemberId: heir, decidedByMemberId: ownerId, decidedAt: clock });

    // The same confirmation sent again (a lost reply) is answered again and changes nothing.
    await expect(owner.mutate('review.decide', { reviewId: review.id, decisions }, 'decide-once-1')).resolves.toEqual(result);
    await expect(owner.mutate('review.decide', { reviewId: review.id, decisions })).rejects.toMatchObject({ error: { code: 'conflict' } });
  });

  it('X1: the review, each revoke with its review, and the outcome go to the audit log', async () => {
    const gone = await hub.addMember(owner, 'gone@example.com', 'agent', {}, 'Gina Gone');
    const stays = await hub.addMember(owner, 'stays@example.com', 'agent', {}, 'Sam Stays');
    const { review } = await start(owner, { kind: 'never_signed_in' });
    await owner.mutate('review.decide', { reviewId: review.id, decisions: [{ memberId: gone, decision: 'revoke' }, { memberId: stays, decision: 'keep' }] });
    expect(await auditOf('review.started')).toEqual([expect.objectContaining({ actorMemberId: ownerId, at: clock, after: { reviewId: review.id, criteria: 'never_signed_in', members: 2, leftOut: 0 } })]);
    expect(await auditOf('member.revoked')).toEqual([
      expect.objectContaining({ targetMemberId: gone, targetName: 'Gina Gone', after: { contactsAffected: 0, contactsMovedTo: null, reviewId: review.id } }),
    ]);
    expect(await auditOf('review.completed')).toEqual([
      expect.objectContaining({ actorMemberId: ownerId, after: { reviewId: review.id, kept: 1, revoked: 1, refused: 0, keptMembers: ['Sam Stays'], refusedMembers: [] } }),
    ]);
  });

  it('a member changed or seen since the review started is not revoked, and the other rows still apply', async () => {
    const edited = await hub.addMember(owner, 'edited@example.com', 'agent');
    const seenSince = await hub.addMember(owner, 'seen-since@example.com', 'agent');
    const revokedMeanwhile = await hub.addMember(owner, 'revoked-meanwhile@example.com', 'agent');
    const plain = await hub.addMember(owner, 'plain@example.com', 'agent');
    const { review } = await start(owner, { kind: 'never_signed_in' });

    const version = (await hub.hub.store.members.byId(edited))?.version ?? 0;
    await owner.mutate('member.edit', { input: { memberId: edited, level: 'manager', restrictions: {}, baseVersion: version } });
    const seenClient = await hub.connect('seen-since@example.com', MEMBER_PASSWORD);
    seenClient.close();
    await owner.mutate('member.revoke', { input: { memberId: revokedMeanwhile, reassignContactsTo: null } });

    const result = await owner.mutate('review.decide', { reviewId: review.id, decisions: [edited, seenSince, revokedMeanwhile, plain].map((memberId) => ({ memberId, decision: 'revoke' })) });
    expect(result.rows.map((row) => [row.memberId, row.outcome, row.code])).toEqual([
      [edited, 'refused', 'member_changed'],
      [seenSince, 'refused', 'member_changed'],
      [revokedMeanwhile, 'refused', 'not_found'],
      [plain, 'revoked', undefined],
    ]);
    expect(result.rows[0]?.message).toBe('edited’s access was changed since the review started, so it was kept; start a new review to look again.');
    expect((await hub.hub.store.members.byId(edited))?.level).toBe('manager');
    expect(await hub.hub.store.members.byId(seenSince)).toBeDefined();
    expect(result.review.items.find((item) => item.memberId === edited)?.refusal).toMatchObject({ code: 'member_changed' });
  });

  it('V2: contacts cannot go to someone who loses access in the same review; that row alone is refused', async () => {
    const a = await hub.addMember(owner, 'a@example.com', 'agent', {}, 'Ada');
    const b = await hub.addMember(owner, 'b@example.com', 'agent', {}, 'Bo');
    const contactId = (await owner.mutate('contact.create', { name: 'Cy', phone: null, email: null, assigneeId: a, teamId: null })).contact.id;
    const { review } = await start(owner, { kind: 'never_signed_in' });
    const result = await owner.mutate('review.decide', {
      reviewId: review.id,
      decisions: [
        { memberId: a, decision: 'revoke', heirId: b },
        { memberId: b, decision: 'revoke' },
      ],
    });
    expect(result.rows[0]).toMatchObject({ outcome: 'refused', code: 'invalid_reassignment', message: 'Contacts cannot go to Bo, who loses access in this review; choose someone else.' });
    expect(result.rows[1]).toMatchObject({ outcome: 'revoked' });
    expect((await hub.hub.store.contacts.byId(contactId))?.assigneeId).toBe(a);
  });

  it('every member of the review must be kept or revoked; a partial confirmation changes nothing', async () => {
    const a = await hub.addMember(owner, 'a@example.com', 'agent');
    await hub.addMember(owner, 'b@example.com', 'agent');
    const { review } = await start(owner, { kind: 'never_signed_in' });
    await expect(owner.mutate('review.decide', { reviewId: review.id, decisions: [{ memberId: a, decision: 'revoke' }] })).rejects.toMatchObject({
      error: { code: 'invalid_message', message: 'Keep or revoke every member of the review before confirming (1 without a choice).' },
    });
    expect(await hub.hub.store.members.byId(a)).toBeDefined();
    expect((await hub.hub.store.accessReviews.byId(review.id))?.status).toBe('open');
  });

  it('V4: a review revokes other Owners but the workspace always keeps one; a revoked Owner’s own review can no longer be confirmed', async () => {
    await hub.addMember(owner, 'agent@example.com', 'agent');
    await hub.addMember(owner, 'owner2@example.com', 'owner');
    const owner2 = await hub.connect('owner2@example.com', MEMBER_PASSWORD);
    const owner2Id = (await owner2.waitFor('snapshot')).snapshot.selfMemberId;
    const theirs = (await start(owner2, { kind: 'never_signed_in' })).review;
    expect(names(theirs)).toEqual(['agent@example.com']);
    owner2.close();
    await owner.waitFor('presence', (message) => message.presence.some((each) => each.memberId === owner2Id && !each.isOnline));
    await lastSeen(owner2Id, 50);

    const mine = (await start(owner, { kind: 'not_seen', days: 30 })).review;
    expect(names(mine)).toEqual(['owner2@example.com']);
    const result = await owner.mutate('review.decide', { reviewId: mine.id, decisions: [{ memberId: owner2Id, decision: 'revoke' }] });
    expect(result.revoked).toBe(1);
    expect(await hub.hub.store.members.activeOwnerCount(hub.workspaceId)).toBe(1);
    await expect(hub.connect('owner2@example.com', MEMBER_PASSWORD)).rejects.toThrow();
    expect((await hub.hub.store.accessReviews.byId(theirs.id))?.status).toBe('open');
  });
});

describe('the schedule: stored in UTC, due by the hub’s clock, surviving a restart', () => {
  it('every 30 days: not due before, due after a real restart of the hub on the same data folder, and a completed review moves it on', async () => {
    const set = await owner.mutate('review.schedule', { everyDays: 30 });
    expect(set.schedule).toEqual({ everyDays: 30, nextDueAt: clock + 30 * DAY, isDue: false });
    expect(await hub.hub.store.accessReviews.scheduleOf(ownerId)).toMatchObject({ everyDays: 30, nextDueAt: clock + 30 * DAY });
    expect(await auditOf('review.scheduled')).toEqual([expect.objectContaining({ before: { everyDays: null }, after: { everyDays: 30, nextDueAt: clock + 30 * DAY } })]);

    const setAt = clock;
    clock = setAt + 30 * DAY - 1;
    expect((await owner.call('review.get', {})).schedule?.isDue).toBe(false);

    hub = await hub.restart({ now: () => clock }, async () => {
      clock = setAt + 30 * DAY;
    });
    owner = await hub.connect(hub.ownerEmail, OWNER_PASSWORD);
    expect((await owner.call('review.get', {})).schedule).toEqual({ everyDays: 30, nextDueAt: setAt + 30 * DAY, isDue: true });

    const { review } = await start(owner, { kind: 'never_signed_in' });
    // Nobody to decide on: confirming the empty review still completes it.
    await owner.mutate('review.decide', { reviewId: review.id, decisions: keepAll(review) });
    expect((await owner.call('review.get', {})).schedule).toEqual({ everyDays: 30, nextDueAt: clock + 30 * DAY, isDue: false });

    await expect(owner.mutate('review.schedule', { everyDays: null })).resolves.toEqual({ schedule: null });
    expect(await hub.hub.store.accessReviews.scheduleOf(ownerId)).toBeUndefined();
    const badEvery = await owner.request('review.schedule', { mutationId: 'schedule-45-days', everyDays: 45 });
    expect(badEvery).toMatchObject({ ok: false, error: { code: 'invalid_message' } });
  });

  it('review.get answers the asker’s open review until it is decided', async () => {
    await hub.addMember(owner, 'a@example.com', 'agent');
    expect(await owner.call('review.get', {})).toEqual({ review: null, schedule: null });
    const { review } = await start(owner, { kind: 'never_signed_in' });
    expect((await owner.call('review.get', {})).review?.id).toBe(review.id);
    await owner.mutate('review.decide', { reviewId: review.id, decisions: keepAll(review) });
    expect((await owner.call('review.get', {})).review).toBeNull();
    expect((await owner.call('review.get', { reviewId: review.id })).review?.status).toBe('completed');
    await expect(owner.call('review.get', { reviewId: 'no-such-review' })).rejects.toMatchObject({ error: { code: 'not_found' } });
  });
});
