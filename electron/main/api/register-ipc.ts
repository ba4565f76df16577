// Electron IPC transport of the API: one ipcMain.handle per contract method,
// answering only frames that show our own renderer.
import { ipcMain } from 'electron';
import type { IpcMainInvokeEvent } from 'electron';
import type { ApiHandlers } from '@shared/api';
import { API_METHOD_NAMES, apiChannel } from '@shared/api';
import { dispatchApiCall } from './dispatch';

export function registerIpcApi(handlers: ApiHandlers, isTrustedUrl: (url: string) => boolean): void {
  for (const method of API_METHOD_NAMES) {
    ipcMain.handle(apiChannel(method), async (event: IpcMainInvokeEvent, input: unknown) => {
      const url = event.senderFrame?.url ?? '';
      if (!isTrustedUrl(url)) {
        return { ok: false, error: { code: 'untrusted_sender', message: 'Calls are accepted from the Gatehouse window only.' } };
      }
      return dispatchApiCall(handlers, method, input);
    });
  }
}
