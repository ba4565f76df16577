// What the app knows about itself (name, version, runtime), for the About line.
import { defineStore } from 'pinia';
import type { AppInfo } from '@shared/api/contract';
import { callApi } from '../api/client';

interface AppInfoState {
  info: AppInfo | null;
}

export const useAppInfoStore = defineStore('app-info', {
  state: (): AppInfoState => ({ info: null }),
  actions: {
    async load(): Promise<void> {
      const result = await callApi('app.getInfo', undefined);
      if (result.ok) this.info = result.value;
    },
  },
});
