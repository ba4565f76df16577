// One page of one of the core's list queries (teams.query, members.query...),
// with its total: asked again when the query's inputs change (back to the
// first page), when the page changes, and when the core says one of `lists`
// changed. The latest question wins; a late answer to an older one is dropped.
import { computed, onMounted, shallowRef, watch } from 'vue';
import type { ListName } from './lists-changed';
import { onListsChanged } from './lists-changed';

export interface PagedQueryOptions<Row> {
  /** Asks the core for `limit` rows from `offset`, with the total that matches. */
  fetch(offset: number, limit: number): Promise<{ rows: Row[]; total: number }>;
  /** What the query depends on, as a key: a new key starts again at the first page. */
  key: () => string;
  lists: readonly ListName[];
  pageSize: number;
}

export function usePagedQuery<Row>(options: PagedQueryOptions<Row>) {
  const page = shallowRef(1);
  const rows = shallowRef<Row[]>([]);
  const total = shallowRef(0);
  const isLoading = shallowRef(false);
  const error = shallowRef<string | null>(null);
  const pageCount = computed(() => Math.max(1, Math.ceil(total.value / options.pageSize)));

  let asked = 0;
  async function load(): Promise<void> {
    const question = ++asked;
    isLoading.value = true;
    try {
      const answer = await options.fetch((page.value - 1) * options.pageSize, options.pageSize);
      if (question !== asked) return;
      rows.value = answer.rows;
      total.value = answer.total;
      error.value = null;
      // The last page emptied (its rows removed): show the last one there is.
      if (answer.rows.length === 0 && page.value > pageCount.value) page.value = pageCount.value;
    } catch (failure) {
      if (question === asked) error.value = failure instanceof Error ? failure.message : String(failure);
    } finally {
      if (question === asked) isLoading.value = false;
    }
  }

  watch(options.key, () => (page.value === 1 ? void load() : (page.value = 1)));
  watch(page, () => void load());
  onMounted(() => void load());
  onListsChanged(options.lists, () => void load());

  return { page, rows, total, pageCount, isLoading, error, refresh: load };
}
