// What the app knows about itself (name, version, runtime), for the About
// line, and where it writes its logs.
import { defineStore } from 'pinia';
import type { AppInfo, ShownFolder } from '@shared/api/contract';
import { callApi, callOrThrow } from '../api/client';

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
    /** "Show logs": opened in the file manager where there is one; the folder's path either way. */
    showLogs(): Promise<ShownFolder> {
      return callOrThrow('app.showLogs', undefined);
    },
  },
});
