// The hub's HTTP calls the desktop makes: sign-in, sign-out and invitations
// (through a link, and the signed-in person's own), each answer parsed with
// its shared schema.
import type { z } from 'zod';
import type { InvitationPreview, MeResponse, MyInvitation, SignInResponse } from '../../shared/protocol';
import {
  httpErrorBodySchema,
  invitationPreviewSchema,
  meResponseSchema,
  myInvitationsResponseSchema,
  signInResponseSchema,
} from '../../shared/protocol';
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

const json = (body: unknown): RequestInit => ({ method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

export function signInToHub(hubUrl: string, email: string, password: string): Promise<SignInResponse> {
  return call(`${hubUrl}/api/sign-in`, json({ email, password }), signInResponseSchema);
}

export async function signOutOfHub(hubUrl: string, token: string): Promise<void> {
  await fetch(`${hubUrl}/api/sign-out`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, signal: AbortSignal.timeout(5_000) }).catch(() => undefined);
}

export function previewInvitationOnHub(hubUrl: string, token: string): Promise<InvitationPreview> {
  return call(`${hubUrl}/api/invitations/${encodeURIComponent(token)}`, {}, invitationPreviewSchema);
}

/** Creates the account of a new address through its link; an address that has one is refused (sign_in_to_accept). */
export function acceptInvitationOnHub(hubUrl: string, body: { token: string; displayName: string; password: string }): Promise<SignInResponse> {
  return call(`${hubUrl}/api/invitations/accept`, json(body), signInResponseSchema);
}

const bearer = (token: string, method = 'GET'): RequestInit => ({ method, headers: { authorization: `Bearer ${token}` } });

export async function listMyInvitationsOnHub(hubUrl: string, token: string): Promise<MyInvitation[]> {
  return (await call(`${hubUrl}/api/me/invitations`, bearer(token), myInvitationsResponseSchema)).invitations;
}

export function acceptMyInvitationOnHub(hubUrl: string, token: string, memberId: string): Promise<MeResponse> {
  return call(`${hubUrl}/api/me/invitations/${encodeURIComponent(memberId)}/accept`, bearer(token, 'POST'), meResponseSchema);
}

export async function declineMyInvitationOnHub(hubUrl: string, token: string, memberId: string): Promise<MyInvitation[]> {
  return (await call(`${hubUrl}/api/me/invitations/${encodeURIComponent(memberId)}/decline`, bearer(token, 'POST'), myInvitationsResponseSchema)).invitations;
}
