// What a person submits from the Add User, Edit and Revoke dialogs. These
// check shape only; whether the actor may do it, and whether the restrictions
// fit the level and plan, is the policy's decision (decide()).
import { z } from 'zod';
import { accessLevelSchema, emailSchema, idSchema, restrictionChangesSchema, restrictionsSchema } from './schemas';

/** A new member's restrictions default to off, switch by switch. */
export const inviteMemberInputSchema = z.strictObject({
  email: emailSchema,
  level: accessLevelSchema,
  restrictions: restrictionsSchema,
});

export const editMemberInputSchema = z.strictObject({
  memberId: idSchema,
  level: accessLevelSchema,
  /**
   * Only the switches to change: omitted (or a switch left out) means
   * unchanged, so a client that only changes the level lifts nothing.
   */
  restrictions: restrictionChangesSchema.optional(),
  /** The member version the edit was made from (a newer one means another admin got there first). */
  baseVersion: z.number().int().positive(),
});

export const revokeMemberInputSchema = z.strictObject({
  memberId: idSchema,
  /** V2: null leaves the member's contacts unassigned; an id moves them all to that member. */
  reassignContactsTo: idSchema.nullable(),
});

export type InviteMemberInput = z.infer<typeof inviteMemberInputSchema>;
export type EditMemberInput = z.infer<typeof editMemberInputSchema>;
export type RevokeMemberInput = z.infer<typeof revokeMemberInputSchema>;
