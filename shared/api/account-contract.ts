// The API calls about the signed-in person's account: changing the password,
// signing out the other sessions, and asking for a "forgot password" email.
import { z } from 'zod';
import { emailSchema, passwordSchema } from '../domain/schemas';
import { hubUrlSchema } from './session-schemas';

const empty = z.object({});

export const ACCOUNT_CONTRACT = {
  'account.changePassword': {
    input: z.strictObject({ currentPassword: z.string().min(1, 'Enter your current password').max(200), newPassword: passwordSchema }),
    output: empty,
  },
  'account.signOutOthers': { input: z.undefined(), output: z.object({ signedOut: z.number().int().nonnegative() }) },
  'account.requestPasswordReset': { input: z.strictObject({ hubUrl: hubUrlSchema, email: emailSchema }), output: empty },
} as const;
