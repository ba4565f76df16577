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
async function liveLink(store: HubStore, memberId: string, now: number): Promise<InvitationRow | null> {
  const link = await store.invitations.liveFor(memberId);
  return link && link.expiresAt > now ? link : null;
}

export async function listMyInvitations(store: HubStore, personId: string, now: number): Promise<MyInvitation[]> {
  const invitations: MyInvitation[] = [];
  for (const pending of await store.members.pendingOf(personId)) {
    const link = await liveLink(store, pending.memberId, now);
    if (!link) continue;
    const inviter = link.createdBy ? await store.members.byId(link.createdBy) : undefined;
    invitations.push({ ...pending, invitedByName: inviter?.displayName ?? 'An admin', expiresAt: link.expiresAt });
  }
  return invitations;
}

export async function meOf(store: HubStore, personId: string): Promise<MeResponse> {
  const person = await store.people.byId(personId);
  if (!person) throw new HubFailure('unauthorized', 'Sign in first.');
  return { personId: person.id, displayName: person.displayName, email: person.email, workspaces: await store.members.membershipsOf(person.id) };
}

/** The person's own live invitation, or not_found: someone else's invitation is never confirmed to exist. */
async function myLiveInvitation(store: HubStore, personId: string, memberId: string, now: number): Promise<{ member: MemberWithPerson; link: InvitationRow }> {
  const member = await store.members.byId(memberId);
  const link = member && member.personId === personId && member.status === 'pending' ? await liveLink(store, member.id, now) : null;
  if (!member || !link) throw new HubFailure('not_found', 'This invitation is not open any more: it may have been accepted, cancelled, replaced or it expired.');
  return { member, link };
}

export function acceptMyInvitation(store: HubStore, personId: string, memberId: string, now: number): Promise<{ me: MeResponse; changes: ChangeRecorder }> {
  return store.transaction(async (tx) => {
    // R7: the seats are counted after any other change of the workspace has landed (hub/store/repos/locks.ts).
    await tx.locks.workspace((await myLiveInvitation(tx, personId, memberId, now)).member.workspaceId);
    const { member, link } = await myLiveInvitation(tx, personId, memberId, now);
    const changes = await activateMember(tx, member, link, now);
    return { me: await meOf(tx, personId), changes };
  });
}

/** Declining removes the pending member as a cancel does, recorded as the person's own act. */
export function declineMyInvitation(store: HubStore, personId: string, memberId: string, now: number): Promise<{ invitations: MyInvitation[]; changes: ChangeRecorder }> {
  return store.transaction(async (tx) => {
    await tx.locks.workspace((await myLiveInvitation(tx, personId, memberId, now)).member.workspaceId);
    const { member, link } = await myLiveInvitation(tx, personId, memberId, now);
    await tx.invitations.cancel(link.id, now);
    await tx.audit.deletePreferences(member.id);
    await tx.members.delete(member.id);
    const changes = new ChangeRecorder(tx);
    await changes.record(member.workspaceId, 'member', member.id);
    await new AuditWriter(tx, member.workspaceId, member, now).record('invitation.declined', member, { email: member.email, level: member.level, status: 'pending' }, null);
    return { invitations: await listMyInvitations(tx, personId, now), changes };
  });
}
