// The sandboxed preload: exposes one small object, window.gatehouse, that can
// only invoke the contract's own channels and listen to its one event channel.
// Nothing else of Electron or Node reaches the renderer.
import { contextBridge, ipcRenderer } from 'electron';
import type { IpcRendererEvent } from 'electron';
import type { ApiEvent, GatehouseApi } from '../../shared/api/contract';
import { API_EVENT_CHANNEL, apiChannel, isApiMethodName } from '../../shared/api/methods';

const api = {
  call: (method, input) => {
    if (!isApiMethodName(method)) {
      return Promise.resolve({ ok: false, error: { code: 'unknown_method', message: `There is no call named ${String(method)}.` } });
    }
    return ipcRenderer.invoke(apiChannel(method), input);
  },
  onEvent: (listener) => {
    const forward = (_event: IpcRendererEvent, payload: ApiEvent) => listener(payload);
    ipcRenderer.on(API_EVENT_CHANNEL, forward);
    return () => ipcRenderer.removeListener(API_EVENT_CHANNEL, forward);
  },
} satisfies GatehouseApi;

contextBridge.exposeInMainWorld('gatehouse', api);
