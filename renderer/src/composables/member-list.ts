// U5: instant search by name or email, filters by level, status and team,
// and sorting (last seen finds dormant accounts). Search keys are computed once
// per member list, so a keystroke over 100,000 members is a single pass.
import { computed, shallowRef } from 'vue';
import type { Ref } from 'vue';
import type { Member } from '@shared/domain';
import type { AccessLevel } from '@shared/policy';

export type MemberSort = 'name' | 'last_seen_oldest' | 'last_seen_newest' | 'invited_newest';

export interface MemberFilters {
  search: string;
  level: AccessLevel | null;
  status: Member['status'] | null;
  teamId: string | null;
  sort: MemberSort;
}

export function useMemberList(members: Ref<Member[]>, lastSeen: (member: Member) => number | null, isOnline: (id: string) => boolean) {
  const filters = shallowRef<MemberFilters>({ search: '', level: null, status: null, teamId: null, sort: 'name' });
  const keys = computed(() => new Map(members.value.map((member) => [member.id, `${member.displayName}\n${member.email}`.toLowerCase()])));

  const visible = computed(() => {
    const { search, level, status, teamId, sort } = filters.value;
    const needle = search.trim().toLowerCase();
    const searchKeys = keys.value;
    const rows = members.value.filter(
      (member) =>
        (level === null || member.level === level) &&
        (status === null || member.status === status) &&
        (teamId === null || member.teamId === teamId) &&
        (needle === '' || (searchKeys.get(member.id) ?? '').includes(needle)),
    );
    // Online members count as seen now; never-seen ones as the oldest.
    const seen = (member: Member) => (isOnline(member.id) ? Number.MAX_SAFE_INTEGER : (lastSeen(member) ?? 0));
    const compare: Record<MemberSort, (a: Member, b: Member) => number> = {
      name: (a, b) => a.displayName.localeCompare(b.displayName),
      last_seen_oldest: (a, b) => seen(a) - seen(b),
      last_seen_newest: (a, b) => seen(b) - seen(a),
      invited_newest: (a, b) => b.invitedAt - a.invitedAt,
    };
    return rows.sort(compare[sort]);
  });

  return { filters, visible };
}
