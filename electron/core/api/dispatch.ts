// The one way a call from the renderer reaches a handler, whatever the
// transport: the method name and input are checked against the shared
// contract, and any failure comes back as a readable error, never a throw.
import type { ApiError, ApiHandlers, ApiResult } from '../../../shared/api';
import { apiContract, isApiMethodName } from '../../../shared/api';
import { ApiFailure } from '../api-failure';

export async function dispatchApiCall(
  handlers: ApiHandlers,
  method: unknown,
  input: unknown,
  onUnexpected?: (error: unknown, method: string) => void,
): Promise<ApiResult<unknown>> {
  if (!isApiMethodName(method)) {
    return failure({ code: 'unknown_method', message: `There is no call named ${JSON.stringify(method)}.` });
  }
  const parsed = apiContract[method].input.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue && issue.path.length > 0 ? `${issue.path.join('.')}: ` : '';
    return failure({ code: 'invalid_input', message: `${where}${issue?.message ?? 'The input is not valid.'}` });
  }
  try {
    const handler = handlers[method] as (input: unknown) => unknown;
    return { ok: true, value: await handler(parsed.data) };
  } catch (error) {
    if (error instanceof ApiFailure) return failure(error.toWire());
    onUnexpected?.(error, method);
    return failure({ code: 'internal', message: 'Something went wrong in Gatehouse; the change was not made.' });
  }
}

function failure(error: ApiError): ApiResult<never> {
  return { ok: false, error };
}
