// The workspace's plan, what the plan offers and whether invitations are
// emailed, as the hub answers them. The hub is the authority: the facts are
// asked for again whenever the synced plan changes (an operator changed it).
import { defineStore } from 'pinia';
import { shallowRef } from 'vue';
import type { WorkspaceFacts } from '@shared/protocol';
import { callOrThrow } from '../api/client';

export const useWorkspaceFactsStore = defineStore('workspace-facts', () => {
  const facts = shallowRef<WorkspaceFacts | null>(null);
  const isLoading = shallowRef(false);
  const error = shallowRef<string | null>(null);

  async function load(): Promise<void> {
    isLoading.value = true;
    error.value = null;
    try {
      facts.value = await callOrThrow('hub.workspace.facts', {});
    } catch (failure) {
      error.value = failure instanceof Error ? failure.message : String(failure);
    } finally {
      isLoading.value = false;
    }
  }

  return { facts, isLoading, error, load };
});
