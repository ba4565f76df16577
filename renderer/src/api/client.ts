// The renderer's one door to the desktop core: the preload's IPC bridge inside
// the desktop app, or the web console's socket in a browser. Both serve the
// same typed contract.
import type { ApiEvent, ApiInput, ApiOutput, ApiResult, GatehouseApi } from '@shared/api/contract';
import type { ApiMethodName } from '@shared/api/methods';
import type { ConsoleLink, WebTransport } from './web-transport';
import { createWebTransport } from './web-transport';

let transport: GatehouseApi | null = null;
let webTransport: WebTransport | null = null;

function api(): GatehouseApi {
  if (!transport) {
    webTransport = window.gatehouse ? null : createWebTransport();
    transport = window.gatehouse ?? webTransport;
  }
  return transport as GatehouseApi;
}

/** The web console's link to this page (lost, then back); inside the desktop app it never changes. */
export function onConsoleLinkChange(listener: (link: ConsoleLink) => void): () => void {
  api();
  return webTransport?.onLinkChange(listener) ?? (() => undefined);
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
