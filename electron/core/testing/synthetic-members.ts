// Many plausible members at once, for the replica's tests and the CSV export
// benchmark: a tenth Managers, a twentieth pending, half in team t1.
import type { Member } from '../../../shared/domain';
import { NO_RESTRICTIONS } from '../../../shared/policy';

export function syntheticMembers(count: number): Member[] {
  return Array.from({ length: count }, (_, index) => ({
    id: `m${index}`,
    workspaceId: 'w',
    personId: `p${index}`,
    email: `person${index}@example.com`,
    displayName: `Person ${index}`,
    avatarDataUrl: null,
    level: index % 10 === 0 ? 'manager' : 'agent',
    restrictions: { ...NO_RESTRICTIONS, workflowsButton: index % 3 === 0 },
    status: index % 20 === 0 ? 'pending' : 'active',
    teamId: index % 2 === 0 ? 't1' : null,
    invitedAt: 1_700_000_000_000 + index,
    joinedAt: index % 20 === 0 ? null : 1_700_000_100_000 + index,
    lastSeenAt: 1_700_000_200_000 + index,
    isOnline: false,
    // One in fifty has temporary access (issue 13.2), ending a day apart.
    accessUntil: index % 50 === 0 ? 1_800_000_000_000 + index * 86_400_000 : null,
    accessHeirId: null,
    version: 1,
  }));
}
