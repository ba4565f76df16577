// The choices of a member picker, asked of the core as the person types
// (`members.pick`: the first few by name and how many match in all), and the
// names of chosen members that the current answer does not hold
// (`members.byIds`). Typing is debounced, and an answer that arrives after a
// newer question was asked is dropped, so a slow early answer never replaces
// the one for what is typed now.
import { shallowRef, watch } from 'vue';
import type { Ref } from 'vue';
import type { MemberChoice } from '@shared/api/list-queries-contract';
import type { Member } from '@shared/domain';
import { callOrThrow } from '../../api/client';
import { onListsChanged } from './lists-changed';

/** Long enough to wait for the next key stroke of someone typing, short enough to feel instant. */
const TYPING_PAUSE_MS = 150;

export interface MemberChoicesQuery {
  search: Ref<string>;
  /** Only asked while the menu is open: a closed picker costs nothing. */
  isOpen: Ref<boolean>;
  status: () => Member['status'] | null;
  excludeIds: () => string[];
  limit: number;
}

export function useMemberChoices(query: MemberChoicesQuery) {
  const rows = shallowRef<MemberChoice[]>([]);
  const total = shallowRef(0);
  const isLoading = shallowRef(false);
  const error = shallowRef<string | null>(null);
  let asked = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;

  async function ask(): Promise<void> {
    const question = ++asked;
    isLoading.value = true;
    try {
      const answer = await callOrThrow('members.pick', { search: query.search.value.trim(), status: query.status(), excludeIds: query.excludeIds(), limit: query.limit });
      if (question !== asked) return;
      rows.value = answer.rows;
      total.value = answer.total;
      error.value = null;
    } catch (failure) {
      if (question === asked) error.value = failure instanceof Error ? failure.message : String(failure);
    } finally {
      if (question === asked) isLoading.value = false;
    }
  }

  function askSoon(): void {
    clearTimeout(timer);
    timer = setTimeout(() => void ask(), TYPING_PAUSE_MS);
  }

  watch(query.isOpen, (isOpen) => isOpen && void ask());
  watch(query.search, () => query.isOpen.value && askSoon());
  watch(() => [query.status(), query.excludeIds().join()], () => query.isOpen.value && void ask());
  onListsChanged(['members'], () => query.isOpen.value && void ask());

  return { rows, total, isLoading, error };
}

/** The chosen members, in the order asked; ids this person cannot see are left out. */
export async function membersByIds(ids: string[]): Promise<MemberChoice[]> {
  if (ids.length === 0) return [];
  const { rows } = await callOrThrow('members.byIds', { ids });
  return rows;
}

/** What the picker says under a first page of choices that does not hold every match, or null when it does. */
export function moreText(shown: number, total: number): string | null {
  const more = total - shown;
  return more > 0 ? `and ${more.toLocaleString('en')} more — keep typing` : null;
}
