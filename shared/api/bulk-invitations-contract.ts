// Issue 13: the calls behind the "Invite many" screen. The core reads a
// pasted list or a chosen CSV file into rows (reading is Node's job, with
// csv-parse); the renderer checks and edits them (bulk-invitation-drafts.ts)
// and the core asks the hub for a preview, then sends the list, each as one
// request (its rows made compact, so 1,000 of them stay far below the hub's
// frame limit), passing the hub's progress on as `invitations.progress`; and
// it writes the results, or a template to start from, to a CSV file chosen
// in the save-as dialog.
import { z } from 'zod';
import { bulkInvitationRowsSchema, bulkInvitePreviewResultSchema, bulkInviteResultSchema } from '../protocol/bulk-invitations';
import { bulkInvitationDraftSchema, MAX_DRAFT_CELL } from './bulk-invitation-drafts';

/** The longest list text read: 1,000 rows of generous length, with room to spare. */
export const MAX_LIST_TEXT_CHARACTERS = 2_000_000;

export const readInvitationListInputSchema = z.strictObject({
  text: z.string().max(MAX_LIST_TEXT_CHARACTERS, 'This list is larger than Gatehouse reads (about 2 MB); split it into smaller files.'),
});

export const invitationListSchema = z.object({
  rows: z.array(bulkInvitationDraftSchema),
  /** Why nothing could be read (an empty list, more than 1,000 rows, a broken quote), in words; null when the rows are there. */
  problem: z.string().nullable(),
});
export type InvitationList = z.infer<typeof invitationListSchema>;

/** What became of one row, as the results file and the screen say it. */
export const BULK_RESULT_OUTCOMES = ['emailed', 'link', 'refused'] as const;
export type BulkResultOutcome = (typeof BULK_RESULT_OUTCOMES)[number];

export const bulkResultLineSchema = z.strictObject({
  line: z.number().int().positive(),
  email: z.string().max(MAX_DRAFT_CELL + 1),
  level: z.string().max(MAX_DRAFT_CELL + 1),
  team: z.string().max(MAX_DRAFT_CELL + 1),
  restrictions: z.array(z.string().max(MAX_DRAFT_CELL + 1)).max(50),
  outcome: z.enum(BULK_RESULT_OUTCOMES),
  /** The link to pass on (outcome "link"); null when the hub did not show it again. */
  link: z.string().max(2_000).nullable(),
  /** Why the row was refused (outcome "refused"). */
  reason: z.string().max(2_000).nullable(),
});
export type BulkResultLine = z.infer<typeof bulkResultLineSchema>;

/**
 * A CSV file written for the person: saved where they chose, or (in the web
 * console) a download. The same shape as the member export's answer.
 */
export const savedCsvSchema = z.discriminatedUnion('status', [
  z.object({ status: z.literal('saved'), filePath: z.string(), rowCount: z.number().int() }),
  z.object({ status: z.literal('download'), url: z.string(), fileName: z.string(), rowCount: z.number().int() }),
  z.object({ status: z.literal('cancelled') }),
]);
export type SavedCsv = z.infer<typeof savedCsvSchema>;

export const bulkInvitationProgressSchema = z.object({ done: z.number().int().nonnegative(), total: z.number().int().nonnegative() });

export const BULK_INVITATIONS_CONTRACT = {
  /** A pasted list or a CSV file's text, read into rows (nothing is checked against the workspace yet). */
  'invitations.readList': { input: readInvitationListInputSchema, output: invitationListSchema },
  /** The hub's check of every row, as one request: nothing is written or sent. */
  'invitations.previewBulk': { input: z.strictObject({ rows: bulkInvitationRowsSchema }), output: bulkInvitePreviewResultSchema },
  /** The list, as one request to the hub; `invitations.progress` events say how far it has got. */
  'invitations.sendBulk': { input: z.strictObject({ rows: bulkInvitationRowsSchema }), output: bulkInviteResultSchema },
  /** One line per row of the list, to a CSV file chosen in the save-as dialog. */
  'invitations.saveResults': { input: z.strictObject({ rows: z.array(bulkResultLineSchema).min(1).max(1_000) }), output: savedCsvSchema },
  /** A CSV file to start a list from: the columns and a few example rows. */
  'invitations.saveTemplate': { input: z.undefined(), output: savedCsvSchema },
} as const;
