// Validation schemas of the domain, shared by the hub, the main process and the
// renderer, so one definition decides what is well-formed everywhere (A5).
import { z } from 'zod';
import { ACCESS_LEVELS, PLANS } from '../policy/levels';
import type { Restrictions } from '../policy/restrictions';
import { CONTACT_VISIBILITY_SCOPES, NO_RESTRICTIONS } from '../policy/restrictions';
import { EMAIL_MAX_CODE_POINTS, NAME_MAX_CODE_POINTS, PHONE_MAX_CODE_POINTS, TEAM_NAME_MAX_CODE_POINTS, wellFormedText } from './text';

export const idSchema = z
  .string()
  .min(1, 'An id cannot be empty')
  .max(64, 'An id is at most 64 characters')
  .regex(/^[A-Za-z0-9_-]+$/, 'An id holds letters, digits, - and _ only');

/** Emails are compared without case and surrounding blanks, so they are stored that way. */
export const emailSchema = wellFormedText({
  label: 'email address',
  min: 1,
  max: EMAIL_MAX_CODE_POINTS,
  emptyMessage: 'Enter a valid email address, such as name@example.com',
})
  .transform((email) => email.toLowerCase())
  .pipe(z.email({ error: 'Enter a valid email address, such as name@example.com' }));

/** The name of a person, a contact, a workspace or an organization. */
export const displayNameSchema = wellFormedText({ label: 'name', min: 1, max: NAME_MAX_CODE_POINTS });

export const passwordSchema = z
  .string()
  .min(10, 'A password needs at least 10 characters')
  .max(200, 'A password is at most 200 characters');

export const accessLevelSchema = z.enum(ACCESS_LEVELS, {
  error: 'Choose an access level: Owner, Manager or Agent',
});
export const planSchema = z.enum(PLANS, { error: 'Choose a plan: starter, growth, advanced or enterprise' });
export const memberStatusSchema = z.enum(['pending', 'active']);
export const contactVisibilitySchema = z.enum(CONTACT_VISIBILITY_SCOPES);

/** Epoch milliseconds. */
export const timestampSchema = z.number().int().nonnegative();

/**
 * Restrictions as sent by a client: any subset of the switches, unknown keys
 * refused (a typo must not silently grant access), the rest off.
 */
export const restrictionsSchema = z
  .strictObject({
    workspaceSettings: z.boolean().default(NO_RESTRICTIONS.workspaceSettings),
    contactDeletion: z.boolean().default(NO_RESTRICTIONS.contactDeletion),
    dataExport: z.boolean().default(NO_RESTRICTIONS.dataExport),
    integrations: z.boolean().default(NO_RESTRICTIONS.integrations),
    contactVisibility: contactVisibilitySchema.default(NO_RESTRICTIONS.contactVisibility),
    workflowsButton: z.boolean().default(NO_RESTRICTIONS.workflowsButton),
    maskContactDetails: z.boolean().default(NO_RESTRICTIONS.maskContactDetails),
  })
  .default({ ...NO_RESTRICTIONS }) satisfies z.ZodType<Restrictions, unknown>;

/**
 * Restrictions an edit changes: only the switches named, unknown keys refused.
 * No defaults here: a switch left out keeps its current value, so an edit that
 * only changes the level cannot lift a restriction by omission.
 */
export const restrictionChangesSchema = z.strictObject({
  workspaceSettings: z.boolean().optional(),
  contactDeletion: z.boolean().optional(),
  dataExport: z.boolean().optional(),
  integrations: z.boolean().optional(),
  contactVisibility: contactVisibilitySchema.optional(),
  workflowsButton: z.boolean().optional(),
  maskContactDetails: z.boolean().optional(),
}) satisfies z.ZodType<Partial<Restrictions>, unknown>;

/**
 * An avatar as the hub sends it: a data: URL (PNG, JPEG, WebP or GIF), or null
 * for initials. Uploads are checked strictly by avatarUploadSchema (avatar.ts).
 */
export const avatarDataUrlSchema = z
  .string()
  .max(200_000, 'An avatar image is at most about 150 KB')
  .regex(/^data:image\/(png|jpeg|webp|gif);base64,[A-Za-z0-9+/]+=*$/, 'An avatar is a PNG, JPEG, WebP or GIF image')
  .nullable();

export const teamNameSchema = wellFormedText({ label: 'team name', min: 1, max: TEAM_NAME_MAX_CODE_POINTS });

export const personSchema = z.object({
  id: idSchema,
  email: emailSchema,
  displayName: displayNameSchema,
  avatarDataUrl: avatarDataUrlSchema,
});

export const organizationSchema = z.object({
  id: idSchema,
  name: displayNameSchema,
});

export const workspaceSchema = z.object({
  id: idSchema,
  organizationId: idSchema,
  name: displayNameSchema,
  plan: planSchema,
  /** Issue 13.2: how many days before a member's access ends the hub warns them and the admins (0: no warning). */
  accessEndWarningDays: z.number().int().min(0).max(30).default(3),
});

