// A windowed list over one of the core's list queries (issue 12): the
// renderer never holds a whole list, only the pages the viewport needs.
//
//   const list = useListWindow({
//     query,                       // Ref of the query without its window: search, filters, sort
//     fetchWindow: (query, window) => ..., // calls e.g. `members.query`; null when refused
//     isChanged: (change, query, isShown) => ..., // does this `lists.changed` concern the list?
//     anchor: () => ({ id, index }) | null, // the row to keep in place (the one under the pointer)
//     onShift: (rows) => ...,      // rows moved by `rows`: scroll by as many so the anchor stays put
//   });
//   list.total, list.isLoaded, list.isFailed, list.resets (bumps when a new
//   query replaced the rows: scroll to the top), list.rowAt(index) (undefined
//   while its page loads: show a placeholder), list.show(first, last) (call
//   with the indexes on screen, on scroll and resize), list.refresh().
//
// Rules it keeps:
// - One request at a time for a new query or a refresh, and the latest wins:
//   a query typed while one is in flight is sent when that answer comes, and
//   answers to queries no longer current are dropped. That is the search's
//   debounce, without a fixed delay the first keystroke would have to wait.
// - Page loads carry the epoch they started in; a new query or refresh
//   starts a new epoch, so a late page of an earlier order is never shown.
// - On `lists.changed` for its list (isChanged), it refetches the pages on
//   screen with the anchor, learns where the anchor stands now and, if it
//   moved, fetches the rows there instead and reports the shift, so the row
//   under the pointer stays under the pointer. Other pages are dropped and
//   load again when scrolled to.
import { onScopeDispose, shallowRef, watch } from 'vue';
import type { Ref } from 'vue';
import type { ListsChanged } from '@shared/api/list-queries-contract';
import { LIST_WINDOW_MAX } from '@shared/api/list-queries-contract';
import { onApiEvent, onConsoleLinkChange } from '../api/client';
import { LIST_PAGE_SIZE, PageCache, pageOf, pagesCovering } from './use-list-window-pages';

export interface WindowRequest {
  offset: number;
  limit: number;
  anchorId: string | null;
}

export interface WindowAnswer<Row> {
  rows: Row[];
  total: number;
  offset: number;
  anchorIndex: number | null;
}

export interface ListAnchor {
  id: string;
  index: number;
}

export interface ListWindowOptions<Query, Row extends { id: string }> {
  /** The query without its window; a change (by value) starts a new list. */
  query: Ref<Query>;
  fetchWindow(query: Query, window: WindowRequest): Promise<WindowAnswer<Row> | null>;
  /** Whether a `lists.changed` may change what this list shows; `isShown` says whether any of these ids is loaded. */
  isChanged(change: ListsChanged, query: Query, isShown: (ids: readonly string[]) => boolean): boolean;
  anchor?: () => ListAnchor | null;
  onShift?: (rows: number) => void;
  pageSize?: number;
}

type Work = 'none' | 'refresh' | 'query';

