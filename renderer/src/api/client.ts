// The renderer's one door to the main process: the typed API the preload puts
// on window. Outside the desktop app (a plain browser) there is no bridge.
import type { ApiInput, ApiOutput, ApiResult } from '@shared/api/contract';
import type { ApiMethodName } from '@shared/api/methods';

export function hasDesktopBridge(): boolean {
  return window.gatehouse !== undefined;
}

export async function callApi<M extends ApiMethodName>(method: M, input: ApiInput<M>): Promise<ApiResult<ApiOutput<M>>> {
  const bridge = window.gatehouse;
  if (!bridge) {
    return { ok: false, error: { code: 'no_bridge', message: 'Gatehouse is not connected to its desktop process.' } };
  }
  return bridge.call(method, input);
}
