// The Users page's window over `members.query`: which `lists.changed` concern
// it (the contract's rules for presence), and the call itself.
import type { ListsChanged, MemberListRow, MembersQueryInput } from '@shared/api/list-queries-contract';
import { callApi } from '../api/client';
import type { ListAnchor, WindowAnswer, WindowRequest } from './use-list-window';
import { useListWindow } from './use-list-window';
import type { Ref } from 'vue';

/** The Users page's query: everything but the window. */
export type MemberListQuery = Required<Pick<MembersQueryInput, 'search' | 'level' | 'status' | 'teamId' | 'presence' | 'access' | 'sort'>>;

async function fetchMembers(query: MemberListQuery, window: WindowRequest): Promise<WindowAnswer<MemberListRow> | null> {
  const result = await callApi('members.query', { ...query, ...window });
  return result.ok ? result.value : null;
}

/**
 * Members change with their own list and with teams (team names). A presence
 * change moves nothing in a window that neither sorts by last seen nor
 * filters by presence: only the dots of rows it shows.
 */
export function isMemberListChanged(change: ListsChanged, query: MemberListQuery, isShown: (ids: readonly string[]) => boolean): boolean {
  if (change.teams === 'all' || change.teams.length > 0) return true;
  if (change.members === 'all') return true;
  if (change.members.length === 0) return false;
  if (change.cause === 'presence' && query.sort.by !== 'last_seen' && query.presence === null) return isShown(change.members);
  return true;
}

export function useMemberWindow(query: Ref<MemberListQuery>, anchor: () => ListAnchor | null, onShift: (rows: number) => void) {
  return useListWindow<MemberListQuery, MemberListRow>({ query, fetchWindow: fetchMembers, isChanged: isMemberListChanged, anchor, onShift });
}
