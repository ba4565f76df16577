// Issue 13.1: starting an access review, reading one, and each reviewer's
// recurring schedule. Who a review may hold is the shared policy's answer to
// "may this member revoke that one" (A4, E3, U1, U7): Owners review Owners,
// Managers and Agents; Managers review Agents only; nobody reviews themselves.
// Dates are stored in UTC milliseconds and compared with the hub's clock when a
// request comes, never by a timer: a due review survives restarts and is the
// same on every hub instance reading the same store.
import { decide } from '../../shared/policy';
import type { RequestResult } from '../../shared/protocol';
import type { AccessReview, ReviewCriteria, ReviewRowCode, ReviewSchedule } from '../../shared/protocol/access-reviews';
import { MAX_REVIEW_MEMBERS } from '../../shared/protocol/access-reviews';
import { newId } from '../auth/tokens';
import type { HubStore } from '../store/hub-store';
import type { AccessReviewItemRow, AccessReviewRow } from '../store/repos/access-reviews';
import type { MemberWithPerson } from '../store/repos/members';
import { notFound } from './hub-failure';
import { asTarget } from './members';
import type { MutationContext } from './mutation-context';
import { ensureAllowed } from './mutation-context';

export const DAY_MS = 24 * 60 * 60 * 1000;

/** U1: reviewing access is managing users, so it is for whoever may open the Users page (never Agents). */
export function ensureMayReview(context: MutationContext): void {
  ensureAllowed(context, { type: 'module.open', module: 'settings_users' });
}

/**
 * Whether the member matches the criteria at `now`. "Not seen for N days"
 * includes exactly N days; someone never seen counts from their invitation.
 */
export function matchesCriteria(member: Pick<MemberWithPerson, 'lastSeenAt' | 'invitedAt'>, criteria: ReviewCriteria, now: number): boolean {
  if (criteria.kind === 'never_signed_in') return member.lastSeenAt === null;
  return (member.lastSeenAt ?? member.invitedAt) <= now - criteria.days * DAY_MS;
}

/** The members the viewer may review (the policy's revoke reach) who match, longest unseen first. */
async function candidatesOf(context: MutationContext, criteria: ReviewCriteria): Promise<MemberWithPerson[]> {
  const { store, workspace, viewer, now } = context;
  const activeOwnerCount = await store.members.activeOwnerCount(workspace.id);
  const openEndedOwnerCount = await store.members.openEndedOwnerCount(workspace.id);
  return (await store.members.inWorkspace(workspace.id))
    .filter((member) => !context.isOnline(member.id) && matchesCriteria(member, criteria, now))
    .filter((member) => decide(viewer.actor, { type: 'member.revoke', target: asTarget(member), activeOwnerCount, openEndedOwnerCount }).allowed)
    .sort((a, b) => (a.lastSeenAt ?? -1) - (b.lastSeenAt ?? -1) || a.invitedAt - b.invitedAt);
}

export async function startReview(context: MutationContext, criteria: ReviewCriteria): Promise<RequestResult<'review.start'>> {
  ensureMayReview(context);
  const { store, workspace, viewer, now } = context;
  const matching = await candidatesOf(context, criteria);
  const chosen = matching.slice(0, MAX_REVIEW_MEMBERS);
  const review: AccessReviewRow = {
    id: newId(),
    workspaceId: workspace.id,
    startedByMemberId: viewer.member.id,
    startedByName: viewer.member.displayName,
    startedAt: now,
    criteria: criteria.kind,
    notSeenDays: criteria.kind === 'not_seen' ? criteria.days : null,
    leftOut: matching.length - chosen.length,
    status: 'open',
    completedAt: null,
    completedByMemberId: null,
  };
  await store.accessReviews.insert(review, chosen.map((member) => itemOf(review.id, member)));
  await context.audit.record('review.started', null, null, {
    reviewId: review.id,
    ...criteriaFacts(criteria),
    members: chosen.length,
    leftOut: review.leftOut,
  });
  return { review: await toWireReview(store, review) };
}

function itemOf(reviewId: string, member: MemberWithPerson): AccessReviewItemRow {
  return {
    reviewId,
    memberId: member.id,
    displayName: member.displayName,
    email: member.email,
    level: member.level,
    memberStatus: member.status,
    invitedAt: member.invitedAt,
    lastSeenAt: member.lastSeenAt,
    memberVersion: member.version,
    decision: null,
    outcome: null,
    refusalCode: null,
    refusalMessage: null,
    heirMemberId: null,
    contactsAffected: null,
    decidedByMemberId: null,
    decidedAt: null,
  };
}

