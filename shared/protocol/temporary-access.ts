// Issue 13.2, temporary access: a member's access may end by itself at a
// moment set when inviting or editing them ("access until"). The hub keeps
// the moment in its store and acts on it once: it warns the member and the
// admins a number of days before (the workspace's `accessEndWarningDays`), and
// at the moment revokes the member, giving their contacts to the member chosen
// when the date was set (or leaving them unassigned, and telling the admins,
// if that member has left meanwhile). These are the messages both ends check.
import { z } from 'zod';
import { idSchema, timestampSchema, workspaceSchema } from '../domain/schemas';

/** The latest end date the hub accepts, counted from now (kept with the rule that uses it, in the policy). */
export { MAX_ACCESS_DAYS_AHEAD } from '../policy/access-end';

/** The socket request `workspace.set_access_warning` (Owners): days before an end the hub warns (0: never). */
export const setAccessWarningShape = {
  days: workspaceSchema.shape.accessEndWarningDays.removeDefault(),
};
export const setAccessWarningResultSchema = z.object({ workspace: workspaceSchema });

/** One member whose access ends soon, as a warning names them. */
export const accessEndingNoticeSchema = z.object({
  memberId: idSchema,
  displayName: z.string(),
  email: z.string(),
  accessUntil: timestampSchema,
  /** True on the warning the member receives about their own access. */
  isSelf: z.boolean(),
});
export type AccessEndingNotice = z.infer<typeof accessEndingNoticeSchema>;

/**
 * Pushed by the hub when it warns (once per end date) to the sockets of the
 * member and of the admins who may manage them; the desktop shows it as a
 * notification. Someone offline then is told by email.
 */
export const accessEndingMessageSchema = z.object({
  type: z.literal('access_ending'),
  notices: z.array(accessEndingNoticeSchema),
});

/** Why a `revoked` message was sent: an admin revoked the member, or their access end date came. */
export const REVOKE_REASONS = ['revoked', 'access_ended'] as const;
export const revokedMessageSchema = z.object({
  type: z.literal('revoked'),
  message: z.string(),
  /** Left out by older hubs: read as "revoked". */
  reason: z.enum(REVOKE_REASONS).default('revoked'),
  /** With `access_ended`: the end date that came, for the desktop to show in its own time zone. */
  accessUntil: timestampSchema.nullable().default(null),
});
export type RevokedMessage = z.infer<typeof revokedMessageSchema>;
