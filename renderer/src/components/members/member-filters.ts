// U5: what the Users toolbar chooses (search, filters, one of the sorts it
// offers) and the `members.query` it becomes.
import type { MemberSort } from '@shared/api/list-queries-contract';
import type { Member } from '@shared/domain';
import type { AccessLevel } from '@shared/policy';
import type { MemberListQuery } from '../../composables/use-list-window-members';

/** The sorts the toolbar offers; last seen finds dormant accounts. */
export const MEMBER_SORT_CHOICES = {
  name: { title: 'Name', sort: { by: 'name', direction: 'asc' } },
  level: { title: 'Access level', sort: { by: 'level', direction: 'asc' } },
  last_seen_oldest: { title: 'Last seen, oldest first', sort: { by: 'last_seen', direction: 'asc' } },
  last_seen_newest: { title: 'Last seen, newest first', sort: { by: 'last_seen', direction: 'desc' } },
  invited_newest: { title: 'Invited, newest first', sort: { by: 'invited', direction: 'desc' } },
} as const satisfies Record<string, { title: string; sort: MemberSort }>;
export type MemberSortChoice = keyof typeof MEMBER_SORT_CHOICES;

export interface MemberFilters {
  search: string;
  level: AccessLevel | null;
  status: Member['status'] | null;
  teamId: string | null;
  presence: 'online' | 'offline' | null;
  sort: MemberSortChoice;
}

export const NO_MEMBER_FILTERS: MemberFilters = { search: '', level: null, status: null, teamId: null, presence: null, sort: 'name' };

export function hasMemberFilters(filters: MemberFilters): boolean {
  return filters.level !== null || filters.status !== null || filters.teamId !== null || filters.presence !== null;
}

export function toMemberQuery(filters: MemberFilters): MemberListQuery {
  const { search, level, status, teamId, presence, sort } = filters;
  // The core ignores surrounding blanks too; trimming here spares a query when only a blank was typed.
  return { search: search.trim(), level, status, teamId, presence, sort: { ...MEMBER_SORT_CHOICES[sort].sort } };
}
