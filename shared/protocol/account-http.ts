// The hub's HTTP endpoints about one's own account: change the password, sign
// out the other sessions, "forgot password", and what the hub offers.
import { z } from 'zod';
import { emailSchema, passwordSchema } from '../domain/schemas';

/** POST /api/account/password (bearer). */
export const changePasswordRequestSchema = z.strictObject({
  currentPassword: z.string().min(1, 'Enter your current password').max(200),
  newPassword: passwordSchema,
});

/** POST /api/account/sign-out-others (bearer): how many other sessions ended. */
export const signOutOthersResponseSchema = z.object({ signedOut: z.number().int().nonnegative() });
export type SignOutOthersResponse = z.infer<typeof signOutOthersResponseSchema>;

/** POST /api/password-reset: answered 202 whether or not the address has an account. */
export const passwordResetRequestSchema = z.strictObject({ email: emailSchema });

/** POST /api/password-reset/complete: the token from the emailed link and the new password. */
export const passwordResetCompleteSchema = z.strictObject({
  token: z.string().min(20).max(200),
  newPassword: passwordSchema,
});

/** GET /api/hub-info: public facts a client adapts to (no "Forgot password?" without mail). */
export const hubInfoResponseSchema = z.object({ isMailConfigured: z.boolean() });
export type HubInfo = z.infer<typeof hubInfoResponseSchema>;

export const emptyResponseSchema = z.object({});
