// The sparse cache behind useListWindow: rows by their index in the current
// order, loaded a page at a time. It holds a bounded number of pages, so
// scrolling through 100,000 rows keeps a few thousand in memory, never all.

/** A page is this many rows; a refetch asks for whole pages, so answers line up. */
export const LIST_PAGE_SIZE = 100;
/** Pages kept at most; the ones furthest from what shows go first. */
export const LIST_PAGES_KEPT = 24;

export function pageOf(index: number, pageSize = LIST_PAGE_SIZE): number {
  return Math.floor(index / pageSize);
}

/** The pages that hold rows first..last (inclusive), with `margin` pages either side. */
export function pagesCovering(first: number, last: number, total: number, margin: number, pageSize = LIST_PAGE_SIZE): number[] {
  if (total <= 0 || last < first) return [];
  const lastPage = pageOf(total - 1, pageSize);
  const from = Math.max(0, pageOf(first, pageSize) - margin);
  const to = Math.min(lastPage, pageOf(Math.max(first, last), pageSize) + margin);
  const pages: number[] = [];
  for (let page = from; page <= to; page += 1) pages.push(page);
  return pages;
}

export class PageCache<Row extends { id: string }> {
  private readonly pages = new Map<number, Row[]>();

  constructor(readonly pageSize = LIST_PAGE_SIZE) {}

  has(page: number): boolean {
    return this.pages.has(page);
  }

  rowAt(index: number): Row | undefined {
    return this.pages.get(pageOf(index, this.pageSize))?.[index % this.pageSize];
  }

  /** Rows of a window that starts on a page boundary, split into its pages. */
  put(offset: number, rows: Row[]): void {
    for (let start = 0; start < rows.length; start += this.pageSize) this.pages.set(pageOf(offset + start, this.pageSize), rows.slice(start, start + this.pageSize));
  }

  /** An empty page at the end of the list is still "loaded": nothing to fetch there. */
  putEmpty(page: number): void {
    this.pages.set(page, []);
  }

  clear(): void {
    this.pages.clear();
  }

  /** Whether any cached row has one of these ids (a presence change may skip a window that shows none of them). */
  hasAnyOf(ids: readonly string[]): boolean {
    if (ids.length === 0) return false;
    const wanted = new Set(ids);
    for (const rows of this.pages.values()) if (rows.some((row) => wanted.has(row.id))) return true;
    return false;
  }

  /** Keeps the `kept` pages nearest to `aroundPage`. */
  evict(aroundPage: number, kept = LIST_PAGES_KEPT): void {
    if (this.pages.size <= kept) return;
    const byDistance = [...this.pages.keys()].sort((a, b) => Math.abs(a - aroundPage) - Math.abs(b - aroundPage));
    for (const page of byDistance.slice(kept)) this.pages.delete(page);
  }
}
