// X1: the audit log as the page shows it: a page of the hub's answer for the
// current filters, newest first, and "Load older entries" for the next. The
// log is not in the replica; the hub pages it (`before` the last id). A
// filter that changes while an answer is on its way makes that answer stale:
// only the answer to the latest question is shown.
import type { Ref } from 'vue';
import { shallowRef, watch } from 'vue';
import type { AuditEntry } from '@shared/domain';
import { callOrThrow } from '../../api/client';
import type { AuditQuery } from './audit-filters';

const PAGE = 100;

export function useAuditLog(query: Ref<AuditQuery | null>) {
  const entries = shallowRef<AuditEntry[]>([]);
  const nextBefore = shallowRef<number | null>(null);
  const isLoading = shallowRef(false);
  const error = shallowRef<string | null>(null);
  let asked = 0;

  async function load(isMore = false): Promise<void> {
    const current = query.value;
    // No question to ask (a range that ends before it starts): nothing to show, and the page says why.
    if (current === null) {
      asked += 1;
      entries.value = [];
      nextBefore.value = null;
      isLoading.value = false;
      return;
    }
    const question = ++asked;
    isLoading.value = true;
    error.value = null;
    try {
      const page = await callOrThrow('hub.audit.list', { ...current, before: isMore ? nextBefore.value : null, limit: PAGE });
      if (question !== asked) return;
      entries.value = isMore ? [...entries.value, ...page.entries] : page.entries;
      nextBefore.value = page.nextBefore;
    } catch (failure) {
      if (question === asked) error.value = failure instanceof Error ? failure.message : String(failure);
    } finally {
      if (question === asked) isLoading.value = false;
    }
  }

  // The same question asked again (a date still being typed, say) is not asked twice.
  watch(() => JSON.stringify(query.value), () => load(), { immediate: true });

  return { entries, nextBefore, isLoading, error, load };
}
