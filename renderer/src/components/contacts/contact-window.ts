// One page of contacts, as the core answers it (contacts.query): what is
// typed in the search (debounced), who the contacts are assigned to, and
// which page; asked again when the core says contacts, members (assignee
// names) or teams changed.
import { computed, shallowRef, watch } from 'vue';
import type { ContactListRow, ContactsQueryInput } from '@shared/api/list-queries-contract';
import { callOrThrow } from '../../api/client';
import { usePagedQuery } from '../pickers/paged-query';

export const CONTACTS_PAGE_SIZE = 50;
/** Long enough to wait for the next key stroke of someone typing. */
const TYPING_PAUSE_MS = 200;

export type AssigneeFilterKind = 'any' | 'unassigned' | 'member';

export function useContactWindow() {
  const search = shallowRef('');
  /** What was typed once the typing paused: what is asked. */
  const settledSearch = shallowRef('');
  const assigneeKind = shallowRef<AssigneeFilterKind>('any');
  const assigneeId = shallowRef<string | null>(null);
  const hasFilters = computed(() => settledSearch.value !== '' || assigneeKind.value !== 'any');

  const assignee = computed<ContactsQueryInput['assignee']>(() => {
    if (assigneeKind.value === 'unassigned') return { kind: 'unassigned' };
    if (assigneeKind.value === 'member' && assigneeId.value) return { kind: 'member', memberId: assigneeId.value };
    return { kind: 'any' };
  });

  let timer: ReturnType<typeof setTimeout> | undefined;
  watch(search, (typed) => {
    clearTimeout(timer);
    timer = setTimeout(() => (settledSearch.value = (typed ?? '').trim()), TYPING_PAUSE_MS);
  });

  const window = usePagedQuery<ContactListRow>({
    fetch: (offset, limit) => callOrThrow('contacts.query', { search: settledSearch.value, assignee: assignee.value, offset, limit }),
    key: () => JSON.stringify([settledSearch.value, assignee.value]),
    lists: ['contacts', 'members', 'teams'],
    pageSize: CONTACTS_PAGE_SIZE,
  });

  return { ...window, search, assigneeKind, assigneeId, hasFilters };
}
