// Issue 13.1: the one confirmed step of an access review. Every member of the
// review is kept or revoked; each row is decided and applied on its own, in a
// savepoint of the request's transaction, so a refused row never takes the
// others with it and no row is half applied. A revoke is the ordinary revoke
// (V1-V4, members.ts), so its contacts go to the chosen heir or become
// unassigned (V2) and the last Owner stays (V4); its audit entry carries the
// review's id. A keep changes nothing but is still the policy's to allow (E3):
// a Manager cannot decide about a Manager, whatever ids they send.
import type { AuditAction } from '../../shared/domain';
import { effectiveRestrictions } from '../../shared/policy';
import type { RequestResult } from '../../shared/protocol';
import type { ReviewRowCode, ReviewRowResult } from '../../shared/protocol/access-reviews';
import type { HubStore } from '../store/hub-store';
import type { AccessReviewItemRow } from '../store/repos/access-reviews';
import type { MemberWithPerson } from '../store/repos/members';
import { advanceSchedule, ensureMayReview, reviewInWorkspace, toWireReview } from './access-reviews';
import type { AuditTarget } from './audit-writer';
import { AuditWriter } from './audit-writer';
import { HubFailure } from './hub-failure';
import { asTarget, revokeMember } from './members';
import type { MutationContext } from './mutation-context';
import { ensureAllowed, inSavepoint } from './mutation-context';

type Decision = { memberId: string; decision: 'keep' | 'revoke'; heirId: string | null };

/** A row the review refuses for a reason of its own (not a policy or store refusal). */
class RowRefusal extends Error {
  constructor(
    readonly code: ReviewRowCode,
    message: string,
  ) {
    super(message);
  }
}

/** X1: a revoke made by a review is the usual `member.revoked` entry, plus the review it came from. */
class ReviewAuditWriter extends AuditWriter {
  constructor(
    private readonly inner: AuditWriter,
    private readonly context: MutationContext,
    private readonly reviewId: string,
  ) {
    super(context.store, context.workspace.id, context.viewer.member, context.now);
  }

  override using(store: HubStore): AuditWriter {
    return new ReviewAuditWriter(this.inner.using(store), { ...this.context, store }, this.reviewId);
  }

  override async record(action: AuditAction, target: AuditTarget | null, before: Record<string, unknown> | null, after: Record<string, unknown> | null): Promise<void> {
    await this.inner.record(action, target, before, action === 'member.revoked' ? { ...after, reviewId: this.reviewId } : after);
  }
}

export async function decideReview(context: MutationContext, input: { reviewId: string; decisions: readonly Decision[] }): Promise<RequestResult<'review.decide'>> {
  ensureMayReview(context);
  const { store } = context;
  const review = await reviewInWorkspace(context, input.reviewId);
  if (review.status !== 'open') {
    throw new HubFailure('conflict', 'This review was already completed; start a new review to look again.');
  }
  const items = new Map((await store.accessReviews.items(review.id)).map((item) => [item.memberId, item]));
  const named = new Set(input.decisions.map((decision) => decision.memberId));
  const missing = [...items.keys()].filter((memberId) => !named.has(memberId)).length;
  if (missing > 0) {
    throw new HubFailure('invalid_message', `Keep or revoke every member of the review before confirming (${missing} without a choice).`);
  }
  const revoking = new Set(input.decisions.filter((each) => each.decision === 'revoke' && items.has(each.memberId)).map((each) => each.memberId));
  const rowContext: MutationContext = { ...context, audit: new ReviewAuditWriter(context.audit, context, review.id) };
  // One row after another, in the order sent: each row's savepoint holds the transaction's connection.
  const rows: ReviewRowResult[] = [];
  for (const decision of input.decisions) rows.push(await decideRow(rowContext, items.get(decision.memberId), decision, revoking, review.id));

  const kept = rows.filter((row) => row.outcome === 'kept');
  const revoked = rows.filter((row) => row.outcome === 'revoked');
  const refused = rows.filter((row) => row.outcome === 'refused');
  await store.accessReviews.complete(review.id, context.viewer.member.id, context.now);
  await context.audit.record('review.completed', null, null, {
    reviewId: review.id,
    kept: kept.length,
    revoked: revoked.length,
    refused: refused.length,
    keptMembers: kept.map((row) => items.get(row.memberId)?.displayName),
    refusedMembers: refused.map((row) => items.get(row.memberId)?.displayName ?? row.memberId),
  });
  await advanceSchedule(context);
  const completed = await reviewInWorkspace(context, review.id);
  return { review: await toWireReview(store, completed), rows, kept: kept.length, revoked: revoked.length, refused: refused.length };
}

