// One HTTP call to a hub, the way every desktop call makes it: a time limit,
// the hub's refusal turned into its code and sentence, and the answer parsed
// with its shared schema (anything else is "not a Gatehouse hub").
import type { z } from 'zod';
import { httpErrorBodySchema } from '../../shared/protocol';
import { ApiFailure } from './api-failure';

export async function callHub<T>(url: string, init: RequestInit, schema: z.ZodType<T>): Promise<T> {
  let response: Response;
  try {
    response = await fetch(url, { ...init, signal: AbortSignal.timeout(15_000) });
  } catch {
    throw new ApiFailure('hub_unreachable', `Gatehouse could not reach the hub at ${new URL(url).origin}. Check the address and that the hub is running.`);
  }
  const body: unknown = await response.json().catch(() => null);
  if (!response.ok) {
    const error = httpErrorBodySchema.safeParse(body);
    throw new ApiFailure(error.success ? error.data.error.code : 'hub_error', error.success ? error.data.error.message : `The hub answered ${response.status}.`);
  }
  const parsed = schema.safeParse(body);
  if (!parsed.success) throw new ApiFailure('hub_error', 'The hub answered something Gatehouse does not understand. Is this a Gatehouse hub?');
  return parsed.data;
}

/** A JSON POST, with the session's bearer token when there is one. */
export function postJson(body: unknown, token?: string): RequestInit {
  return {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  };
}