export const teamSchema = z.object({
  id: idSchema,
  workspaceId: idSchema,
  name: teamNameSchema,
});

export const memberSchema = z.object({
  id: idSchema,
  workspaceId: idSchema,
  personId: idSchema,
  email: emailSchema,
  displayName: displayNameSchema,
  avatarDataUrl: avatarDataUrlSchema,
  level: accessLevelSchema,
  restrictions: restrictionsSchema,
  status: memberStatusSchema,
  teamId: idSchema.nullable(),
  invitedAt: timestampSchema,
  joinedAt: timestampSchema.nullable(),
  lastSeenAt: timestampSchema.nullable(),
  isOnline: z.boolean(),
  /**
   * Issue 13.2, temporary access: when the hub revokes this member by itself
   * (UTC epoch milliseconds), or null for access without an end. Left out by
   * hubs older than temporary access.
   */
  accessUntil: timestampSchema.nullable().default(null),
  /** Who receives the member's contacts when their access ends (null: left unassigned). */
  accessHeirId: idSchema.nullable().default(null),
  /** Raised on every change; an edit based on an older version is refused as a conflict. */
  version: z.number().int().positive(),
});

export const contactSchema = z.object({
  id: idSchema,
  workspaceId: idSchema,
  name: displayNameSchema,
  /** Masked ("•••••67") when the reader's R7 applies. */
  phone: z.string().max(40).nullable(),
  email: z.string().max(254).nullable(),
  assigneeId: idSchema.nullable(),
  teamId: idSchema.nullable(),
  isMasked: z.boolean(),
});

const PHONE_MESSAGE = 'Enter a phone number: digits, spaces, ( ) and -, with an optional leading +';
export const phoneSchema = wellFormedText({ label: 'phone number', min: 1, max: PHONE_MAX_CODE_POINTS, emptyMessage: PHONE_MESSAGE }).pipe(
  z.string().regex(/^\+?[0-9 ()-]{4,30}$/, PHONE_MESSAGE),
);

export const invitationSchema = z.object({
  memberId: idSchema,
  email: emailSchema,
  level: accessLevelSchema,
  invitedBy: idSchema,
  expiresAt: timestampSchema,
});

export const notificationPreferencesSchema = z.strictObject({
  /** Notify when anyone comes online or goes offline, or only the members listed. */
  scope: z.enum(['everyone', 'selected', 'nobody']),
  memberIds: z.array(idSchema).max(10_000),
  notifyOnline: z.boolean(),
  notifyOffline: z.boolean(),
});

export const AUDIT_ACTIONS = [
  'member.invited',
  'member.accepted',
  'member.edited',
  'member.revoked',
  'invitation.resent',
  'invitation.cancelled',
  'invitation.declined',
  'workspace.plan_changed',
  'members.exported',
  'audit.exported',
  /** Issue 13.5: an Owner turned the workspace's two-step requirement on or off. */
  'workspace.two_step_required',
  /** Issue 13.5: the hub's operator reset a member's second step (they had lost their authenticator). */
  'two_step.reset',
  /** Issue 13.1: an access review started, completed (with its counts), and a member's review schedule set or stopped. */
  'review.started',
  'review.completed',
  'review.scheduled',
  /** Issue 13: a list was sent with members.bulk_invite (each invitation also has its member.invited entry). */
  'members.bulk_invited',
  /** Issue 13.2: the hub revoked a member by itself when their access end date came (actor: nobody). */
  'member.access_ended',
  /** Issue 13.2: the hub warned a member and the admins that the member's access ends soon. */
  'member.access_ending_warned',
  /** Issue 13.2: an Owner changed how many days ahead the hub warns of an access end. */
  'workspace.access_warning_changed',
  /** Issue 13.2: the hub did not end a member's access at its date because they are the last active Owner (V4); the Owners were told. */
  'member.access_end_held',
] as const;

export const auditEntrySchema = z.object({
  /** Increasing, so the log pages by "entries before id N". */
  id: z.number().int().positive(),
  workspaceId: idSchema,
  at: timestampSchema,
  actorMemberId: idSchema.nullable(),
  actorName: z.string(),
  action: z.enum(AUDIT_ACTIONS),
  targetMemberId: idSchema.nullable(),
  targetName: z.string().nullable(),
  before: z.record(z.string(), z.unknown()).nullable(),
  after: z.record(z.string(), z.unknown()).nullable(),
});

export type Person = z.infer<typeof personSchema>;
export type Organization = z.infer<typeof organizationSchema>;
export type Workspace = z.infer<typeof workspaceSchema>;
export type Team = z.infer<typeof teamSchema>;
export type Member = z.infer<typeof memberSchema>;
export type Contact = z.infer<typeof contactSchema>;
export type Invitation = z.infer<typeof invitationSchema>;
export type NotificationPreferences = z.infer<typeof notificationPreferencesSchema>;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];
export type AuditEntry = z.infer<typeof auditEntrySchema>;
