// Long text in the Users table (names, emails, teams) is cut with an ellipsis
// by CSS. Only while a text is cut, it takes a tab stop and shows whole in a
// tooltip on hover and on keyboard focus (issue 11.5), as TruncatedText does
// elsewhere. Here one tooltip and one measuring pass serve the whole table
// instead of a component, an observer and a tooltip per cell, so a wheel
// step that brings a score of new rows stays a short task (issue 12).
//
// The measuring runs in a task of its own once the new rows are painted:
// reading widths then costs no layout, where measuring each cell as it
// mounts forced one in the middle of the render.
import { onBeforeUnmount, onMounted, onUpdated, shallowRef, watch } from 'vue';
import type { Ref, WatchSource } from 'vue';

/** The class of a text that may be cut; the table marks it `data-cut="yes"` or `"no"`. */
export const CUT_TEXT_CLASS = 'cut-text';

export interface CutTextTip {
  element: HTMLElement;
  text: string;
  /** A new tooltip for each text shown, as each cell had its own. */
  key: number;
}

function isCut(element: HTMLElement): boolean {
  return element.scrollWidth > element.clientWidth + 1;
}

/** Marks whether the text is cut (and gives it a tab stop only then); answers whether it is. */
function mark(element: HTMLElement): boolean {
  const cut = isCut(element);
  const value = cut ? 'yes' : 'no';
  if (element.dataset['cut'] !== value) element.dataset['cut'] = value;
  if (cut && element.tabIndex !== 0) element.tabIndex = 0;
  if (!cut && element.hasAttribute('tabindex')) element.removeAttribute('tabindex');
  return cut;
}

function cutTextOf(event: Event): HTMLElement | null {
  return event.target instanceof Element ? event.target.closest<HTMLElement>(`.${CUT_TEXT_CLASS}`) : null;
}

/**
 * `root` holds the table; `remeasureOn` changes when the columns' widths do.
 * Bind the returned handlers on `root`; show `tip` in one v-tooltip.
 */
export function useCutText(root: Readonly<Ref<HTMLElement | null>>, remeasureOn: WatchSource) {
  const tip = shallowRef<CutTextTip | null>(null);
  let pointed: HTMLElement | null = null;
  let focused: HTMLElement | null = null;
  let shown = 0;

  function update(): void {
    const candidate = [pointed, focused].find((element) => element?.isConnected && element.dataset['cut'] === 'yes') ?? null;
    if (candidate === tip.value?.element) return;
    shown += 1;
    tip.value = candidate ? { element: candidate, text: candidate.textContent ?? '', key: shown } : null;
  }

  function measureAll(): void {
    for (const element of root.value?.querySelectorAll<HTMLElement>(`.${CUT_TEXT_CLASS}`) ?? []) mark(element);
    update();
  }

  let frame = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  /** After the next paint, in a task of its own. */
  function measureSoon(): void {
    if (frame !== 0 || timer !== undefined) return;
    frame = requestAnimationFrame(() => {
      frame = 0;
      timer = setTimeout(() => {
        timer = undefined;
        measureAll();
      }, 0);
    });
  }

  function onMouseover(event: MouseEvent): void {
    const element = cutTextOf(event);
    if (element === pointed) return;
    // Measured again on the spot, as the text or its column may have changed since.
    pointed = element && mark(element) ? element : null;
    update();
  }
  function onMouseout(event: MouseEvent): void {
    if (!pointed || (event.relatedTarget instanceof Node && pointed.contains(event.relatedTarget))) return;
    pointed = null;
    update();
  }
  function onFocusin(event: FocusEvent): void {
    const element = cutTextOf(event);
    focused = element && mark(element) ? element : null;
    update();
  }
  function onFocusout(event: FocusEvent): void {
    if (event.target !== focused) return;
    focused = null;
    update();
  }

  onMounted(() => {
    measureSoon();
    // The app's font arriving after the first rows changes every text's width.
    void document.fonts?.ready.then(measureSoon);
  });
  onUpdated(measureSoon);
  watch(remeasureOn, measureSoon);
  onBeforeUnmount(() => {
    cancelAnimationFrame(frame);
    clearTimeout(timer);
  });

  return { tip, onMouseover, onMouseout, onFocusin, onFocusout };
}
