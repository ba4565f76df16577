// A dialog with changes not yet saved asks before it closes (Escape, a click
// outside, Cancel): the person keeps editing or discards the changes.
import { shallowRef } from 'vue';

export function useCloseGuard(hasChanges: () => boolean, close: () => void) {
  const isAsking = shallowRef(false);
  /** Bind to the dialog's update:model-value and to Cancel. */
  function requestClose(): void {
    if (hasChanges()) isAsking.value = true;
    else close();
  }
  function discard(): void {
    isAsking.value = false;
    close();
  }
  return { isAsking, requestClose, discard };
}
