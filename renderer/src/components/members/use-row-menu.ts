// The Users table's one "More actions" menu (MemberActionsMenu): which row's
// button opened it, and that row's member as the window has it now (a
// refetch may have changed it). The menu closes when that row scrolls out of
// the page, as a menu of its own would have gone with it.
import { computed, shallowRef, watch } from 'vue';
import type { MemberListRow } from '@shared/api/list-queries-contract';

/** `rowOf` answers the rendered row of a member, or undefined once it is not rendered. */
export function useRowMenu(rowOf: (id: string) => MemberListRow | undefined) {
  const opener = shallowRef<HTMLElement | null>(null);
  const memberId = shallowRef<string | null>(null);
  const isOpen = shallowRef(false);
  const member = computed(() => (memberId.value === null ? null : (rowOf(memberId.value) ?? null)));

  /** A row's button was pressed: its menu opens, or closes if it was the one open. */
  function toggle(row: MemberListRow, button: HTMLElement): void {
    if (isOpen.value && opener.value === button) {
      isOpen.value = false;
      return;
    }
    opener.value = button;
    memberId.value = row.id;
    isOpen.value = true;
  }

  /**
   * A press on another row's button closes the open menu before the click
   * opens that row's: left open, Vuetify would close it as a click outside,
   * and the new one with it. Bind on an element holding the rows.
   */
  function onPointerdown(event: PointerEvent): void {
    if (!isOpen.value || !(event.target instanceof Element)) return;
    const button = event.target.closest('[aria-haspopup="menu"]');
    if (button && button !== opener.value) isOpen.value = false;
  }

  watch(member, (row) => {
    if (!row) isOpen.value = false;
  });

  return { opener, member, isOpen, toggle, onPointerdown };
}
