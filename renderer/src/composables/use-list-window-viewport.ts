// The geometry of a virtualized list of fixed-height rows: which rows the
// scroller shows (plus a few either side), the space above and below them,
// the row under the pointer (the anchor a refetch keeps in place) and the
// scroll that keeps it there when rows above it come or go. Pairs with
// useListWindow: call `list.show(first, last)` when `first`/`last` change.
//
// Fixed heights are what let 100,000 rows cost nothing to lay out: row i
// starts at header + i × rowHeight, so no row is ever measured.
//
// A jump (a fling of the wheel, the scrollbar dragged) replaces every row at
// once, and the frame that shows it must mount them all: it mounts only the
// rows in view, and the few either side follow once the scrolling settles.
import { computed, onBeforeUnmount, onMounted, shallowRef, watch } from 'vue';
import type { Ref } from 'vue';

export interface ViewportOptions {
  /** The element that scrolls (its first child may be a sticky header of `headerHeight`). */
  scroller: Ref<HTMLElement | null>;
  rowHeight: number;
  total: Ref<number>;
  /** The sticky header's height inside the scroller, if any. */
  headerHeight?: number;
  /** Rows rendered beyond each edge, so a small scroll shows rows already there. */
  overscan?: number;
}

/** How long the scroll stays still after a jump before the rows beyond the view are rendered too. */
const SETTLE_MS = 150;

export function useListViewport(options: ViewportOptions) {
  const { rowHeight } = options;
  const header = options.headerHeight ?? 0;
  const overscan = options.overscan ?? 6;
  const scrollTop = shallowRef(0);
  const height = shallowRef(0);
  /** The overscan now: none right after a jump, `overscan` once the scroll settles. */
  const margin = shallowRef(overscan);
  let settle: ReturnType<typeof setTimeout> | undefined;
  /** The pointer's distance from the scroller's top, or null when it is elsewhere. */
  let pointerY: number | null = null;

  const last = computed(() => Math.max(0, Math.min(options.total.value - 1, Math.floor((scrollTop.value + height.value - header) / rowHeight) + margin.value)));
  const first = computed(() => Math.min(last.value, Math.max(0, Math.floor(scrollTop.value / rowHeight) - margin.value)));
  const padTop = computed(() => (options.total.value === 0 ? 0 : first.value * rowHeight));
  const padBottom = computed(() => (options.total.value === 0 ? 0 : Math.max(0, options.total.value - last.value - 1) * rowHeight));
  /** The indexes rendered now, in order. */
  const indexes = computed(() => {
    if (options.total.value === 0) return [];
    const shown: number[] = [];
    for (let index = first.value; index <= last.value; index += 1) shown.push(index);
    return shown;
  });

  let frame = 0;
  function measure(): void {
    cancelAnimationFrame(frame);
    frame = requestAnimationFrame(() => {
      const element = options.scroller.value;
      if (!element) return;
      if (Math.abs(element.scrollTop - scrollTop.value) > overscan * rowHeight) deferMargin();
      scrollTop.value = element.scrollTop;
      height.value = element.clientHeight;
    });
  }

  /** After a jump: the rows in view now, the ones either side when the scroll has been still for a moment. */
  function deferMargin(): void {
    margin.value = 0;
    clearTimeout(settle);
    settle = setTimeout(() => (margin.value = overscan), SETTLE_MS);
  }

  function onPointer(event: PointerEvent): void {
    const element = options.scroller.value;
    pointerY = element ? event.clientY - element.getBoundingClientRect().top : null;
  }
  function onLeave(): void {
    pointerY = null;
  }

  /** The row under the pointer, or else the first row wholly in view. */
  function anchorIndex(): number {
    const element = options.scroller.value;
    const top = element?.scrollTop ?? scrollTop.value;
    const y = pointerY !== null && pointerY > header ? top + pointerY - header : top + rowHeight - 1;
    return Math.max(0, Math.min(options.total.value - 1, Math.floor(y / rowHeight)));
  }

  /** Scrolls by whole rows at once, before the next paint, so what was under the pointer still is. */
  function shiftBy(rows: number): void {
    const element = options.scroller.value;
    if (!element) return;
    element.scrollTop += rows * rowHeight;
    scrollTop.value = element.scrollTop;
  }

  function scrollToTop(): void {
    const element = options.scroller.value;
    if (element) element.scrollTop = 0;
    scrollTop.value = 0;
  }

  let observer: ResizeObserver | null = null;
  function attach(element: HTMLElement | null, previous?: HTMLElement | null): void {
    previous?.removeEventListener('scroll', measure);
    previous?.removeEventListener('pointermove', onPointer);
    previous?.removeEventListener('pointerleave', onLeave);
    observer?.disconnect();
    if (!element) return;
    element.addEventListener('scroll', measure, { passive: true });
    element.addEventListener('pointermove', onPointer, { passive: true });
    element.addEventListener('pointerleave', onLeave, { passive: true });
    observer = new ResizeObserver(measure);
    observer.observe(element);
    measure();
  }
  onMounted(() => watch(options.scroller, attach, { immediate: true }));
  onBeforeUnmount(() => {
    attach(null, options.scroller.value);
    cancelAnimationFrame(frame);
    clearTimeout(settle);
  });

  return { first, last, padTop, padBottom, indexes, anchorIndex, shiftBy, scrollToTop };
}
