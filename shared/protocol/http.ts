// The hub's HTTP endpoints next to the socket: sign-in and invitations.
import { z } from 'zod';
import { accessLevelSchema, displayNameSchema, emailSchema, idSchema, passwordSchema } from '../domain/schemas';

export const signInRequestSchema = z.strictObject({
  email: emailSchema,
  password: z.string().min(1, 'Enter your password').max(200),
});

export const workspaceMembershipSchema = z.object({
  workspaceId: idSchema,
  workspaceName: z.string(),
  organizationName: z.string(),
  memberId: idSchema,
  level: accessLevelSchema,
});
export type WorkspaceMembership = z.infer<typeof workspaceMembershipSchema>;

export const signInResponseSchema = z.object({
  token: z.string(),
  personId: idSchema,
  displayName: z.string(),
  email: z.string(),
  workspaces: z.array(workspaceMembershipSchema),
});
export type SignInResponse = z.infer<typeof signInResponseSchema>;

export const invitationPreviewSchema = z.object({
  email: z.string(),
  workspaceName: z.string(),
  organizationName: z.string(),
  level: accessLevelSchema,
  invitedByName: z.string(),
  expiresAt: z.number(),
  /** An existing person accepts with their password; a new one chooses a name and password (A3). */
  isExistingPerson: z.boolean(),
});
export type InvitationPreview = z.infer<typeof invitationPreviewSchema>;

export const acceptInvitationRequestSchema = z.strictObject({
  token: z.string().min(20).max(200),
  /** Required for a new person; ignored for an existing one. */
  displayName: displayNameSchema.optional(),
  password: passwordSchema,
});

export const httpErrorBodySchema = z.object({ error: z.object({ code: z.string(), message: z.string() }) });
