// The sandboxed preload: exposes one small object, window.gatehouse, that can
// only invoke the contract's own channels. Nothing else of Electron or Node
// reaches the renderer.
import { contextBridge, ipcRenderer } from 'electron';
import type { GatehouseApi } from '@shared/api/contract';
import { apiChannel, isApiMethodName } from '@shared/api/methods';

const api = {
  call: (method, input) => {
    if (!isApiMethodName(method)) {
      return Promise.resolve({ ok: false, error: { code: 'unknown_method', message: `There is no call named ${String(method)}.` } });
    }
    return ipcRenderer.invoke(apiChannel(method), input);
  },
} satisfies GatehouseApi;

contextBridge.exposeInMainWorld('gatehouse', api);
