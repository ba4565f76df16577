// Issue 13.5: the signed-in person's two-step status, asked of the hub over
// HTTP (so it works while a workspace refuses this session's socket), shared
// by the Profile section, the grace banner and the Owner's card.
import { shallowRef } from 'vue';
import type { TwoStepStatus } from '@shared/protocol';
import { callOrThrow } from '../../api/client';

const status = shallowRef<TwoStepStatus | null>(null);
const loadError = shallowRef<string | null>(null);

export function useTwoStepStatus() {
  async function refresh(): Promise<void> {
    try {
      status.value = await callOrThrow('account.twoStepStatus', undefined);
      loadError.value = null;
    } catch (failure) {
      loadError.value = failure instanceof Error ? failure.message : String(failure);
    }
  }
  return { status, loadError, refresh };
}
