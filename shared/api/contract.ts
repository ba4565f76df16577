// The typed contract between the renderer and the main process: every call,
// its input and output schemas. Both transports (Electron IPC and, later, the
// web console's socket) serve exactly this table.
import { z } from 'zod';
import type { ApiMethodName } from './methods';

export const appInfoSchema = z.object({
  name: z.string(),
  version: z.string(),
  /** Where the core runs: inside Electron, or in Node behind the web console. */
  runtime: z.enum(['electron', 'node']),
  platform: z.string(),
  versions: z.record(z.string(), z.string()),
});
export type AppInfo = z.infer<typeof appInfoSchema>;

export const apiContract = {
  'app.getInfo': { input: z.undefined(), output: appInfoSchema },
} as const satisfies Record<ApiMethodName, { input: z.ZodType; output: z.ZodType }>;

export type ApiContract = typeof apiContract;
export type ApiInput<M extends ApiMethodName> = z.input<ApiContract[M]['input']>;
export type ApiOutput<M extends ApiMethodName> = z.output<ApiContract[M]['output']>;

/** A failed call as the renderer sees it: a stable code and a sentence. */
export const apiErrorSchema = z.object({ code: z.string(), message: z.string() });
export type ApiError = z.infer<typeof apiErrorSchema>;

export type ApiResult<T> = { ok: true; value: T } | { ok: false; error: ApiError };

/** What the preload puts on `window.gatehouse`. */
export interface GatehouseApi {
  call<M extends ApiMethodName>(method: M, input: ApiInput<M>): Promise<ApiResult<ApiOutput<M>>>;
}

/** One implementation per method; both transports dispatch through the same table. */
export type ApiHandlers = { [M in ApiMethodName]: (input: z.output<ApiContract[M]['input']>) => Promise<ApiOutput<M>> | ApiOutput<M> };
