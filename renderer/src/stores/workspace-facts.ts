// The workspace's plan, what the plan offers and whether invitations are
// emailed, as the hub answers them. The hub is the authority and pushes no
// word when its operator turns email on or off, so the facts are asked again
// whenever they may have changed: the Workspace page shown or brought back to
// the front, the synced plan changed, the connection back, or a change made
// from this app's "Hub settings".
import { defineStore } from 'pinia';
import { shallowRef } from 'vue';
import type { WorkspaceFacts } from '@shared/protocol';
import { callOrThrow } from '../api/client';

export const useWorkspaceFactsStore = defineStore('workspace-facts', () => {
  const facts = shallowRef<WorkspaceFacts | null>(null);
  const isLoading = shallowRef(false);
  const error = shallowRef<string | null>(null);
  /** Raised on each request, so an answer overtaken by a newer one is dropped. */
  let asked = 0;

  async function load(): Promise<void> {
    const request = ++asked;
    isLoading.value = true;
    error.value = null;
    try {
      const answer = await callOrThrow('hub.workspace.facts', {});
      if (request === asked) facts.value = answer;
    } catch (failure) {
      if (request === asked) error.value = failure instanceof Error ? failure.message : String(failure);
    } finally {
      if (request === asked) isLoading.value = false;
    }
  }

  return { facts, isLoading, error, load };
});
