// Client -> hub requests. Every request has an id that its reply repeats; every
// request that changes something has a mutationId, so that a retry after a
// reconnect is applied once.
import { z } from 'zod';
import { avatarUploadSchema } from '../domain/avatar';
import { editMemberInputSchema, inviteMemberInputSchema, revokeMemberInputSchema } from '../domain/inputs';
import {
  AUDIT_ACTIONS,
  displayNameSchema,
  emailSchema,
  idSchema,
  notificationPreferencesSchema,
  phoneSchema,
  teamNameSchema,
  timestampSchema,
} from '../domain/schemas';
import { bulkInvitationRowsSchema } from './bulk-invitations';
import { requireTwoStepShape } from './two-step';
import { setAccessWarningShape } from './temporary-access';
import { reviewDecideShape, reviewGetShape, reviewScheduleShape, reviewStartShape } from './access-reviews';

export const requestIdSchema = z.string().min(1).max(64);
export const mutationIdSchema = z.string().min(8).max(64).regex(/^[A-Za-z0-9_-]+$/);

const request = <T extends string, S extends z.ZodRawShape>(type: T, shape: S) =>
  z.strictObject({ id: requestIdSchema, type: z.literal(type), ...shape });
const mutation = <T extends string, S extends z.ZodRawShape>(type: T, shape: S) =>
  request(type, { mutationId: mutationIdSchema, ...shape });

/** The largest page of `audit.list`: the page size the desktop's audit export reads with. */
export const AUDIT_PAGE_LIMIT = 500;

/**
 * X1: which entries of the audit log a list or an export covers. Each filter
 * left out (or null) means any; they combine with "and". Older clients send
 * only `action` and `memberId`, which mean what they always meant.
 */
const auditFilterShape = {
  action: z.enum(AUDIT_ACTIONS).nullable().default(null),
  /** Entries where this member acted or was acted on. */
  memberId: idSchema.nullable().default(null),
  /** Entries where this member acted (who did it). */
  actorMemberId: idSchema.nullable().default(null),
  /** Entries at or after this moment (epoch milliseconds, UTC): inclusive. */
  from: timestampSchema.nullable().default(null),
  /** Entries before this moment (epoch milliseconds, UTC): exclusive. */
  to: timestampSchema.nullable().default(null),
};

const optionalPhone = phoneSchema.nullable();
const optionalEmail = emailSchema.nullable();

