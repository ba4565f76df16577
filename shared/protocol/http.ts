// The hub's HTTP endpoints next to the socket: sign-in, invitations, and the
// signed-in person's own invitations.
import { z } from 'zod';
import { accessLevelSchema, displayNameSchema, emailSchema, idSchema, passwordSchema, timestampSchema } from '../domain/schemas';

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
});
export type InvitationPreview = z.infer<typeof invitationPreviewSchema>;

/**
 * Accepting through the link creates an account for an address that has none
 * (A3). An address that already has an account accepts from its own signed-in
 * session instead: the link never checks a password.
 */
export const acceptInvitationRequestSchema = z.strictObject({
  token: z.string().min(20).max(200),
  displayName: displayNameSchema,
  password: passwordSchema,
});

/** GET /api/me: the signed-in person and the workspaces they are an active member of. */
export const meResponseSchema = signInResponseSchema.omit({ token: true });
export type MeResponse = z.infer<typeof meResponseSchema>;

/** A live invitation addressed to the signed-in person (GET /api/me/invitations). */
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
export const myInvitationsResponseSchema = z.object({ invitations: z.array(myInvitationSchema) });

export const httpErrorBodySchema = z.object({ error: z.object({ code: z.string(), message: z.string() }) });
