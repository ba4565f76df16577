// Issue 13.1, access reviews: an Owner or Manager looks at the members who
// have not been seen for a while (or never since they were invited), keeps or
// revokes each in one confirmed step, and may be reminded every 30 or 90 days.
// These are the request shapes and the answers both ends check with; the hub
// decides who may review whom with the shared policy (A4, E3).
import { z } from 'zod';
import { HUB_ERROR_CODES } from './errors';
import { idSchema, timestampSchema } from '../domain/schemas';
import { ACCESS_LEVELS } from '../policy/levels';

/** The most members one review holds (the longest unseen first); the rest wait for the next review. */
export const MAX_REVIEW_MEMBERS = 1_000;
/** The longest "not seen for" a review may ask about. */
export const MAX_REVIEW_DAYS = 3_650;
/** How often a scheduled review comes due, in days. */
export const REVIEW_INTERVALS = [30, 90] as const;
export type ReviewInterval = (typeof REVIEW_INTERVALS)[number];

export const reviewCriteriaSchema = z.discriminatedUnion('kind', [
  /** Members not seen for at least `days` days (one never seen counts from their invitation). */
  z.strictObject({
    kind: z.literal('not_seen'),
    days: z.number().int('Enter a whole number of days').min(1, 'Enter at least 1 day').max(MAX_REVIEW_DAYS, `Enter at most ${MAX_REVIEW_DAYS} days`),
  }),
  /** Members never seen since they were invited (whether or not they accepted). */
  z.strictObject({ kind: z.literal('never_signed_in') }),
]);
export type ReviewCriteria = z.infer<typeof reviewCriteriaSchema>;

export const REVIEW_DECISIONS = ['keep', 'revoke'] as const;
export type ReviewDecision = (typeof REVIEW_DECISIONS)[number];

/** Why a row of `review.decide` was not applied, besides the hub's own codes (a policy refusal, `not_found`, ...). */
export const REVIEW_ROW_CODES = [
  ...HUB_ERROR_CODES,
  /** The member's access changed, or they were seen, since the review started: look again. */
  'member_changed',
  /** The member is not one of the review's (a crafted or mistyped id). */
  'not_in_review',
] as const;
export type ReviewRowCode = (typeof REVIEW_ROW_CODES)[number];

export const reviewDecisionSchema = z.strictObject({
  memberId: idSchema,
  decision: z.enum(REVIEW_DECISIONS),
  /** V2: where a revoked member's contacts go; null leaves them unassigned. Ignored for `keep`. */
  heirId: idSchema.nullable().default(null),
});

export const reviewDecisionsSchema = z
  .array(reviewDecisionSchema)
  .max(MAX_REVIEW_MEMBERS, `A review holds at most ${MAX_REVIEW_MEMBERS.toLocaleString('en')} members`)
  .refine((rows) => new Set(rows.map((row) => row.memberId)).size === rows.length, 'Each member is decided once');

export const reviewStartShape = { criteria: reviewCriteriaSchema };
export const reviewGetShape = {
  /** A review of this workspace; null for the asker's newest open review, if any. */
  reviewId: idSchema.nullable().default(null),
};
export const reviewDecideShape = { reviewId: idSchema, decisions: reviewDecisionsSchema };
export const reviewScheduleShape = {
  /** Every 30 or 90 days, or null to stop the reminders. */
  everyDays: z.union([z.literal(30), z.literal(90)]).nullable(),
};

export const reviewItemSchema = z.object({
  memberId: idSchema,
  displayName: z.string(),
  email: z.string(),
  level: z.enum(ACCESS_LEVELS),
  memberStatus: z.enum(['pending', 'active']),
  invitedAt: timestampSchema,
  /** When the member was last seen, as the review started; null: never since invited. */
  lastSeenAt: timestampSchema.nullable(),
  decision: z.enum(REVIEW_DECISIONS).nullable(),
  outcome: z.enum(['kept', 'revoked', 'refused']).nullable(),
  /** For a refused row: why, in words for people. */
  refusal: z.object({ code: z.enum(REVIEW_ROW_CODES), message: z.string() }).nullable(),
  heirMemberId: idSchema.nullable(),
  contactsAffected: z.number().int().nonnegative().nullable(),
  decidedByMemberId: idSchema.nullable(),
  decidedAt: timestampSchema.nullable(),
});
export type ReviewItem = z.infer<typeof reviewItemSchema>;

export const accessReviewSchema = z.object({
  id: idSchema,
  startedByMemberId: idSchema,
  startedByName: z.string(),
  startedAt: timestampSchema,
  criteria: reviewCriteriaSchema,
  status: z.enum(['open', 'completed']),
  completedAt: timestampSchema.nullable(),
  /** Members who matched but did not fit in this review (over MAX_REVIEW_MEMBERS). */
  leftOut: z.number().int().nonnegative(),
  items: z.array(reviewItemSchema),
});
export type AccessReview = z.infer<typeof accessReviewSchema>;

/** The asker's own recurring review: next due at `nextDueAt` (UTC ms); `isDue` by the hub's clock. */
export const reviewScheduleSchema = z
  .object({ everyDays: z.union([z.literal(30), z.literal(90)]), nextDueAt: timestampSchema, isDue: z.boolean() })
  .nullable();
export type ReviewSchedule = z.infer<typeof reviewScheduleSchema>;

export const reviewRowResultSchema = z.object({
  memberId: idSchema,
  outcome: z.enum(['kept', 'revoked', 'refused']),
  code: z.enum(REVIEW_ROW_CODES).optional(),
  message: z.string().optional(),
  rule: z.string().optional(),
  contactsAffected: z.number().int().nonnegative().optional(),
});
export type ReviewRowResult = z.infer<typeof reviewRowResultSchema>;

export const reviewStartResultSchema = z.object({ review: accessReviewSchema });
export const reviewGetResultSchema = z.object({ review: accessReviewSchema.nullable(), schedule: reviewScheduleSchema });
export const reviewDecideResultSchema = z.object({
  review: accessReviewSchema,
  rows: z.array(reviewRowResultSchema),
  kept: z.number().int().nonnegative(),
  revoked: z.number().int().nonnegative(),
  refused: z.number().int().nonnegative(),
});
export const reviewScheduleResultSchema = z.object({ schedule: reviewScheduleSchema });
