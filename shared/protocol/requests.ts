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
} from '../domain/schemas';

export const requestIdSchema = z.string().min(1).max(64);
export const mutationIdSchema = z.string().min(8).max(64).regex(/^[A-Za-z0-9_-]+$/);

const request = <T extends string, S extends z.ZodRawShape>(type: T, shape: S) =>
  z.strictObject({ id: requestIdSchema, type: z.literal(type), ...shape });
const mutation = <T extends string, S extends z.ZodRawShape>(type: T, shape: S) =>
  request(type, { mutationId: mutationIdSchema, ...shape });

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
    action: z.enum(AUDIT_ACTIONS).nullable().default(null),
    memberId: idSchema.nullable().default(null),
    /** Entries older than this id's entry (for the next page), or null for the newest. */
    before: z.number().int().positive().nullable().default(null),
    limit: z.number().int().min(1).max(500).default(100),
  }),
  request('audit.export', {}),
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
