// Issue 13.5, two-step sign-in: the HTTP bodies about a person's authenticator
// (enrol, confirm, recovery codes, turn off), the second step of signing in,
// and the socket request by which Owners require it for their workspace.
import { z } from 'zod';
import { idSchema, timestampSchema } from '../domain/schemas';
import { signInResponseSchema } from './http';

/** A code from an authenticator app: six ASCII digits (spaces between them are allowed, as apps show "123 456"). */
export const AUTHENTICATOR_CODE = /^[0-9]{6}$/;
/** A recovery code: ten letters of the base32 alphabet, shown as two groups of five ("abcde-fghij"). */
export const RECOVERY_CODE = /^[a-z2-7]{10}$/;
export const RECOVERY_CODE_COUNT = 10;
/** The longest grace period an Owner may give before the requirement applies. */
export const MAX_TWO_STEP_GRACE_DAYS = 90;

const CODE_WORDS = 'Enter the 6-digit code from your authenticator app, or one of your recovery codes.';

/**
 * What a person types as the second step: spaces and hyphens between groups
 * are dropped and letters lower-cased; anything else (other scripts' digits,
 * full-width or invisible characters) is refused with the same sentence.
 */
export const secondStepCodeSchema = z
  .string(CODE_WORDS)
  .max(40, CODE_WORDS)
  .transform((typed) => typed.replace(/[ -]/g, '').toLowerCase())
  .refine((code) => AUTHENTICATOR_CODE.test(code) || RECOVERY_CODE.test(code), CODE_WORDS);

/** Only an authenticator code (confirming the app, making new recovery codes). */
export const authenticatorCodeSchema = z
  .string('Enter the 6-digit code from your authenticator app.')
  .max(40, 'Enter the 6-digit code from your authenticator app.')
  .transform((typed) => typed.replace(/ /g, ''))
  .refine((code) => AUTHENTICATOR_CODE.test(code), 'Enter the 6-digit code from your authenticator app.');

const currentPassword = z.string().min(1, 'Enter your current password').max(200);
const pendingToken = z.string().min(20).max(200);

/** POST /api/sign-in/second-step: the token of `second_step_required` and a code; answered as sign-in. */
export const secondStepRequestSchema = z.strictObject({ token: pendingToken, code: secondStepCodeSchema });

/**
 * The extra key of a `401 second_step_required` answer to POST /api/sign-in:
 * the password was right, the second step is awaited. The token is not a
 * session: it only completes this sign-in, once, within `expiresAt`.
 */
export const secondStepPendingSchema = z.object({ token: z.string(), expiresAt: timestampSchema });
export const secondStepRequiredBodySchema = z.object({
  error: z.object({ code: z.literal('second_step_required'), message: z.string(), secondStep: secondStepPendingSchema }),
});
export type SecondStepPending = z.infer<typeof secondStepPendingSchema>;
export { signInResponseSchema as secondStepResponseSchema };

/** POST /api/account/two-step/enrol (bearer): the password again, as for any change to how one signs in. */
export const twoStepEnrolRequestSchema = z.strictObject({ currentPassword });
export const twoStepEnrolmentSchema = z.object({
  /** Base32, for typing into an app by hand. */
  secret: z.string(),
  /** otpauth://totp/... for the QR code. */
  otpauthUri: z.string(),
});
export type TwoStepEnrolment = z.infer<typeof twoStepEnrolmentSchema>;

/** POST /api/account/two-step/confirm (bearer): the first code turns it on. */
export const twoStepConfirmRequestSchema = z.strictObject({ code: authenticatorCodeSchema });
/** Shown once; each works once, in place of a code. */
export const recoveryCodesSchema = z.object({ recoveryCodes: z.array(z.string()) });
export type RecoveryCodes = z.infer<typeof recoveryCodesSchema>;

/** POST /api/account/two-step/recovery-codes (bearer): new codes replace every old one. */
export const twoStepNewRecoveryCodesRequestSchema = z.strictObject({ code: authenticatorCodeSchema });

/** POST /api/account/two-step/disable (bearer): the password and a code (or a recovery code). */
export const twoStepDisableRequestSchema = z.strictObject({ currentPassword, code: secondStepCodeSchema });

/** A workspace of the person that requires the second step, from `deadline` on. */
export const twoStepRequirementSchema = z.object({
  workspaceId: idSchema,
  workspaceName: z.string(),
  organizationName: z.string(),
  requiredAt: timestampSchema,
  deadline: timestampSchema,
});
export type TwoStepRequirement = z.infer<typeof twoStepRequirementSchema>;

/** GET /api/account/two-step (bearer). */
export const twoStepStatusSchema = z.object({
  isEnabled: z.boolean(),
  enabledAt: timestampSchema.nullable(),
  recoveryCodesLeft: z.number().int().nonnegative(),
  /** Whether this session passed the second step (or turned it on). */
  isSessionVerified: z.boolean(),
  /** The person's active workspaces that require the second step. */
  requirements: z.array(twoStepRequirementSchema),
});
export type TwoStepStatus = z.infer<typeof twoStepStatusSchema>;

/** The socket request `workspace.require_two_step`: its fields, and its result. */
export const requireTwoStepShape = {
  isRequired: z.boolean(),
  /** Days from now before sockets of sessions without the second step are refused (0: at once). */
  graceDays: z.number().int().min(0).max(MAX_TWO_STEP_GRACE_DAYS),
};
export const requireTwoStepResultSchema = z.object({
  requirement: z.object({ requiredAt: timestampSchema, deadline: timestampSchema }).nullable(),
});