export const clientRequestSchema = z.discriminatedUnion('type', [
  /** Start receiving the workspace: what changed since `since`, or everything. */
  request('subscribe', { since: z.number().int().nonnegative().nullable() }),
  /** The person is active at their desk (keeps last seen fresh). */
  request('activity', {}),
  mutation('member.invite', { input: inviteMemberInputSchema }),
  mutation('member.edit', { input: editMemberInputSchema }),
  mutation('member.revoke', { input: revokeMemberInputSchema }),
  mutation('member.set_team', { memberId: idSchema, teamId: idSchema.nullable() }),
  mutation('invitation.resend', { memberId: idSchema }),
  mutation('invitation.cancel', { memberId: idSchema }),
  /**
   * A read, checked and audited every time, never answered from the record of
   * applied mutations; a mutationId is still accepted (and ignored) so older
   * clients keep working.
   */
  request('members.export', {
    mutationId: mutationIdSchema.optional(),
    /**
     * Whether the answer carries the members and teams. A desktop that writes
     * the file from its replica sends false: the hub decides and records the
     * export as ever, and answers with the count it recorded and the seq it
     * counted at. Left out, as older desktops do: true, the full answer.
     */
    includeRows: z.boolean().default(true),
  }),
  request('audit.list', {
    ...auditFilterShape,
    /** Entries older than this id's entry (for the next page), or null for the newest. */
    before: z.number().int().positive().nullable().default(null),
    limit: z.number().int().min(1).max(AUDIT_PAGE_LIMIT).default(100),
  }),
  request('audit.export', {
    ...auditFilterShape,
    /**
     * Whether the answer carries the entries. A desktop that writes a large
     * log to a file sends false: the hub decides and records the export as
     * ever, and answers with the count it recorded and the `before` from
     * which `audit.list` pages through exactly those entries. Left out, as
     * older clients do: true, every matching entry in one answer.
     */
    includeEntries: z.boolean().default(true),
  }),
  /** The workspace's plan, what it offers and whether invitations are emailed (whoever may open General Settings). */
  request('workspace.facts', {}),
  /** The organization's people and the workspaces each is in (Owners). */
  request('organization.people', {}),
  mutation('team.create', { name: teamNameSchema }),
  mutation('team.rename', { teamId: idSchema, name: teamNameSchema }),
  mutation('team.delete', { teamId: idSchema }),
  mutation('contact.create', {
    name: displayNameSchema,
    phone: optionalPhone,
    email: optionalEmail,
    assigneeId: idSchema.nullable(),
    teamId: idSchema.nullable(),
  }),
  mutation('contact.set_detail', {
    contactId: idSchema,
    field: z.enum(['phone', 'email']),
    /** Validated as a phone number or an email address by the hub, according to `field`. */
    value: z.string().max(254),
  }),
  mutation('contact.assign', { contactId: idSchema, assigneeId: idSchema.nullable(), teamId: idSchema.nullable() }),
  mutation('contact.delete', { contactId: idSchema }),
  mutation('profile.update', { displayName: displayNameSchema, avatarDataUrl: avatarUploadSchema }),
  mutation('preferences.update', { preferences: notificationPreferencesSchema }),
  /** Issue 13: checks each row as `members.bulk_invite` would, writing and sending nothing (a read). */
  request('members.bulk_invite_preview', { rows: bulkInvitationRowsSchema }),
  /** Issue 13: up to 1,000 invitations, each row decided and applied on its own; progress frames come before the reply. */
  mutation('members.bulk_invite', { rows: bulkInvitationRowsSchema }),
  /** Issue 13.5: Owners require (or stop requiring) two-step sign-in, after a grace period in days. */
  mutation('workspace.require_two_step', requireTwoStepShape),
  /** Issue 13.1: an access review of the members the asker may review (A4, E3) who were not seen lately or never. */
  mutation('review.start', reviewStartShape),
  /** Issue 13.1: a review (or the asker's newest open one) and the asker's review schedule. */
  request('review.get', reviewGetShape),
  /** Issue 13.1: keep or revoke each member of a review in one confirmed step; each row is applied on its own (V2, V4). */
  mutation('review.decide', reviewDecideShape),
  /** Issue 13.1: the asker's recurring review, every 30 or 90 days, or none. */
  mutation('review.schedule', reviewScheduleShape),
  /** Issue 13.2: Owners set how many days before a member's access ends the hub warns (0: no warning). */
  mutation('workspace.set_access_warning', setAccessWarningShape),
]);

export type ClientRequest = z.infer<typeof clientRequestSchema>;
export type ClientRequestType = ClientRequest['type'];
export type RequestOf<T extends ClientRequestType> = Extract<ClientRequest, { type: T }>;
export type MutationRequest = Extract<ClientRequest, { mutationId: string }>;
export type MutationType = MutationRequest['type'];

/** A request that changes something, so is applied once per mutationId. */
export function isMutation(request: ClientRequest): request is MutationRequest {
  return 'mutationId' in request && request.type !== 'members.export';
}

/**
 * What a caller passes for a request of type T: the request as a client may
 * write it (fields with defaults may be left out), without the `id`, `type`
 * and `mutationId` the sync client adds itself.
 */
export type RequestInput<T extends ClientRequestType> = Omit<Extract<z.input<typeof clientRequestSchema>, { type: T }>, 'id' | 'type' | 'mutationId'>;

/** Request types that change something: each is sent with a fresh mutationId and resent with the same one. */
export const MUTATION_TYPES: ReadonlySet<ClientRequestType> = new Set(
  clientRequestSchema.options
    .filter((option) => 'mutationId' in option.shape && option.shape.type.value !== 'members.export')
    .map((option) => option.shape.type.value),
);
