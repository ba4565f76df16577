// Accepting an invitation (A2, A3, A6): the link works once, before it expires,
// and only while it is the member's newest link. Through the link, only an
// address with no account accepts (choosing a name and password); an existing
// account accepts from its own signed-in session (my-invitations.ts).
import type { InvitationPreview, SignInResponse } from '../../shared/protocol';
import { hashPassword } from '../auth/passwords';
import { createSession, SESSION_TTL_MS } from '../auth/sessions';
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
export async function liveInvitation(store: HubStore, token: string, now: number): Promise<LiveInvitation> {
  const invitation = await store.invitations.byTokenHash(hashToken(token));
  if (!invitation) throw new HubFailure('invitation_invalid', 'This invitation link is not valid.');
  if (invitation.usedAt !== null) throw new HubFailure('invitation_used', 'This invitation has already been accepted; sign in instead.');
  if (invitation.cancelledAt !== null) throw new HubFailure('invitation_cancelled', 'This invitation was cancelled. Ask an admin of the workspace for a new one.');
  if (invitation.supersededAt !== null) {
    throw new HubFailure('invitation_invalid', 'A newer invitation was sent for this address; use the link in the latest email.');
  }
  if (invitation.expiresAt <= now) throw new HubFailure('invitation_expired', 'This invitation has expired. Ask an admin of the workspace to resend it.');
  const member = await store.members.byId(invitation.memberId);
  const person = member && (await store.people.byId(member.personId));
  if (!member || !person || member.status !== 'pending') {
    throw new HubFailure('invitation_cancelled', 'This invitation was cancelled. Ask an admin of the workspace for a new one.');
  }
  return { invitation, member, person };
}

export async function previewInvitation(store: HubStore, token: string, now: number): Promise<InvitationPreview> {
  const { invitation, member, person } = await liveInvitation(store, token, now);
  const workspace = await store.workspaces.byId(member.workspaceId);
  const organization = workspace && (await store.workspaces.organization(workspace.organizationId));
  const inviter = invitation.createdBy ? await store.members.byId(invitation.createdBy) : undefined;
  // Nothing here says whether the address has an account: the link holder may not be its owner.
  return {
    email: person.email,
    workspaceName: workspace?.name ?? '',
    organizationName: organization?.name ?? '',
    level: member.level,
    invitedByName: inviter?.displayName ?? 'An admin',
    expiresAt: invitation.expiresAt,
  };
}

export interface AcceptInvitationInput {
  token: string;
  displayName: string;
  password: string;
}

export interface AcceptedInvitation {
  session: SignInResponse;
  workspaceId: string;
  changes: ChangeRecorder;
}

function signInToAccept(): HubFailure {
  return new HubFailure('sign_in_to_accept', 'This address already has a Gatehouse account: sign in to accept the invitation.');
}

/**
 * A3 for an address with no account: the link holder chooses its name and
 * password. An address with an account is refused before any password is
 * looked at, so the link is never a way to try one.
 */
export async function acceptInvitation(
  store: HubStore,
  input: AcceptInvitationInput,
  now: () => number,
  sessionTtlMs: number = SESSION_TTL_MS,
): Promise<AcceptedInvitation> {
  if ((await liveInvitation(store, input.token, now())).person.passwordHash !== null) throw signInToAccept();
  const passwordHash = await hashPassword(input.password);
  // Hashing took a while: check again inside the transaction, where nothing can change under us
  // (another link of the same address may have created the account meanwhile).
  return store.transaction(async (tx) => {
    const at = now();
    // R7 (seats) and one account per person: on PostgreSQL, wait for other changes of the workspace and the person, then read again.
    const found = await liveInvitation(tx, input.token, at);
    await tx.locks.workspace(found.member.workspaceId);
    await tx.locks.person(found.person.id);
    const { invitation, member, person } = await liveInvitation(tx, input.token, at);
    if (person.passwordHash !== null) throw signInToAccept();
    await tx.people.setPassword(person.id, passwordHash, input.displayName, at);
    const changes = await activateMember(tx, member, invitation, at);
    const refreshed = (await tx.people.byId(person.id)) ?? person;
    return { session: await createSession(tx, refreshed, at, sessionTtlMs), workspaceId: member.workspaceId, changes };
  });
}

/** Marks a pending member active and their link used, recorded for delivery and in the audit log (X1). */
export async function activateMember(store: HubStore, member: MemberWithPerson, invitation: InvitationRow, at: number): Promise<ChangeRecorder> {
  await store.members.update(member.id, { status: 'active', joinedAt: at });
  await store.invitations.markUsed(invitation.id, at);
  const changes = new ChangeRecorder(store);
  await changes.record(member.workspaceId, 'member', member.id);
  const accepted = await store.members.byId(member.id);
  if (!accepted) throw new Error('The accepted member disappeared');
  await new AuditWriter(store, member.workspaceId, accepted, at).record('member.accepted', accepted, accessFacts(member), accessFacts(accepted));
  return changes;
}
