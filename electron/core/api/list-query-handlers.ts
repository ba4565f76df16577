// Handlers of the list queries (shared/api/list-queries-contract.ts): each
// answers from the open workspace's replica, through the core's
// ReplicaQueries, with presence as the core knows it now.
import type { z } from 'zod';
import type { LIST_QUERIES_CONTRACT, ListQueryMethodName } from '../../../shared/api/list-queries-contract';
import type { UnreadableCounts } from '../../../shared/api/session-schemas';
import { ApiFailure } from '../api-failure';
import type { OpenWorkspace, ReplicaQueries } from '../replica/replica-queries';

/** What the handlers need from the core: the open workspace's queries, or null when none is open. */
export interface ListQuerySource {
  openLists(): { queries: ReplicaQueries; open: OpenWorkspace } | null;
  /** Records of the last sync this version could not read, for the window to say so. */
  unreadableCounts(): UnreadableCounts;
}

type Contract = typeof LIST_QUERIES_CONTRACT;

/** The same shape as ApiHandlers' entries for these methods, so they spread into the one table. */
export type ListQueryHandlers = {
  [M in ListQueryMethodName]: (input: z.output<Contract[M]['input']>) => z.output<Contract[M]['output']>;
};

function noWorkspace(): ApiFailure {
  return new ApiFailure('no_workspace', 'Open a workspace first.');
}

export function listQueryHandlers(source: ListQuerySource): ListQueryHandlers {
  const lists = () => {
    const opened = source.openLists();
    if (!opened) throw noWorkspace();
    return opened;
  };
  return {
    'members.query': (input) => {
      const { queries, open } = lists();
      return queries.members(open, input);
    },
    'members.pick': (input) => {
      const { queries, open } = lists();
      return queries.pickMembers(open, input);
    },
    'members.byIds': (input) => {
      const { queries, open } = lists();
      return { rows: queries.membersByIds(open, input.ids) };
    },
    'teams.query': (input) => {
      const { queries, open } = lists();
      return queries.teams(open, input);
    },
    'contacts.query': (input) => {
      const { queries, open } = lists();
      return queries.contacts(open, input);
    },
    'workspace.summary': () => {
      const opened = source.openLists();
      const summary = opened ? opened.queries.summary(opened.open) : null;
      return summary ? { ...summary, unreadable: source.unreadableCounts() } : null;
    },
  };
}
