// U6/U7 and A6: what the signed-in member may do to one member of the Users
// table, from the shared policy. A plain function rather than computeds in
// each row's actions: the row's buttons and the table's one "More actions"
// menu ask the same questions of the same member.
import type { Member } from '@shared/domain';
import type { useWorkspaceStore } from '../../stores/workspace';

type Policy = Pick<ReturnType<typeof useWorkspaceStore>, 'reason' | 'can' | 'activeOwnerCount' | 'selfMemberId'>;

export interface MemberPermissions {
  /** Why Edit is refused, or null; on your own row it is the note's tooltip (U7). */
  editReason: string | null;
  canEdit: boolean;
  canRevoke: boolean;
  /** A6: a pending invitation can be sent again, replaced by a new link or cancelled. */
  canChangeInvite: boolean;
  isSelf: boolean;
}

export function memberPermissions(policy: Policy, member: Pick<Member, 'id' | 'level' | 'status' | 'restrictions'>): MemberPermissions {
  const target = { memberId: member.id, level: member.level, status: member.status };
  const activeOwnerCount = policy.activeOwnerCount;
  const editReason = policy.reason({ type: 'member.edit', target, level: member.level, restrictions: member.restrictions, activeOwnerCount });
  const revokeReason = policy.reason({ type: 'member.revoke', target, activeOwnerCount });
  return {
    editReason,
    canEdit: editReason === null,
    canRevoke: revokeReason === null,
    canChangeInvite: member.status === 'pending' && policy.can({ type: 'invitation.resend', target }),
    isSelf: member.id === policy.selfMemberId,
  };
}

/** Whether a row offers the "More actions" menu: invitation changes, or (narrow) Edit and Revoke. */
export function hasActionsMenu(permissions: MemberPermissions, isCompact: boolean): boolean {
  return permissions.canChangeInvite || (isCompact && (permissions.canEdit || permissions.canRevoke));
}
