// Electron IPC transport of the API: one ipcMain.handle per contract method,
// answering only frames that show our own renderer; core events go to the
// window on one channel.
import { ipcMain } from 'electron';
import type { IpcMainInvokeEvent, WebContents } from 'electron';
import type { ApiEvent, ApiHandlers } from '../../../shared/api';
import { API_EVENT_CHANNEL, API_METHOD_NAMES, apiChannel } from '../../../shared/api';
import { dispatchApiCall } from '../../core/api/dispatch';

export function registerIpcApi(handlers: ApiHandlers, isTrustedUrl: (url: string) => boolean, onUnexpected: (error: unknown, method: string) => void): void {
  for (const method of API_METHOD_NAMES) {
    ipcMain.handle(apiChannel(method), async (event: IpcMainInvokeEvent, input: unknown) => {
      const url = event.senderFrame?.url ?? '';
      if (!isTrustedUrl(url)) {
        return { ok: false, error: { code: 'untrusted_sender', message: 'Calls are accepted from the Gatehouse window only.' } };
      }
      return dispatchApiCall(handlers, method, input, onUnexpected);
    });
  }
}

export function sendApiEvent(contents: WebContents | undefined, event: ApiEvent): void {
  if (contents && !contents.isDestroyed()) contents.send(API_EVENT_CHANNEL, event);
}
