// The API calls about invitations: those addressed to the signed-in person (an
// existing account accepts or declines them from its own session, never
// through a link and a password), and the link's accept screen, which names
// the hub it talks to and needs a confirmation for a hub never used before.
import { z } from 'zod';
import { displayNameSchema, idSchema, passwordSchema } from '../domain/schemas';
import { invitationPreviewSchema, myInvitationSchema } from '../protocol/http';
import { hubUrlSchema, sessionStateSchema } from './session-schemas';

export { myInvitationSchema };
export type { MyInvitation } from '../protocol/http';

export const MY_INVITATIONS_CONTRACT = {
  'invitation.listMine': { input: z.undefined(), output: z.array(myInvitationSchema) },
  'invitation.acceptMine': { input: z.strictObject({ memberId: idSchema }), output: sessionStateSchema },
  'invitation.decline': { input: z.strictObject({ memberId: idSchema }), output: z.array(myInvitationSchema) },
} as const;

/** What `invitation.preview` answers: the hub's preview, the address it came from, and whether this app has used that hub before. */
export const invitationPreviewViewSchema = invitationPreviewSchema.extend({
  hubUrl: z.string(),
  isKnownHub: z.boolean(),
});
export type InvitationPreviewView = z.infer<typeof invitationPreviewViewSchema>;

/** The input of `invitation.accept`: a new account through the link, sent to an unknown hub only with `isHubConfirmed`. */
export const acceptInvitationInputSchema = z.strictObject({
  hubUrl: hubUrlSchema,
  token: z.string().min(20).max(200),
  displayName: displayNameSchema,
  password: passwordSchema,
  /** The person confirmed that this hub, never used by this app before, is the one they expect. */
  isHubConfirmed: z.boolean().optional(),
});
export type AcceptInvitationInput = z.infer<typeof acceptInvitationInputSchema>;
