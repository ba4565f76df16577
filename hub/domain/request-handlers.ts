// One handler per request type (but subscribe and activity, which are about the
// connection): the table the hub dispatches through, checked complete by type.
import type { ClientRequest, ClientRequestType, RequestOf, RequestResult } from '../../shared/protocol';
import { decideReview } from './access-review-decisions';
import { getReview, scheduleReview, startReview } from './access-reviews';
import { setAccessWarning } from './access-warning';
import { previewBulkInvitations, sendBulkInvitations } from './bulk-invitations';
import { assignContact, createContact, deleteContact, setContactDetail } from './contacts';
import { cancelInvitation, resendInvitation } from './invitations';
import { editMember, inviteMember, revokeMember, setMemberTeam } from './members';
import type { MutationContext } from './mutation-context';
import { updatePreferences, updateProfile } from './profile';
import { exportAudit, exportMembers, listAudit } from './reports';
import { organizationPeople } from './organization';
import { createTeam, deleteTeam, renameTeam } from './teams';
import { requireTwoStep } from './two-step-requirement';
import { workspaceFacts } from './workspace-facts';

export type DomainRequestType = Exclude<ClientRequestType, 'subscribe' | 'activity'>;

type Handler<T extends DomainRequestType> = (context: MutationContext, request: RequestOf<T>) => Promise<RequestResult<T>>;

export const REQUEST_HANDLERS: { [T in DomainRequestType]: Handler<T> } = {
  'member.invite': (context, request) => inviteMember(context, request.input),
  'member.edit': (context, request) => editMember(context, request.input),
  'member.revoke': (context, request) => revokeMember(context, request.input),
  'member.set_team': (context, request) => setMemberTeam(context, request.memberId, request.teamId),
  'invitation.resend': (context, request) => resendInvitation(context, request.memberId),
  'invitation.cancel': (context, request) => cancelInvitation(context, request.memberId),
  'members.export': (context, request) => exportMembers(context, request),
  'audit.list': (context, request) => listAudit(context, request),
  'audit.export': (context, request) => exportAudit(context, request),
  // Reads nothing but the context; async so that a refusal rejects like every other handler's.
  'workspace.facts': async (context) => workspaceFacts(context),
  'organization.people': (context) => organizationPeople(context),
  'team.create': (context, request) => createTeam(context, request.name),
  'team.rename': (context, request) => renameTeam(context, request.teamId, request.name),
  'team.delete': (context, request) => deleteTeam(context, request.teamId),
  'contact.create': (context, request) => createContact(context, request),
  'contact.set_detail': (context, request) => setContactDetail(context, request),
  'contact.assign': (context, request) => assignContact(context, request),
  'contact.delete': (context, request) => deleteContact(context, request.contactId),
  'profile.update': (context, request) => updateProfile(context, request),
  'preferences.update': (context, request) => updatePreferences(context, request.preferences),
  'members.bulk_invite_preview': (context, request) => previewBulkInvitations(context, request.rows),
  'members.bulk_invite': (context, request) => sendBulkInvitations(context, request.rows),
  'workspace.require_two_step': (context, request) => requireTwoStep(context, request),
  'review.start': (context, request) => startReview(context, request.criteria),
  'review.get': (context, request) => getReview(context, request.reviewId),
  'review.decide': (context, request) => decideReview(context, request),
  'review.schedule': (context, request) => scheduleReview(context, request.everyDays),
  'workspace.set_access_warning': (context, request) => setAccessWarning(context, request.days),
};

/** `context` holds the request's transaction store; the handler's work is done when the promise settles. */
export function runDomainRequest(context: MutationContext, request: Extract<ClientRequest, { type: DomainRequestType }>): Promise<unknown> {
  const handler = REQUEST_HANDLERS[request.type] as (context: MutationContext, request: ClientRequest) => Promise<unknown>;
  return handler(context, request);
}
