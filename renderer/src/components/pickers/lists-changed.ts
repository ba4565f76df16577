// Refetch what a component shows when the core says one of its lists changed
// (`lists.changed`, issue 12): the renderer holds no whole list, so it asks
// again for the window it shows instead of patching rows it does not have.
import { onBeforeUnmount } from 'vue';
import type { ListsChanged } from '@shared/api/list-queries-contract';
import { onApiEvent, onConsoleLinkChange } from '../../api/client';

export type ListName = 'members' | 'teams' | 'contacts';

/** True when the change touches any of `lists` (an empty id list means "not this list"). */
export function touches(change: ListsChanged, lists: readonly ListName[]): boolean {
  return lists.some((list) => change[list] === 'all' || change[list].length > 0);
}

/** Calls `refetch` after each change to one of `lists`, for as long as the calling component lives. */
export function onListsChanged(lists: readonly ListName[], refetch: (change: ListsChanged) => void): void {
  const stop = onApiEvent((event) => {
    if (event.name === 'lists.changed' && touches(event.payload, lists)) refetch(event.payload);
  });
  // Changes told while the web console could not be reached were lost with the link: everything counts as changed once it is back.
  const stopLink = onConsoleLinkChange((link) => {
    if (link.status === 'connected') refetch({ workspaceId: '', cause: 'connection', members: 'all', teams: 'all', contacts: 'all', isSummaryChanged: true });
  });
  onBeforeUnmount(() => {
    stop();
    stopLink();
  });
}
