// Hub -> client messages: replies to requests, and events the hub pushes
// (the workspace as this member may see it, its changes, and presence).
import { z } from 'zod';
import {
  auditEntrySchema,
  contactSchema,
  idSchema,
  memberSchema,
  notificationPreferencesSchema,
  organizationSchema,
  teamSchema,
  timestampSchema,
  workspaceSchema,
} from '../domain/schemas';
import { ACCESS_LEVELS, PLANS } from '../policy/levels';
import { bulkInvitePreviewResultSchema, bulkInviteResultSchema, requestProgressMessageSchema } from './bulk-invitations';
import { requireTwoStepResultSchema } from './two-step';
import { accessEndingMessageSchema, revokedMessageSchema, setAccessWarningResultSchema } from './temporary-access';
import { reviewDecideResultSchema, reviewGetResultSchema, reviewScheduleResultSchema, reviewStartResultSchema } from './access-reviews';
import { hubErrorSchema } from './errors';
import type { ClientRequestType } from './requests';

/** Everything a member may see of a workspace (members only for those who may open the Users page). */
export const workspaceSnapshotSchema = z.object({
  organization: organizationSchema,
  workspace: workspaceSchema,
  /** The member this connection belongs to. */
  selfMemberId: idSchema,
  members: z.array(memberSchema),
  teams: z.array(teamSchema),
  contacts: z.array(contactSchema),
  preferences: notificationPreferencesSchema,
});
export type WorkspaceSnapshot = z.infer<typeof workspaceSnapshotSchema>;

/** The kinds of record a snapshot or change set carries, each read on its own (lenient-messages.ts). */
export const RECORD_KINDS = ['members', 'teams', 'contacts'] as const;
export type RecordKind = (typeof RECORD_KINDS)[number];

const count = z.number().int().nonnegative();

/** How many records of each kind a streamed snapshot holds, so a client can show its progress and check it got them all. */
export const snapshotTotalsSchema = z.object({ members: count, teams: count, contacts: count });
export type SnapshotTotals = z.infer<typeof snapshotTotalsSchema>;

/**
 * The first frame of a streamed snapshot (protocol version 2): everything
 * but the lists, and how long each list is. Parts follow, then `snapshot.end`.
 */
export const snapshotBeginSchema = z.object({
  type: z.literal('snapshot.begin'),
  seq: count,
  totals: snapshotTotalsSchema,
  organization: organizationSchema,
  workspace: workspaceSchema,
  selfMemberId: idSchema,
  preferences: notificationPreferencesSchema,
});

/** Some records of one kind, at most MAX_SNAPSHOT_FRAME_BYTES serialized. */
export const snapshotPartSchema = z.object({
  type: z.literal('snapshot.part'),
  seq: count,
  kind: z.enum(RECORD_KINDS),
  records: z.union([z.array(memberSchema), z.array(teamSchema), z.array(contactSchema)]),
});

export const snapshotEndSchema = z.object({ type: z.literal('snapshot.end'), seq: count });

/** What changed between two sequence numbers, as this member may see it. */
export const workspaceChangesSchema = z.object({
  workspace: workspaceSchema.optional(),
  members: z.object({ upserted: z.array(memberSchema), deleted: z.array(idSchema) }),
  teams: z.object({ upserted: z.array(teamSchema), deleted: z.array(idSchema) }),
  contacts: z.object({ upserted: z.array(contactSchema), deleted: z.array(idSchema) }),
  preferences: notificationPreferencesSchema.optional(),
});
export type WorkspaceChanges = z.infer<typeof workspaceChangesSchema>;

export const presenceSchema = z.object({
  memberId: idSchema,
  isOnline: z.boolean(),
  lastSeenAt: timestampSchema.nullable(),
});
export type Presence = z.infer<typeof presenceSchema>;

const invitationSentSchema = z.object({
  /**
   * The link to pass on. Null in the answer to a retried request: the hub keeps
   * only the link's hash, so a lost link is replaced with invitation.resend.
   */
  inviteUrl: z.string().nullable(),
  /** Whether the hub mailed the link; when false, pass it on yourself. */
  isEmailed: z.boolean(),
  expiresAt: timestampSchema,
});

const empty = z.object({});

/** A workspace's plan and what it offers; the plan is set by whoever runs the hub, not by its Owners. */
export const workspaceFactsSchema = z.object({
  workspaceId: idSchema,
  plan: z.enum(PLANS),
  /** Every restriction with whether this plan offers it (R7 needs Advanced or higher). */
  restrictions: z.array(
    z.object({
      restriction: z.string(),
      label: z.string(),
      level: z.enum(ACCESS_LEVELS),
      isAvailable: z.boolean(),
      minimumPlan: z.enum(PLANS).nullable(),
    }),
  ),
  /** R7: whether Agents' phone numbers and email addresses can be masked on this plan. */
  isMaskingAvailable: z.boolean(),
  /** Whether the hub mails invitation links; when false, the inviter passes each link on. */
  isInvitationEmailed: z.boolean(),
});
export type WorkspaceFacts = z.infer<typeof workspaceFactsSchema>;

/** O1 / V1: the organization's people, each with the workspaces of the organization they are in now. */
export const organizationPeopleSchema = z.object({
  organization: z.object({ id: idSchema, name: z.string() }),
  people: z.array(
    z.object({
      personId: idSchema,
      email: z.string(),
      /** Null for someone who never accepted an invitation to the organization: they are known by address only. */
      displayName: z.string().nullable(),
      /** False for someone revoked from this workspace: they stay in the organization. */
      isInThisWorkspace: z.boolean(),
      workspaces: z.array(
        z.object({ workspaceId: idSchema, workspaceName: z.string(), level: z.enum(ACCESS_LEVELS), status: z.enum(['pending', 'active']) }),
      ),
    }),
  ),
});
export type OrganizationPeople = z.infer<typeof organizationPeopleSchema>;

