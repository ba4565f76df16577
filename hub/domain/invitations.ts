// Resend and cancel of pending invitations (A6).
import type { RequestResult } from '../../shared/protocol';
import type { MemberWithPerson } from '../store/repos/members';
import { HubFailure } from './hub-failure';
import { createInvitationLink } from './invitation-links';
import { asTarget, memberInWorkspace, queueInvitationEmail } from './members';
import type { MutationContext } from './mutation-context';
import { ensureAllowed } from './mutation-context';

function pendingMember(context: MutationContext, memberId: string): MemberWithPerson {
  const member = memberInWorkspace(context, memberId);
  if (member.status !== 'pending') {
    throw new HubFailure('not_pending', `${member.displayName} has already accepted; there is no invitation to change.`);
  }
  return member;
}

export function resendInvitation(context: MutationContext, memberId: string): RequestResult<'invitation.resend'> {
  const member = pendingMember(context, memberId);
  ensureAllowed(context, { type: 'invitation.resend', target: asTarget(member) });
  const link = createInvitationLink(context, member.id);
  context.store.members.update(member.id, { invitedAt: context.now });
  context.changes.record(context.workspace.id, 'member', member.id);
  context.audit.record('invitation.resent', member, null, { expiresAt: link.expiresAt });
  queueInvitationEmail(context, member, link);
  return { ...link, isEmailed: false };
}

export function cancelInvitation(context: MutationContext, memberId: string): RequestResult<'invitation.cancel'> {
  const { store, now, workspace } = context;
  const member = pendingMember(context, memberId);
  ensureAllowed(context, { type: 'invitation.cancel', target: asTarget(member) });
  const live = store.invitations.liveFor(member.id);
  if (live) store.invitations.cancel(live.id, now);
  store.audit.deletePreferences(member.id);
  store.members.delete(member.id);
  context.changes.record(workspace.id, 'member', member.id);
  context.audit.record('invitation.cancelled', member, { email: member.email, level: member.level, status: 'pending' }, null);
  return {};
}
