// The hub's HTTP calls about the signed-in person's account (change password,
// sign out the other sessions) and "forgot password", each reply parsed with
// its shared schema.
import type { z } from 'zod';
import type { HubInfo, SignOutOthersResponse } from '../../shared/protocol';
import { emptyResponseSchema, httpErrorBodySchema, hubInfoResponseSchema, signOutOthersResponseSchema } from '../../shared/protocol';
import { ApiFailure } from './api-failure';

async function call<T>(url: string, init: RequestInit, schema: z.ZodType<T>): Promise<T> {
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

function post(body: unknown, token?: string): RequestInit {
  return {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  };
}

export async function changePasswordOnHub(hubUrl: string, token: string, body: { currentPassword: string; newPassword: string }): Promise<void> {
  await call(`${hubUrl}/api/account/password`, post(body, token), emptyResponseSchema);
}

export function signOutOthersOnHub(hubUrl: string, token: string): Promise<SignOutOthersResponse> {
  return call(`${hubUrl}/api/account/sign-out-others`, post({}, token), signOutOthersResponseSchema);
}

export function hubInfoOf(hubUrl: string): Promise<HubInfo> {
  return call(`${hubUrl}/api/hub-info`, {}, hubInfoResponseSchema);
}

export async function requestPasswordResetOnHub(hubUrl: string, email: string): Promise<void> {
  await call(`${hubUrl}/api/password-reset`, post({ email }), emptyResponseSchema);
}
