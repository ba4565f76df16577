// Focus and closing for the member dialogs: focus goes to the dialog's first
// field when it opens and back to whatever opened it when it closes (Escape
// included), and closing with unsaved changes asks first (the app's one close
// guard) instead of losing them.
import type { Ref } from 'vue';
import { computed, nextTick, watch } from 'vue';
import { useCloseGuard } from '../../composables/close-guard';

// Each dialog marks its first field with data-autofocus; a select also holds a hidden input.
const FIRST_FIELD = '.v-dialog.v-overlay--active [data-autofocus] input:not([type="hidden"])';

export function useGuardedDialog(isOpen: Ref<boolean>, hasChanges: () => boolean) {
  const { isAsking, requestClose, discard } = useCloseGuard(hasChanges, () => (isOpen.value = false));
  let opener: HTMLElement | null = null;

  // Synchronously, so the opener is still the focused element.
  watch(
    isOpen,
    (open) => {
      if (!open) return;
      isAsking.value = false;
      opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    },
    { flush: 'sync' },
  );
  // "Keep editing": back to the form.
  watch(isAsking, (asking) => {
    if (!asking && isOpen.value) void nextTick(focusFirstField);
  });

  /** Bind as the v-dialog's v-model: a close with changes turns into a question. */
  const dialogModel = computed({
    get: () => isOpen.value,
    set: (next: boolean) => (next ? (isOpen.value = true) : requestClose()),
  });

  function focusFirstField(): void {
    document.querySelector<HTMLElement>(FIRST_FIELD)?.focus();
  }
  function returnFocus(): void {
    if (opener?.isConnected) opener.focus();
    opener = null;
  }

  /** Bind onto the v-dialog: `v-model="dialogModel" @after-enter="focusFirstField" @after-leave="returnFocus"`. */
  return { dialogModel, isAsking, close: requestClose, discard, focusFirstField, returnFocus };
}
