// A person's own invitations (A2, A3): an address that already has an account
// sees its live invitations once signed in, and accepts or declines them
// there. The link alone never lets anyone accept for an existing account.
import type { MeResponse, MyInvitation } from '../../shared/protocol';
import type { HubStore } from '../store/hub-store';
import type { InvitationRow } from '../store/repos/invitations';
import type { MemberWithPerson } from '../store/repos/members';
import { activateMember } from './accept-invitation';
import { AuditWriter } from './audit-writer';
import { ChangeRecorder } from './change-recorder';
import { HubFailure } from './hub-failure';

/** The member's link if it can still be accepted: not used, cancelled, replaced or expired. */
function liveLink(store: HubStore, memberId: string, now: number): InvitationRow | null {
  const link = store.invitations.liveFor(memberId);
  return link && link.expiresAt > now ? link : null;
}

export function listMyInvitations(store: HubStore, personId: string, now: number): MyInvitation[] {
  return store.members.pendingOf(personId).flatMap((pending) => {
    const link = liveLink(store, pending.memberId, now);
    if (!link) return [];
    const inviter = link.createdBy ? store.members.byId(link.createdBy) : undefined;
    return [{ ...pending, invitedByName: inviter?.displayName ?? 'An admin', expiresAt: link.expiresAt }];
  });
}

export function meOf(store: HubStore, personId: string): MeResponse {
  const person = store.people.byId(personId);
  if (!person) throw new HubFailure('unauthorized', 'Sign in first.');
  return { personId: person.id, displayName: person.displayName, email: person.email, workspaces: store.members.membershipsOf(person.id) };
}

/** The person's own live invitation, or not_found: someone else's invitation is never confirmed to exist. */
function myLiveInvitation(store: HubStore, personId: string, memberId: string, now: number): { member: MemberWithPerson; link: InvitationRow } {
  const member = store.members.byId(memberId);
  const link = member && member.personId === personId && member.status === 'pending' ? liveLink(store, member.id, now) : null;
  if (!member || !link) throw new HubFailure('not_found', 'This invitation is not open any more: it may have been accepted, cancelled, replaced or it expired.');
  return { member, link };
}

export function acceptMyInvitation(store: HubStore, personId: string, memberId: string, now: number): { me: MeResponse; changes: ChangeRecorder } {
  return store.transaction(() => {
    const { member, link } = myLiveInvitation(store, personId, memberId, now);
    const changes = activateMember(store, member, link, now);
    return { me: meOf(store, personId), changes };
  });
}

/** Declining removes the pending member as a cancel does, recorded as the person's own act. */
export function declineMyInvitation(store: HubStore, personId: string, memberId: string, now: number): { invitations: MyInvitation[]; changes: ChangeRecorder } {
  return store.transaction(() => {
    const { member, link } = myLiveInvitation(store, personId, memberId, now);
    store.invitations.cancel(link.id, now);
    store.audit.deletePreferences(member.id);
    store.members.delete(member.id);
    const changes = new ChangeRecorder(store);
    changes.record(member.workspaceId, 'member', member.id);
    new AuditWriter(store, member.workspaceId, member, now).record('invitation.declined', member, { email: member.email, level: member.level, status: 'pending' }, null);
    return { invitations: listMyInvitations(store, personId, now), changes };
  });
}
