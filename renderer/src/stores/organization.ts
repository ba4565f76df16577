// The organization's people (Owners only), each with the workspaces of the
// organization they are in now, as the hub answers them (O1, V1).
import { defineStore } from 'pinia';
import { shallowRef } from 'vue';
import type { OrganizationPeople } from '@shared/protocol';
import { callOrThrow } from '../api/client';

export const useOrganizationStore = defineStore('organization', () => {
  const people = shallowRef<OrganizationPeople | null>(null);
  const isLoading = shallowRef(false);
  const error = shallowRef<string | null>(null);

  async function load(): Promise<void> {
    isLoading.value = true;
    error.value = null;
    try {
      people.value = await callOrThrow('hub.organization.people', {});
    } catch (failure) {
      error.value = failure instanceof Error ? failure.message : String(failure);
    } finally {
      isLoading.value = false;
    }
  }

  return { people, isLoading, error, load };
});
