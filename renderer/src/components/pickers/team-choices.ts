// Teams as choices of a select (a contact's team): asked of the core by name,
// at most one window of them, and asked again when the teams change.
// Workspaces have a handful of teams; past LIST_WINDOW_MAX the select shows
// the first ones by name, which a team picker with search would lift.
import { onMounted, shallowRef } from 'vue';
import { LIST_WINDOW_MAX } from '@shared/api/list-queries-contract';
import { callOrThrow } from '../../api/client';
import { onListsChanged } from './lists-changed';

export interface TeamChoice {
  value: string | null;
  title: string;
}

export function useTeamChoices(noneTitle = 'No team') {
  const choices = shallowRef<TeamChoice[]>([{ value: null, title: noneTitle }]);
  let asked = 0;

  async function load(): Promise<void> {
    const question = ++asked;
    const answer = await callOrThrow('teams.query', { limit: LIST_WINDOW_MAX });
    if (question === asked) choices.value = [{ value: null, title: noneTitle }, ...answer.rows.map((team) => ({ value: team.id, title: team.name }))];
  }

  onMounted(() => void load().catch(() => undefined));
  onListsChanged(['teams'], () => void load().catch(() => undefined));
  return choices;
}
