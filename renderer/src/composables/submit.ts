// A form submission with a busy flag and the error shown where it happened.
import { shallowRef } from 'vue';

export function useSubmit<A extends unknown[]>(action: (...args: A) => Promise<unknown>) {
  const isBusy = shallowRef(false);
  const error = shallowRef<string | null>(null);
  async function run(...args: A): Promise<boolean> {
    isBusy.value = true;
    error.value = null;
    try {
      await action(...args);
      return true;
    } catch (failure) {
      error.value = failure instanceof Error ? failure.message : String(failure);
      return false;
    } finally {
      isBusy.value = false;
    }
  }
  return { isBusy, error, run };
}