/** The answer to `members.export` with `includeRows` left out or true: every member and team (what older desktops read). */
export const membersExportRowsSchema = z
  .object({ members: z.array(memberSchema), teams: z.array(teamSchema) })
  .describe('with `includeRows` left out or true');

/**
 * The answer to `members.export` with `includeRows: false` (U8, R3, X1): the
 * hub allowed the export and recorded it. `count` is what the audit entry
 * holds: how many members the full answer would have carried, as of `seq`;
 * the desktop writes its rows once its replica holds at least `seq`.
 */
export const membersExportGrantSchema = z.object({ count, seq: count }).describe('with `includeRows: false`');
export type MembersExportGrant = z.infer<typeof membersExportGrantSchema>;

/** The answer to `audit.export` with `includeEntries` left out or true (X1): every matching entry, newest first. */
export const auditExportEntriesSchema = z.object({ entries: z.array(auditEntrySchema) }).describe('with `includeEntries` left out or true');

/**
 * The answer to `audit.export` with `includeEntries: false` (X1): the hub
 * allowed the export and recorded it with `count`, the matching entries as
 * the export was asked for. `audit.list` with the same filters and `before`
 * set to `nextBefore` pages through exactly those (null: there are none).
 */
export const auditExportGrantSchema = z
  .object({ count, nextBefore: z.number().int().positive().nullable() })
  .describe('with `includeEntries: false`');
export type AuditExportGrant = z.infer<typeof auditExportGrantSchema>;

/** The result of each request type. */
export const requestResultSchemas = {
  subscribe: z.object({ mode: z.enum(['changes', 'snapshot']), seq: z.number().int().nonnegative() }),
  activity: empty,
  'member.invite': invitationSentSchema.extend({ member: memberSchema }),
  'member.edit': z.object({ member: memberSchema }),
  'member.revoke': z.object({ contactsAffected: z.number().int().nonnegative() }),
  'member.set_team': z.object({ member: memberSchema }),
  'invitation.resend': invitationSentSchema,
  'invitation.cancel': empty,
  // Which of the two a hub sends is decided by the request's `includeRows`; each has keys the other lacks.
  'members.export': z.union([membersExportRowsSchema, membersExportGrantSchema]),
  'audit.list': z.object({ entries: z.array(auditEntrySchema), nextBefore: z.number().int().positive().nullable() }),
  // Which of the two a hub sends is decided by the request's `includeEntries`.
  'audit.export': z.union([auditExportEntriesSchema, auditExportGrantSchema]),
  'workspace.facts': workspaceFactsSchema,
  'organization.people': organizationPeopleSchema,
  'team.create': z.object({ team: teamSchema }),
  'team.rename': z.object({ team: teamSchema }),
  'team.delete': empty,
  'contact.create': z.object({ contact: contactSchema }),
  'contact.set_detail': z.object({ contact: contactSchema }),
  'contact.assign': z.object({ contact: contactSchema }),
  'contact.delete': empty,
  'profile.update': z.object({ member: memberSchema }),
  'preferences.update': z.object({ preferences: notificationPreferencesSchema }),
  'members.bulk_invite_preview': bulkInvitePreviewResultSchema,
  'members.bulk_invite': bulkInviteResultSchema,
  'workspace.require_two_step': requireTwoStepResultSchema,
  'review.start': reviewStartResultSchema,
  'review.get': reviewGetResultSchema,
  'review.decide': reviewDecideResultSchema,
  'review.schedule': reviewScheduleResultSchema,
  'workspace.set_access_warning': setAccessWarningResultSchema,
} as const satisfies Record<ClientRequestType, z.ZodType>;

export type RequestResult<T extends ClientRequestType> = z.infer<(typeof requestResultSchemas)[T]>;

// A plain union: the two reply shapes share their `type`, so it cannot discriminate on it alone.
export const serverMessageSchema = z.union([
  z.object({ type: z.literal('reply'), id: z.string(), ok: z.literal(true), result: z.unknown() }),
  z.object({ type: z.literal('reply'), id: z.string(), ok: z.literal(false), error: hubErrorSchema }),
  /** A frame the hub could not read as a request at all (so there is no id to reply to). */
  z.object({ type: z.literal('error'), error: hubErrorSchema }),
  z.object({ type: z.literal('snapshot'), seq: z.number().int().nonnegative(), snapshot: workspaceSnapshotSchema }),
  snapshotBeginSchema,
  snapshotPartSchema,
  snapshotEndSchema,
  z.object({
    type: z.literal('changes'),
    fromSeq: z.number().int().nonnegative(),
    seq: z.number().int().nonnegative(),
    changes: workspaceChangesSchema,
  }),
  z.object({ type: z.literal('presence'), presence: z.array(presenceSchema) }),
  revokedMessageSchema,
  accessEndingMessageSchema,
  /** How far a long request (`members.bulk_invite`) has got, before its reply. */
  requestProgressMessageSchema,
]);
export type ServerMessage = z.infer<typeof serverMessageSchema>;
export type ServerMessageOf<T extends ServerMessage['type']> = Extract<ServerMessage, { type: T }>;
