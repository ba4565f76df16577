// Sharing the hub this app runs: this computer's addresses others might
// reach, the operator's public address when one is set, and the choice.
import { defineStore } from 'pinia';
import type { SharingChoice, SharingOptions } from '@shared/api/contract';
import { callOrThrow } from '../api/client';
import { useSessionStore } from './session';

interface SharingState {
  options: SharingOptions | null;
}

export const useSharingStore = defineStore('sharing', {
  state: (): SharingState => ({ options: null }),
  actions: {
    /** Read each time it is needed: interfaces come and go (a VPN, a dock). */
    async load(): Promise<void> {
      this.options = await callOrThrow('sharing.getOptions', undefined);
    },
    async set(choice: SharingChoice): Promise<void> {
      useSessionStore().session = await callOrThrow('sharing.set', choice);
    },
  },
});
