// Bulk invitations (issue 13): up to 1,000 invitations in one request. The
// row schema below is the one both ends check with: the desktop checks each
// row of a pasted list or a CSV file with it before anything is sent (and
// shows what is wrong on that row), and the hub parses the request with it.
// Each row is then decided by the hub on its own, with the same checks as one
// `member.invite` (A4, A5, R7's plan), and applied on its own: a refused row
// never takes the others with it, and no row is ever half applied.
import { z } from 'zod';
import { inviteMemberInputSchema } from '../domain/inputs';
import { emailSchema, idSchema, teamNameSchema, timestampSchema } from '../domain/schemas';

/** The most rows one request may carry; more is refused whole, before any row is looked at. */
export const MAX_BULK_INVITATION_ROWS = 1_000;

/**
 * Characters that print as nothing (zero-width spaces and joiners, the soft
 * hyphen, the byte order mark, invisible operators). An address holding one
 * looks right and is not: said plainly, rather than as "not a valid address".
 */
const INVISIBLE_CHARACTERS = /[\u00AD\u180E\u200B-\u200F\u2060-\u2064\uFEFF]/u;

/**
 * An email as a bulk row carries it: the same rules as every email (emailSchema),
 * after a first look for invisible characters and a length far past any address,
 * so a huge cell is refused in words before anything normalizes it.
 */
export const bulkInvitationEmailSchema = z
  .string()
  .max(1_000, 'An email address is at most 254 characters')
  .refine((text) => !INVISIBLE_CHARACTERS.test(text), {
    error: 'This address holds an invisible character (such as a zero-width space); type it again',
    abort: true,
  })
  .pipe(emailSchema);

/**
 * One row: one `member.invite` (email, level, restrictions; missing switches
 * are off) and, optionally, the name of a team of the workspace the new
 * member joins (teams are matched by name without regard to case).
 */
export const bulkInvitationRowSchema = inviteMemberInputSchema.extend({
  email: bulkInvitationEmailSchema,
  team: teamNameSchema.nullable().default(null),
});
export type BulkInvitationRow = z.infer<typeof bulkInvitationRowSchema>;
/** A row as a client may write it: restrictions and team may be left out. */
export type BulkInvitationRowInput = z.input<typeof bulkInvitationRowSchema>;

export const bulkInvitationRowsSchema = z
  .array(bulkInvitationRowSchema)
  .min(1, 'The list is empty: add at least one address')
  .max(MAX_BULK_INVITATION_ROWS, `At most ${MAX_BULK_INVITATION_ROWS.toLocaleString('en')} people can be invited at once; split the list`);

/**
 * Why a row was refused: any code of the hub's (already_invited,
 * cannot_invite_level, restriction_needs_plan, ...) or one of these two, which
 * only a list can have. A client reads `message`; it should not fail on a code
 * it does not know.
 */
export const BULK_ONLY_REFUSAL_CODES = [
  /** The same address is earlier in the same list: each person is invited once. */
  'duplicate_row',
  /** No team of that name in the workspace. */
  'unknown_team',
] as const;

const rowIndex = z.number().int().nonnegative().describe('the row’s position in the request’s `rows`, from 0');

export const bulkRefusedRowSchema = z.object({
  index: rowIndex,
  outcome: z.literal('refused'),
  code: z.string(),
  /** What is wrong and what to do, in plain words (never a rule or a field name). */
  message: z.string(),
  /** For a refusal of the access policy: the rule behind it, for programs. */
  rule: z.string().optional(),
});

export const bulkPreviewRowSchema = z.discriminatedUnion('outcome', [
  z.object({ index: rowIndex, outcome: z.literal('ready') }),
  bulkRefusedRowSchema,
]);

export const bulkInvitedRowSchema = z.object({
  index: rowIndex,
  outcome: z.literal('invited'),
  memberId: idSchema,
  /** The link to pass on; null when a retried request is answered again (only the link's hash is kept: resend it). */
  inviteUrl: z.string().nullable(),
  /** Whether the hub mailed this row's link. */
  isEmailed: z.boolean(),
  expiresAt: timestampSchema,
});

export const bulkCommitRowSchema = z.discriminatedUnion('outcome', [bulkInvitedRowSchema, bulkRefusedRowSchema]);

/** The answer to a preview: one outcome per row, in the request's order; nothing was written or sent. */
export const bulkInvitePreviewResultSchema = z.object({
  rows: z.array(bulkPreviewRowSchema),
  /** Whether the hub would email the links; when false, the inviter passes each link on. */
  isInvitationEmailed: z.boolean(),
});

/** The answer to the commit: one outcome per row, in the request's order. */
export const bulkInviteResultSchema = z.object({
  rows: z.array(bulkCommitRowSchema),
  /** True when every invited row's link was mailed. */
  isEmailed: z.boolean(),
});

export type BulkPreviewRow = z.infer<typeof bulkPreviewRowSchema>;
export type BulkRefusedRow = z.infer<typeof bulkRefusedRowSchema>;
export type BulkInvitedRow = z.infer<typeof bulkInvitedRowSchema>;
export type BulkCommitRow = z.infer<typeof bulkCommitRowSchema>;
export type BulkInvitePreviewResult = z.infer<typeof bulkInvitePreviewResultSchema>;
export type BulkInviteResult = z.infer<typeof bulkInviteResultSchema>;

/**
 * How far the hub has got with a long request, sent for that request's `id`
 * before its reply: `done` of `total` rows are decided and, where the hub
 * mails, mailed. A client may ignore these; the reply comes all the same.
 */
export const requestProgressMessageSchema = z.object({
  type: z.literal('progress'),
  id: z.string(),
  done: z.number().int().nonnegative(),
  total: z.number().int().nonnegative(),
});
export type RequestProgress = Pick<z.infer<typeof requestProgressMessageSchema>, 'done' | 'total'>;
