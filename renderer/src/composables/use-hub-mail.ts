// Whether the hub at an address can send email, asked as the address is typed:
// "Forgot password?" mails a link, so it shows only where one can arrive.
// null while unknown: not asked yet, no answer, or an address that is not a hub.
import type { Ref } from 'vue';
import { onScopeDispose, shallowRef, watch } from 'vue';
import { hubUrlSchema } from '@shared/api/session-schemas';
import { callApi } from '../api/client';

/** Typing pauses this long before the hub is asked, so not every key stroke is a request. */
const ASK_AFTER_MS = 300;

export function useHubMail(hubUrl: Ref<string>): Readonly<Ref<boolean | null>> {
  const canMail = shallowRef<boolean | null>(null);
  let timer: ReturnType<typeof setTimeout> | undefined;
  /** Raised on each new address, so an answer about an earlier one is dropped. */
  let asked = 0;

  async function ask(url: string, request: number): Promise<void> {
    const result = await callApi('account.hubInfo', { hubUrl: url });
    if (request === asked) canMail.value = result.ok ? result.value.isMailConfigured : null;
  }

  watch(
    hubUrl,
    (url, previous) => {
      clearTimeout(timer);
      const request = ++asked;
      canMail.value = null;
      const parsed = hubUrlSchema.safeParse(url);
      if (!parsed.success) return;
      if (previous === undefined) void ask(parsed.data, request);
      else timer = setTimeout(() => void ask(parsed.data, request), ASK_AFTER_MS);
    },
    { immediate: true },
  );
  onScopeDispose(() => clearTimeout(timer));
  return canMail;
}
