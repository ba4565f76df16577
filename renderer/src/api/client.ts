// The renderer's one door to the desktop core: the preload's IPC bridge inside
// the desktop app, or the web console's socket in a browser. Both serve the
// same typed contract.
import type { ApiEvent, ApiInput, ApiOutput, ApiResult, GatehouseApi } from '@shared/api/contract';
import type { ApiMethodName } from '@shared/api/methods';
import { createWebTransport } from './web-transport';

let transport: GatehouseApi | null = null;

function api(): GatehouseApi {
  transport ??= window.gatehouse ?? createWebTransport();
  return transport;
}

export function callApi<M extends ApiMethodName>(method: M, input: ApiInput<M>): Promise<ApiResult<ApiOutput<M>>> {
  return api().call(method, input);
}

export function onApiEvent(listener: (event: ApiEvent) => void): () => void {
  return api().onEvent(listener);
}

/** A refused call, for stores that turn results into thrown errors the UI shows where they happen. */
export class ApiCallError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly rule?: string,
  ) {
    super(message);
  }
}

export async function callOrThrow<M extends ApiMethodName>(method: M, input: ApiInput<M>): Promise<ApiOutput<M>> {
  const result = await callApi(method, input);
  if (!result.ok) throw new ApiCallError(result.error.code, result.error.message, result.error.rule);
  return result.value;
}