export function useListWindow<Query, Row extends { id: string }>(options: ListWindowOptions<Query, Row>) {
  const pageSize = options.pageSize ?? LIST_PAGE_SIZE;
  const cache = new PageCache<Row>(pageSize);
  const total = shallowRef(0);
  const isLoaded = shallowRef(false);
  const isFailed = shallowRef(false);
  /** Bumps whenever rows change: rowAt reads it, so whatever renders rows re-renders. */
  const revision = shallowRef(0);
  /** Bumps when a new query's first rows replace the old ones. */
  const resets = shallowRef(0);

  let current: Query = options.query.value;
  let currentKey = '';
  let epoch = 0;
  let pending: Work = 'query';
  let isRunning = false;
  const loading = new Set<number>();
  let range = { first: 0, last: pageSize - 1 };

  /** A new query came while an answer was on its way: that answer is for a list no longer shown. */
  const isSuperseded = (): boolean => pending === 'query';

  function rowAt(index: number): Row | undefined {
    void revision.value;
    return cache.rowAt(index);
  }

  function request(first: number, last: number, anchorId: string | null): WindowRequest {
    const offset = pageOf(Math.max(0, first), pageSize) * pageSize;
    const end = (pageOf(Math.max(first, last), pageSize) + 1) * pageSize;
    return { offset, limit: Math.min(LIST_WINDOW_MAX, Math.max(pageSize, end - offset)), anchorId };
  }

  function store(answer: WindowAnswer<Row>): void {
    cache.put(answer.offset, answer.rows);
    total.value = answer.total;
    // Past the end (the list shrank): nothing to fetch there until it changes again.
    if (answer.rows.length === 0) cache.putEmpty(pageOf(answer.offset, pageSize));
  }

  async function loadQuery(): Promise<void> {
    const query = options.query.value;
    epoch += 1;
    const answer = await options.fetchWindow(query, request(0, range.last - range.first, null));
    if (isSuperseded()) return;
    if (!answer) {
      isFailed.value = true;
      return;
    }
    current = query;
    currentKey = JSON.stringify(query);
    cache.clear();
    store(answer);
    isFailed.value = false;
    isLoaded.value = true;
    range = { first: 0, last: range.last - range.first };
    resets.value += 1;
    revision.value += 1;
  }

  async function reload(): Promise<void> {
    epoch += 1;
    const anchor = options.anchor?.() ?? null;
    const { first, last } = range;
    let answer = await options.fetchWindow(current, request(first, last, anchor?.id ?? null));
    if (isSuperseded() || !answer) return;
    let shift = 0;
    if (anchor && answer.anchorIndex !== null && answer.anchorIndex !== anchor.index) {
      shift = answer.anchorIndex - anchor.index;
      answer = await options.fetchWindow(current, request(first + shift, last + shift, null));
      if (isSuperseded() || !answer) return;
    }
    cache.clear();
    store(answer);
    if (shift !== 0) {
      range = { first: Math.max(0, first + shift), last: Math.max(0, last + shift) };
      options.onShift?.(shift);
    }
    revision.value += 1;
  }

  async function run(): Promise<void> {
    if (isRunning) return;
    isRunning = true;
    try {
      while (pending !== 'none') {
        const work = pending;
        pending = 'none';
        loading.clear();
        await (work === 'query' ? loadQuery() : reload());
      }
    } finally {
      isRunning = false;
    }
    show(range.first, range.last);
  }

  function schedule(work: Exclude<Work, 'none'>): void {
    if (work === 'query' || pending === 'none') pending = work;
    void run();
  }

  async function loadPages(pages: number[]): Promise<void> {
    const started = epoch;
    for (const page of pages) loading.add(page);
    const first = (pages[0] ?? 0) * pageSize;
    const answer = await options.fetchWindow(current, { offset: first, limit: pages.length * pageSize, anchorId: null });
    if (started !== epoch) return;
    for (const page of pages) loading.delete(page);
    if (!answer) return;
    store(answer);
    for (const page of pages) if (!cache.has(page)) cache.putEmpty(page);
    cache.evict(pageOf(range.first, pageSize));
    revision.value += 1;
  }

  /** The rows on screen (inclusive); loads the pages they and a page either side need. */
  function show(first: number, last: number): void {
    range = { first: Math.max(0, first), last: Math.max(first, last) };
    if (isRunning || !isLoaded.value) return;
    const missing = pagesCovering(range.first, range.last, total.value, 1, pageSize).filter((page) => !cache.has(page) && !loading.has(page));
    // Consecutive missing pages go in one request, up to the most a window returns.
    const perRequest = Math.max(1, Math.floor(LIST_WINDOW_MAX / pageSize));
    let batch: number[] = [];
    for (const page of missing) {
      const previous = batch[batch.length - 1];
      if (previous !== undefined && (page !== previous + 1 || batch.length === perRequest)) {
        void loadPages(batch);
        batch = [];
      }
      batch.push(page);
    }
    if (batch.length > 0) void loadPages(batch);
  }

  function refresh(): void {
    schedule('refresh');
  }

  watch(
    options.query,
    (query) => {
      if (JSON.stringify(query) === currentKey && pending !== 'query') return;
      schedule('query');
    },
    { deep: true },
  );
  void run();

  const stop = onApiEvent((event) => {
    if (event.name !== 'lists.changed') return;
    if (options.isChanged(event.payload, current, (ids) => cache.hasAnyOf(ids))) refresh();
  });
  onScopeDispose(stop);
  // The web console stopped answering, then came back: the changes told meanwhile were lost with the link, so the window asks again.
  const stopLink = onConsoleLinkChange((link) => {
    if (link.status === 'connected') refresh();
  });
  onScopeDispose(stopLink);

  return { total, isLoaded, isFailed, revision, resets, rowAt, show, refresh };
}

export type ListWindow<Row extends { id: string }> = ReturnType<typeof useListWindow<unknown, Row>>;
