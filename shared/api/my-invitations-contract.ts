// The API calls about invitations addressed to the signed-in person: an
// existing account accepts or declines them from its own session, never
// through a link and a password.
import { z } from 'zod';
import { accessLevelSchema, idSchema, timestampSchema } from '../domain/schemas';
import { sessionStateSchema } from './session-schemas';

export const myInvitationSchema = z.object({
  memberId: idSchema,
  workspaceId: idSchema,
  workspaceName: z.string(),
  organizationName: z.string(),
  level: accessLevelSchema,
  invitedByName: z.string(),
  expiresAt: timestampSchema,
});
export type MyInvitation = z.infer<typeof myInvitationSchema>;

export const MY_INVITATIONS_CONTRACT = {
  'invitation.listMine': { input: z.undefined(), output: z.array(myInvitationSchema) },
  'invitation.acceptMine': { input: z.strictObject({ memberId: idSchema }), output: sessionStateSchema },
  'invitation.decline': { input: z.strictObject({ memberId: idSchema }), output: z.array(myInvitationSchema) },
} as const;
