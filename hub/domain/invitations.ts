// Resend and cancel of pending invitations (A6).
import type { RequestResult } from '../../shared/protocol';
import type { MemberWithPerson } from '../store/repos/members';
import { HubFailure } from './hub-failure';
import { createInvitationLink } from './invitation-links';
import { asTarget, memberInWorkspace, queueInvitationEmail } from './members';
import type { MutationContext } from './mutation-context';
import { ensureAllowed } from './mutation-context';

async function pendingMember(context: MutationContext, memberId: string): Promise<MemberWithPerson> {
  const member = await memberInWorkspace(context, memberId);
  if (member.status !== 'pending') {
    throw new HubFailure('not_pending', `${member.displayName} has already accepted; there is no invitation to change.`);
  }
  return member;
}

export async function resendInvitation(context: MutationContext, memberId: string): Promise<RequestResult<'invitation.resend'>> {
  const member = await pendingMember(context, memberId);
  ensureAllowed(context, { type: 'invitation.resend', target: asTarget(member) });
  const link = await createInvitationLink(context, member.id);
  await context.store.members.update(member.id, { invitedAt: context.now });
  await context.changes.record(context.workspace.id, 'member', member.id);
  await context.audit.record('invitation.resent', member, null, { expiresAt: link.expiresAt });
  await queueInvitationEmail(context, member, link);
  return { ...link, isEmailed: false };
}

export async function cancelInvitation(context: MutationContext, memberId: string): Promise<RequestResult<'invitation.cancel'>> {
  const { store, now, workspace } = context;
  const member = await pendingMember(context, memberId);
  ensureAllowed(context, { type: 'invitation.cancel', target: asTarget(member) });
  const live = await store.invitations.liveFor(member.id);
  if (live) await store.invitations.cancel(live.id, now);
  await store.audit.deletePreferences(member.id);
  await store.members.delete(member.id);
  await context.changes.record(workspace.id, 'member', member.id);
  await context.audit.record('invitation.cancelled', member, { email: member.email, level: member.level, status: 'pending' }, null);
  return {};
}
