// A form submission with a busy flag, and each refusal shown where it
// happened: on the field it names when the core refused one field's input
// (its message starts "field.path: "), else for the whole form.
import { shallowRef } from 'vue';
import { ApiCallError } from '../api/client';

const FIELD_PREFIX = /^([A-Za-z][\w.]*): (.+)$/s;

/** The field a refusal names and its message, when it names one of `fields`. */
export function fieldOfRefusal(failure: unknown, fields: readonly string[]): { field: string; message: string } | null {
  if (!(failure instanceof ApiCallError) || failure.code !== 'invalid_input') return null;
  const match = FIELD_PREFIX.exec(failure.message);
  const field = match?.[1]?.split('.').at(-1);
  return match?.[2] && field && fields.includes(field) ? { field, message: match[2] } : null;
}

export function useSubmit<A extends unknown[], F extends string = never>(action: (...args: A) => Promise<unknown>, fields: readonly F[] = []) {
  const isBusy = shallowRef(false);
  const error = shallowRef<string | null>(null);
  /** Refusals of one field, by field: bind as the field's error-messages. */
  const fieldErrors = shallowRef<Partial<Record<F, string>>>({});
  async function run(...args: A): Promise<boolean> {
    isBusy.value = true;
    error.value = null;
    fieldErrors.value = {};
    try {
      await action(...args);
      return true;
    } catch (failure) {
      const onField = fieldOfRefusal(failure, fields);
      if (onField) fieldErrors.value = { [onField.field]: onField.message } as Partial<Record<F, string>>;
      else error.value = failure instanceof Error ? failure.message : String(failure);
      return false;
    } finally {
      isBusy.value = false;
    }
  }
  /** The refusals are stale once the person changes the form. */
  function clearFieldErrors(): void {
    if (Object.keys(fieldErrors.value).length > 0) fieldErrors.value = {};
  }
  return { isBusy, error, fieldErrors, run, clearFieldErrors };
}