async function decideRow(
  context: MutationContext,
  item: AccessReviewItemRow | undefined,
  decision: Decision,
  revoking: ReadonlySet<string>,
  reviewId: string,
): Promise<ReviewRowResult> {
  const { store, viewer, now } = context;
  if (!item) return { memberId: decision.memberId, outcome: 'refused', code: 'not_in_review', message: 'This member is not part of this review.' };
  const decided = { decision: decision.decision, decidedByMemberId: viewer.member.id, decidedAt: now };
  try {
    // A savepoint per row (a transaction inside the request's): a refusal rolls back this row only.
    const row = await inSavepoint(context, (inner) => applyRow(inner, item, decision, revoking));
    await store.accessReviews.setOutcome(reviewId, item.memberId, {
      ...decided,
      outcome: row.outcome,
      refusalCode: null,
      refusalMessage: null,
      heirMemberId: row.outcome === 'revoked' ? decision.heirId : null,
      contactsAffected: row.contactsAffected ?? null,
    });
    return row;
  } catch (error) {
    const refusal = asRefusal(error);
    await store.accessReviews.setOutcome(reviewId, item.memberId, {
      ...decided,
      outcome: 'refused',
      refusalCode: refusal.code,
      refusalMessage: refusal.message,
      heirMemberId: null,
      contactsAffected: null,
    });
    return { memberId: item.memberId, outcome: 'refused', ...refusal };
  }
}

function asRefusal(error: unknown): { code: ReviewRowCode; message: string; rule?: string } {
  if (error instanceof RowRefusal) return { code: error.code, message: error.message };
  if (error instanceof HubFailure) return { code: error.code, message: error.message, ...(error.rule ? { rule: error.rule } : {}) };
  // Anything else is the hub failing: the whole request fails and nothing of it stays.
  throw error;
}

async function applyRow(context: MutationContext, item: AccessReviewItemRow, decision: Decision, revoking: ReadonlySet<string>): Promise<ReviewRowResult> {
  const { store, workspace } = context;
  const member = await store.members.byId(item.memberId);
  if (!member || member.workspaceId !== workspace.id) {
    throw new RowRefusal('not_found', `${item.displayName} is no longer a member of this workspace.`);
  }
  const activeOwnerCount = await store.members.activeOwnerCount(workspace.id);
  if (decision.decision === 'keep') {
    // E3: keeping someone's access as it is is still a decision about it, the policy's to allow.
    ensureAllowed(context, {
      type: 'member.edit',
      target: asTarget(member),
      level: member.level,
      restrictions: effectiveRestrictions(member.level, workspace.plan, member.restrictions),
      activeOwnerCount,
    });
    return { memberId: member.id, outcome: 'kept' };
  }
  ensureUnchanged(context, item, member);
  if (decision.heirId !== null && revoking.has(decision.heirId)) {
    const heir = await store.members.byId(decision.heirId);
    throw new RowRefusal('invalid_reassignment', `Contacts cannot go to ${heir?.displayName ?? 'that member'}, who loses access in this review; choose someone else.`);
  }
  const { contactsAffected } = await revokeMember(context, { memberId: member.id, reassignContactsTo: decision.heirId });
  return { memberId: member.id, outcome: 'revoked', contactsAffected };
}

/** A revoke is decided on the member as the review showed them: seen since, or changed since, means look again. */
function ensureUnchanged(context: MutationContext, item: AccessReviewItemRow, member: MemberWithPerson): void {
  if (context.isOnline(member.id) || member.lastSeenAt !== item.lastSeenAt) {
    throw new RowRefusal('member_changed', `${item.displayName} was seen since the review started, so their access was kept; start a new review to look again.`);
  }
  if (member.version !== item.memberVersion) {
    throw new RowRefusal('member_changed', `${item.displayName}’s access was changed since the review started, so it was kept; start a new review to look again.`);
  }
}
