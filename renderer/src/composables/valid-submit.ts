// A form's submit handler that runs only when every field's rules pass, so a
// text the field has refused (too long, for one) is never sent.
import type { SubmitEventPromise } from 'vuetify';

export function submitWhenValid(action: () => unknown): (event: SubmitEventPromise) => Promise<void> {
  return async (event) => {
    event.preventDefault();
    const { valid } = await event;
    if (valid) await action();
  };
}
