// What a person submits from the Add User, Edit and Revoke dialogs. These
// check shape only; whether the actor may do it, and whether the restrictions
// fit the level and plan, is the policy's decision (decide()).
import { z } from 'zod';
import { accessLevelSchema, emailSchema, idSchema, restrictionChangesSchema, restrictionsSchema, timestampSchema } from './schemas';

/** A new member's restrictions default to off, switch by switch. */
export const inviteMemberInputSchema = z.strictObject({
  email: emailSchema,
  level: accessLevelSchema,
  restrictions: restrictionsSchema,
  /**
   * Issue 13.2: access that ends by itself at this moment (UTC epoch
   * milliseconds, in the future); null or left out: no end. A desktop leaves
   * both out when there is no end, so hubs older than temporary access accept it.
   */
  accessUntil: timestampSchema.nullable().default(null),
  /** Who receives the member's contacts when their access ends; null: left unassigned. */
  accessHeirId: idSchema.nullable().default(null),
});

export const editMemberInputSchema = z.strictObject({
  memberId: idSchema,
  level: accessLevelSchema,
  /**
   * Only the switches to change: omitted (or a switch left out) means
   * unchanged, so a client that only changes the level lifts nothing.
   */
  restrictions: restrictionChangesSchema.optional(),
  /** Issue 13.2: left out: unchanged; null: the access no longer ends; a moment: it ends then (extending is an edit). */
  accessUntil: timestampSchema.nullable().optional(),
  /** Left out: unchanged; null: contacts left unassigned at the end; an id: that member receives them. */
  accessHeirId: idSchema.nullable().optional(),
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
