// The API calls about the signed-in person's account: changing the password,
// signing out the other sessions, asking for a "forgot password" email,
// whether a hub can send one at all, and two-step sign-in (issue 13.5).
import { z } from 'zod';
import { emailSchema } from '../domain/schemas';
import { changePasswordRequestSchema, hubInfoResponseSchema, signOutOthersResponseSchema } from '../protocol/account-http';
import {
  recoveryCodesSchema,
  twoStepConfirmRequestSchema,
  twoStepDisableRequestSchema,
  twoStepEnrolmentSchema,
  twoStepEnrolRequestSchema,
  twoStepNewRecoveryCodesRequestSchema,
  twoStepStatusSchema,
} from '../protocol/two-step';
import { hubUrlSchema } from './session-schemas';

const empty = z.object({});

/** Why the app went back to sign-in on its own, in the words the sign-in screen shows. */
export const SESSION_END_MESSAGES = {
  /** Signed out elsewhere: this session, or every other one, or by a new password. */
  ended: 'Your session has ended; sign in again.',
  /** The session reached the end of its life (30 days). */
  expired: 'Your session expired; sign in again.',
} as const;

export const ACCOUNT_CONTRACT = {
  /** Re-enters the current password; the other sessions are signed out. */
  'account.changePassword': { input: changePasswordRequestSchema, output: empty },
  'account.signOutOthers': { input: z.undefined(), output: signOutOthersResponseSchema },
  /**
   * Asks the hub to mail a link, when it can send mail (`isMailConfigured`);
   * the answer says nothing about whether the address has an account.
   */
  'account.requestPasswordReset': { input: z.strictObject({ hubUrl: hubUrlSchema, email: emailSchema }), output: hubInfoResponseSchema },
  /** What a hub can do, asked before signing in: "Forgot password?" shows only where it can send mail. */
  'account.hubInfo': { input: z.strictObject({ hubUrl: hubUrlSchema }), output: hubInfoResponseSchema },
  /** Issue 13.5: whether two-step sign-in is on, and which of the person's workspaces require it by when. */
  'account.twoStepStatus': { input: z.undefined(), output: twoStepStatusSchema },
  /** Issue 13.5: the password again; the answer is the secret, its otpauth URI and a QR code of it (not on until confirmed). */
  'account.twoStepEnrol': { input: twoStepEnrolRequestSchema, output: twoStepEnrolmentSchema.extend({ qrDataUrl: z.string() }) },
  /** Issue 13.5: the app's first code turns it on; the recovery codes are shown this once. */
  'account.twoStepConfirm': { input: twoStepConfirmRequestSchema, output: recoveryCodesSchema },
  'account.twoStepNewRecoveryCodes': { input: twoStepNewRecoveryCodesRequestSchema, output: recoveryCodesSchema },
  /** Issue 13.5: the password and a code (or a recovery code). */
  'account.twoStepDisable': { input: twoStepDisableRequestSchema, output: empty },
} as const;
