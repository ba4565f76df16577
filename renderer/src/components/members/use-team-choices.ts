// The Users toolbar's team filter: the workspace's teams by name, from
// `teams.query`, asked again when `lists.changed` says teams changed. Unlike
// pickers/team-choices.ts it has no "No team" choice: an empty filter is any team.
import { shallowRef } from 'vue';
import { LIST_WINDOW_MAX } from '@shared/api/list-queries-contract';
import { callApi } from '../../api/client';
import { onListsChanged } from '../pickers/lists-changed';

export interface TeamChoice {
  value: string;
  title: string;
}

export function useTeamChoices() {
  const choices = shallowRef<TeamChoice[]>([]);
  /** More teams than one window holds: the filter offers the first ones by name. */
  const hasMore = shallowRef(false);
  let request = 0;

  async function load(): Promise<void> {
    const asked = (request += 1);
    const result = await callApi('teams.query', { limit: LIST_WINDOW_MAX });
    if (asked !== request || !result.ok) return;
    choices.value = result.value.rows.map((team) => ({ value: team.id, title: team.name }));
    hasMore.value = result.value.total > result.value.rows.length;
  }

  void load();
  onListsChanged(['teams'], () => void load());
  return { choices, hasMore };
}
