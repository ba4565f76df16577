// The hub's HTTP calls the desktop makes: sign-out and invitations
// (through a link, and the signed-in person's own), each answer parsed with
// its shared schema.
import type { InvitationPreview, MeResponse, MyInvitation, SignInResponse } from '../../shared/protocol';
import {
  invitationPreviewSchema,
  meResponseSchema,
  myInvitationsResponseSchema,
  signInResponseSchema,
} from '../../shared/protocol';
import { callHub, postJson } from './hub-call';

// Signing in with a password lives in account-second-step.ts: its answer may ask for a code.

export async function signOutOfHub(hubUrl: string, token: string): Promise<void> {
  await fetch(`${hubUrl}/api/sign-out`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, signal: AbortSignal.timeout(5_000) }).catch(() => undefined);
}

export function previewInvitationOnHub(hubUrl: string, token: string): Promise<InvitationPreview> {
  return callHub(`${hubUrl}/api/invitations/${encodeURIComponent(token)}`, {}, invitationPreviewSchema);
}

/** Creates the account of a new address through its link; an address that has one is refused (sign_in_to_accept). */
export function acceptInvitationOnHub(hubUrl: string, body: { token: string; displayName: string; password: string }): Promise<SignInResponse> {
  return callHub(`${hubUrl}/api/invitations/accept`, postJson(body), signInResponseSchema);
}

const bearer = (token: string, method = 'GET'): RequestInit => ({ method, headers: { authorization: `Bearer ${token}` } });

export async function listMyInvitationsOnHub(hubUrl: string, token: string): Promise<MyInvitation[]> {
  return (await callHub(`${hubUrl}/api/me/invitations`, bearer(token), myInvitationsResponseSchema)).invitations;
}

export function acceptMyInvitationOnHub(hubUrl: string, token: string, memberId: string): Promise<MeResponse> {
  return callHub(`${hubUrl}/api/me/invitations/${encodeURIComponent(memberId)}/accept`, bearer(token, 'POST'), meResponseSchema);
}

export async function declineMyInvitationOnHub(hubUrl: string, token: string, memberId: string): Promise<MyInvitation[]> {
  return (await callHub(`${hubUrl}/api/me/invitations/${encodeURIComponent(memberId)}/decline`, bearer(token, 'POST'), myInvitationsResponseSchema)).invitations;
}
