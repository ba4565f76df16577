// Error codes the hub answers with. A refusal of the access policy uses the
// policy's own deny code (cannot_invite_level, self_protected, ...) and also
// names the rule.
import { z } from 'zod';
import { DENY_CODES } from '../policy/decision';

export const HUB_ERROR_CODES = [
  'bad_json',
  'invalid_message',
  'unknown_type',
  'not_found',
  'conflict',
  'already_member',
  'already_invited',
  'duplicate_name',
  'not_pending',
  'invalid_reassignment',
  'invitation_invalid',
  'invitation_expired',
  'invitation_used',
  'invitation_cancelled',
  'invalid_credentials',
  'rate_limited',
  /** A mutationId sent again with a different request (or by another member). */
  'idempotency_key_reused',
  /** The invited address already has an account: accept from its own signed-in session. */
  'sign_in_to_accept',
  /** A "forgot password" link that is unknown, used or expired. */
  'reset_link_invalid',
  /** Issue 13.5: the password was right; the second step (a code) is awaited. */
  'second_step_required',
  /** Issue 13.5: a wrong, reused or unknown code (authenticator or recovery). */
  'invalid_code',
  /** Issue 13.5: the second step came too late, or its token is unknown: enter the password again. */
  'second_step_expired',
  /** Issue 13.5: the workspace requires two-step sign-in and this session has not passed it. */
  'two_step_required',
  /** Issue 13.5: turning on, off or confirming what is not in that state. */
  'two_step_state',
  'unauthorized',
  'internal',
  ...DENY_CODES,
] as const;
export type HubErrorCode = (typeof HUB_ERROR_CODES)[number];

export const hubErrorSchema = z.object({
  code: z.enum(HUB_ERROR_CODES),
  message: z.string(),
  /** The spec rule behind a policy refusal. */
  rule: z.string().optional(),
  /** For a conflict: the member as it is now. */
  current: z.unknown().optional(),
  /** For rate_limited: how long to wait before sending again. */
  retryAfterMs: z.number().int().nonnegative().optional(),
});
export type HubError = z.infer<typeof hubErrorSchema>;
