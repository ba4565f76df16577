// What each sync event changed in the lists, as the `lists.changed` event
// tells the renderer (shared/api/list-queries-contract.ts): a snapshot
// replaces everything, a change set names its rows, presence names the
// members whose dot or last seen moved, and a dropped connection takes
// everyone offline at once.
import type { ListChange, ListsChanged } from '../../../shared/api/list-queries-contract';
import type { WorkspaceChanges } from '../../../shared/protocol';
import type { SyncEvent } from '../sync/sync-client';

/** Past this many ids the renderer is told "all": a long list costs more to send and to check than a refetch. */
export const MAX_NAMED_IDS = 500;

const UNCHANGED: ListChange = [];

function named(ids: readonly string[]): ListChange {
  return ids.length > MAX_NAMED_IDS ? 'all' : [...new Set(ids)];
}

function changedIds(list: WorkspaceChanges['members'] | WorkspaceChanges['teams'] | WorkspaceChanges['contacts']): ListChange {
  return named([...list.upserted.map((each) => each.id), ...list.deleted]);
}

export function listsChangedBy(workspaceId: string, event: SyncEvent): ListsChanged | null {
  switch (event.type) {
    case 'snapshot':
      return { workspaceId, cause: 'snapshot', members: 'all', teams: 'all', contacts: 'all', isSummaryChanged: true };
    case 'changes': {
      const { changes } = event;
      return {
        workspaceId,
        cause: 'changes',
        members: changedIds(changes.members),
        teams: changedIds(changes.teams),
        contacts: changedIds(changes.contacts),
        // Member, team and contact counts are in the summary, as are the workspace and the preferences.
        isSummaryChanged: true,
      };
    }
    case 'presence':
      if (event.presence.length === 0) return null;
      return { workspaceId, cause: 'presence', members: named(event.presence.map((each) => each.memberId)), teams: UNCHANGED, contacts: UNCHANGED, isSummaryChanged: false };
    case 'connection':
      // Online again changes nothing by itself: presence counts once the hub's presence list arrives (a presence event).
      if (event.state.status === 'online') return null;
      return { workspaceId, cause: 'connection', members: 'all', teams: UNCHANGED, contacts: UNCHANGED, isSummaryChanged: false };
    default:
      return null;
  }
}
