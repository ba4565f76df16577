// Realistic replica contents for the replica's tests: a workspace whose
// members, teams and contacts carry addresses that can be searched for in the
// file's raw bytes.
import type { Contact, Member } from '../../../shared/domain';
import { NO_RESTRICTIONS } from '../../../shared/policy';
import type { WorkspaceSnapshot } from '../../../shared/protocol';

/** `contact7@<domain>` and `<phonePrefix> 0007` for contacts, `member7@<domain>` for members. */
export function workspaceSnapshot(workspaceId: string, domain: string, size: number, phonePrefix = '+44 20 7946'): WorkspaceSnapshot {
  const members: Member[] = Array.from({ length: size }, (_, index) => ({
    id: `${workspaceId}-m${index}`,
    workspaceId,
    personId: `${workspaceId}-p${index}`,
    email: `member${index}@${domain}`,
    displayName: `Member ${index} of ${domain}`,
    avatarDataUrl: null,
    level: index === 0 ? 'owner' : 'agent',
    restrictions: NO_RESTRICTIONS,
    status: 'active',
    teamId: `${workspaceId}-t1`,
    invitedAt: 1_700_000_000_000 + index,
    joinedAt: 1_700_000_100_000 + index,
    lastSeenAt: 1_700_000_200_000 + index,
    isOnline: false,
    version: 1,
  }));
  const contacts: Contact[] = Array.from({ length: size }, (_, index) => ({
    id: `${workspaceId}-c${index}`,
    workspaceId,
    name: `Customer ${index} of ${domain}`,
    phone: `${phonePrefix} ${String(index).padStart(4, '0')}`,
    email: `contact${index}@${domain}`,
    assigneeId: `${workspaceId}-m${index % size}`,
    teamId: null,
    isMasked: false,
  }));
  return {
    organization: { id: `${workspaceId}-o`, name: `Organization of ${domain}` },
    workspace: { id: workspaceId, organizationId: `${workspaceId}-o`, name: `Workspace of ${domain}`, plan: 'advanced' },
    selfMemberId: `${workspaceId}-m0`,
    members,
    teams: [{ id: `${workspaceId}-t1`, workspaceId, name: `Team of ${domain}` }],
    contacts,
    preferences: { scope: 'everyone', memberIds: [], notifyOnline: true, notifyOffline: false },
  };
}