export function criteriaFacts(criteria: ReviewCriteria): Record<string, unknown> {
  return criteria.kind === 'not_seen' ? { criteria: 'not_seen', days: criteria.days } : { criteria: 'never_signed_in' };
}

export function criteriaOf(review: AccessReviewRow): ReviewCriteria {
  return review.criteria === 'not_seen' ? { kind: 'not_seen', days: review.notSeenDays ?? 0 } : { kind: 'never_signed_in' };
}

/** A review of the viewer's workspace, or not_found (ids of another workspace look unknown). */
export async function reviewInWorkspace(context: MutationContext, reviewId: string): Promise<AccessReviewRow> {
  const review = await context.store.accessReviews.byId(reviewId);
  if (!review || review.workspaceId !== context.workspace.id) throw notFound('The access review');
  return review;
}

export async function toWireReview(store: HubStore, review: AccessReviewRow): Promise<AccessReview> {
  return {
    id: review.id,
    startedByMemberId: review.startedByMemberId,
    startedByName: review.startedByName,
    startedAt: review.startedAt,
    criteria: criteriaOf(review),
    status: review.status,
    completedAt: review.completedAt,
    leftOut: review.leftOut,
    items: (await store.accessReviews.items(review.id)).map((item) => ({
      memberId: item.memberId,
      displayName: item.displayName,
      email: item.email,
      level: item.level,
      memberStatus: item.memberStatus,
      invitedAt: item.invitedAt,
      lastSeenAt: item.lastSeenAt,
      decision: item.decision,
      outcome: item.outcome,
      // Written by the hub only, from REVIEW_ROW_CODES (access-review-decisions.ts).
      refusal: item.refusalCode ? { code: item.refusalCode as ReviewRowCode, message: item.refusalMessage ?? '' } : null,
      heirMemberId: item.heirMemberId,
      contactsAffected: item.contactsAffected,
      decidedByMemberId: item.decidedByMemberId,
      decidedAt: item.decidedAt,
    })),
  };
}

export async function scheduleOf(context: MutationContext): Promise<ReviewSchedule> {
  const row = await context.store.accessReviews.scheduleOf(context.viewer.member.id);
  if (!row) return null;
  return { everyDays: row.everyDays === 90 ? 90 : 30, nextDueAt: row.nextDueAt, isDue: context.now >= row.nextDueAt };
}

export async function getReview(context: MutationContext, reviewId: string | null): Promise<RequestResult<'review.get'>> {
  ensureMayReview(context);
  const review =
    reviewId === null
      ? await context.store.accessReviews.newestOpenBy(context.workspace.id, context.viewer.member.id)
      : await reviewInWorkspace(context, reviewId);
  return { review: review ? await toWireReview(context.store, review) : null, schedule: await scheduleOf(context) };
}

/** Sets or stops the viewer's recurring review; the first comes due `everyDays` from now (UTC). */
export async function scheduleReview(context: MutationContext, everyDays: 30 | 90 | null): Promise<RequestResult<'review.schedule'>> {
  ensureMayReview(context);
  const { store, workspace, viewer, now } = context;
  const before = await store.accessReviews.scheduleOf(viewer.member.id);
  const beforeFacts = before ? { everyDays: before.everyDays, nextDueAt: before.nextDueAt } : { everyDays: null };
  if (everyDays === null) {
    if (before) {
      await store.accessReviews.clearSchedule(viewer.member.id);
      await context.audit.record('review.scheduled', null, beforeFacts, { everyDays: null });
    }
    return { schedule: null };
  }
  if (before?.everyDays === everyDays) return { schedule: await scheduleOf(context) };
  const nextDueAt = now + everyDays * DAY_MS;
  await store.accessReviews.setSchedule({ memberId: viewer.member.id, workspaceId: workspace.id, everyDays, nextDueAt, updatedAt: now });
  await context.audit.record('review.scheduled', null, beforeFacts, { everyDays, nextDueAt });
  return { schedule: await scheduleOf(context) };
}

/** After a completed review, the reviewer's next one is due a whole interval later. */
export async function advanceSchedule(context: MutationContext): Promise<void> {
  const row = await context.store.accessReviews.scheduleOf(context.viewer.member.id);
  if (!row) return;
  await context.store.accessReviews.setSchedule({ ...row, nextDueAt: context.now + row.everyDays * DAY_MS, updatedAt: context.now });
}
