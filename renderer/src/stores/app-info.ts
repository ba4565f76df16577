// What the app knows about itself (name, version, runtime), for the About line.
import { defineStore } from 'pinia';
import type { AppInfo } from '@shared/api/contract';
import { callApi, hasDesktopBridge } from '../api/client';

interface AppInfoState {
  info: AppInfo | null;
  error: string | null;
}

export const useAppInfoStore = defineStore('app-info', {
  state: (): AppInfoState => ({ info: null, error: null }),
  actions: {
    async load(): Promise<void> {
      if (!hasDesktopBridge()) return;
      const result = await callApi('app.getInfo', undefined);
      if (result.ok) this.info = result.value;
      else this.error = result.error.message;
    },
  },
});
