// Accepting an invitation (A2, A3, A6): the link works once, before it expires,
// and only while it is the member's newest link. A new person chooses a name
// and password; a person already known to the hub confirms with theirs.
import type { InvitationPreview, SignInResponse } from '../../shared/protocol';
import { hashPassword, verifyPassword } from '../auth/passwords';
import { createSession } from '../auth/sessions';
import { hashToken } from '../auth/tokens';
import type { HubStore } from '../store/hub-store';
import type { InvitationRow } from '../store/repos/invitations';
import type { MemberWithPerson } from '../store/repos/members';
import type { PersonRow } from '../store/repos/people';
import { AuditWriter, accessFacts } from './audit-writer';
import { ChangeRecorder } from './change-recorder';
import { HubFailure } from './hub-failure';

interface LiveInvitation {
  invitation: InvitationRow;
  member: MemberWithPerson;
  person: PersonRow;
}

/** The invitation behind a token if it can still be accepted, or the reason it cannot. */
export function liveInvitation(store: HubStore, token: string, now: number): LiveInvitation {
  const invitation = store.invitations.byTokenHash(hashToken(token));
  if (!invitation) throw new HubFailure('invitation_invalid', 'This invitation link is not valid.');
  if (invitation.usedAt !== null) throw new HubFailure('invitation_used', 'This invitation has already been accepted; sign in instead.');
  if (invitation.cancelledAt !== null) throw new HubFailure('invitation_cancelled', 'This invitation was cancelled. Ask an admin of the workspace for a new one.');
  if (invitation.supersededAt !== null) {
    throw new HubFailure('invitation_invalid', 'A newer invitation was sent for this address; use the link in the latest email.');
  }
  if (invitation.expiresAt <= now) throw new HubFailure('invitation_expired', 'This invitation has expired. Ask an admin of the workspace to resend it.');
  const member = store.members.byId(invitation.memberId);
  const person = member && store.people.byId(member.personId);
  if (!member || !person || member.status !== 'pending') {
    throw new HubFailure('invitation_cancelled', 'This invitation was cancelled. Ask an admin of the workspace for a new one.');
  }
  return { invitation, member, person };
}

export function previewInvitation(store: HubStore, token: string, now: number): InvitationPreview {
  const { invitation, member, person } = liveInvitation(store, token, now);
  const workspace = store.workspaces.byId(member.workspaceId);
  const organization = workspace && store.workspaces.organization(workspace.organizationId);
  const inviter = invitation.createdBy ? store.members.byId(invitation.createdBy) : undefined;
  return {
    email: person.email,
    workspaceName: workspace?.name ?? '',
    organizationName: organization?.name ?? '',
    level: member.level,
    invitedByName: inviter?.displayName ?? 'An admin',
    expiresAt: invitation.expiresAt,
    isExistingPerson: person.passwordHash !== null,
  };
}

export interface AcceptInvitationInput {
  token: string;
  displayName?: string;
  password: string;
}

export interface AcceptedInvitation {
  session: SignInResponse;
  workspaceId: string;
  changes: ChangeRecorder;
}

export async function acceptInvitation(store: HubStore, input: AcceptInvitationInput, now: () => number): Promise<AcceptedInvitation> {
  const { person } = liveInvitation(store, input.token, now());
  let passwordHash: string | null = null;
  if (person.passwordHash !== null) {
    if (!(await verifyPassword(person.passwordHash, input.password))) {
      throw new HubFailure('invalid_credentials', `${person.email} already has a Gatehouse password; enter that password to accept.`);
    }
  } else {
    if (!input.displayName) throw new HubFailure('invalid_message', 'Enter your name.');
    passwordHash = await hashPassword(input.password);
  }
  // Hashing took a while: check again inside the transaction, where nothing can change under us.
  return store.transaction(() => {
    const at = now();
    const { invitation, member } = liveInvitation(store, input.token, at);
    if (passwordHash !== null) store.people.setPassword(person.id, passwordHash, input.displayName ?? person.displayName, at);
    store.members.update(member.id, { status: 'active', joinedAt: at });
    store.invitations.markUsed(invitation.id, at);
    const changes = new ChangeRecorder(store);
    changes.record(member.workspaceId, 'member', member.id);
    const accepted = store.members.byId(member.id);
    if (!accepted) throw new Error('The accepted member disappeared');
    new AuditWriter(store, member.workspaceId, accepted, at).record('member.accepted', accepted, accessFacts(member), accessFacts(accepted));
    const refreshed = store.people.byId(person.id) ?? person;
    return { session: createSession(store, refreshed, at), workspaceId: member.workspaceId, changes };
  });
}
