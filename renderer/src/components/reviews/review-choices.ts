// Issue 13.1: the Keep/Revoke choice of each member of an open review, and
// the words the page says about them. Every member starts as "Keep": nobody
// loses access by a choice not made.
import type { AccessReview, ReviewDecision, ReviewItem, ReviewRowResult } from '@shared/protocol/access-reviews';

export type ReviewChoices = Readonly<Record<string, ReviewDecision>>;

export function keepEveryone(review: AccessReview): ReviewChoices {
  return Object.fromEntries(review.items.map((item) => [item.memberId, 'keep' as const]));
}

export function chooseAll(review: AccessReview, decision: ReviewDecision): ReviewChoices {
  return Object.fromEntries(review.items.map((item) => [item.memberId, decision]));
}

export function revokedIds(choices: ReviewChoices): string[] {
  return Object.entries(choices)
    .filter(([, decision]) => decision === 'revoke')
    .map(([memberId]) => memberId);
}

/** "Keep 12, revoke 3" */
export function summaryOf(review: AccessReview, choices: ReviewChoices): string {
  const revoking = review.items.filter((item) => choices[item.memberId] === 'revoke').length;
  return `Keep ${review.items.length - revoking}, revoke ${revoking}`;
}

/** What became of a member, in words: the hub's own sentence for a refusal. */
export function outcomeWords(row: ReviewRowResult | undefined, item: ReviewItem): string {
  const outcome = row?.outcome ?? item.outcome;
  if (outcome === 'revoked') {
    const moved = row?.contactsAffected ?? item.contactsAffected ?? 0;
    const contacts = `${moved} ${moved === 1 ? 'contact' : 'contacts'}`;
    return item.heirMemberId === null ? `Access revoked; ${contacts} left unassigned` : `Access revoked; ${contacts} moved`;
  }
  if (outcome === 'kept') return 'Kept';
  if (outcome === 'refused') return `Not revoked: ${row?.message ?? item.refusal?.message ?? 'the hub refused it'}`;
  return 'Not decided';
}

/** "Members not seen for 30 days" / "Members who never signed in since they were invited" */
export function criteriaWords(review: AccessReview): string {
  const { criteria } = review;
  if (criteria.kind === 'never_signed_in') return 'Members who never signed in since they were invited';
  return `Members not seen for ${criteria.days} ${criteria.days === 1 ? 'day' : 'days'} or more`;
}

/** Why a review holds nobody, in words. */
export function emptyWords(review: AccessReview): string {
  const { criteria } = review;
  if (criteria.kind === 'never_signed_in') return 'Nobody to review: everyone whose access you may manage has signed in since they were invited.';
  return `Nobody to review: everyone whose access you may manage has been seen in the last ${criteria.days} ${criteria.days === 1 ? 'day' : 'days'}, or is online now.`;
}
