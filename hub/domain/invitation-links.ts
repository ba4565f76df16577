// A6: an invitation link is a fresh 256-bit token; creating one kills the
// member's previous link, and only its hash is kept.
import { hashToken, newId, newSecretToken } from '../auth/tokens';
import type { MutationContext } from './mutation-context';

export interface CreatedLink {
  inviteUrl: string;
  expiresAt: number;
}

export function invitationUrl(publicUrl: string, token: string): string {
  return `${publicUrl.replace(/\/+$/, '')}/invite/${token}`;
}

export async function createInvitationLink(context: MutationContext, memberId: string): Promise<CreatedLink> {
  const { store, now, settings, workspace, viewer } = context;
  const live = await store.invitations.liveFor(memberId);
  if (live) await store.invitations.supersede(live.id, now);
  const token = newSecretToken();
  const expiresAt = now + settings.invitationTtlMs;
  await store.invitations.insert({
    id: newId(),
    workspaceId: workspace.id,
    memberId,
    tokenHash: hashToken(token),
    createdBy: viewer.member.id,
    createdAt: now,
    expiresAt,
    usedAt: null,
    cancelledAt: null,
    supersededAt: null,
  });
  return { inviteUrl: invitationUrl(settings.publicUrl, token), expiresAt };
}
