// U5: what the Users toolbar chooses (search, filters, one of the sorts it
// offers) and the `members.query` it becomes.
import type { MemberAccessFilter, MemberSort } from '@shared/api/list-queries-contract';
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
  // Issue 13.2: temporary access, soonest end first (access without an end last).
  access_ends_soonest: { title: 'Access ends, soonest first', sort: { by: 'access_until', direction: 'asc' } },
} as const satisfies Record<string, { title: string; sort: MemberSort }>;
export type MemberSortChoice = keyof typeof MEMBER_SORT_CHOICES;

export interface MemberFilters {
  search: string;
  level: AccessLevel | null;
  status: Member['status'] | null;
  teamId: string | null;
  presence: 'online' | 'offline' | null;
  /** Issue 13.2: access ending soon, or with any end date. */
  access: MemberAccessFilter | null;
  sort: MemberSortChoice;
}

export const NO_MEMBER_FILTERS: MemberFilters = { search: '', level: null, status: null, teamId: null, presence: null, access: null, sort: 'name' };

export function hasMemberFilters(filters: MemberFilters): boolean {
  return filters.level !== null || filters.status !== null || filters.teamId !== null || filters.presence !== null || filters.access !== null;
}

export function toMemberQuery(filters: MemberFilters): MemberListQuery {
  const { search, level, status, teamId, presence, access, sort } = filters;
  // The core ignores surrounding blanks too; trimming here spares a query when only a blank was typed.
  return { search: search.trim(), level, status, teamId, presence, access, sort: { ...MEMBER_SORT_CHOICES[sort].sort } };
}
