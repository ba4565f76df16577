// The hub's HTTP calls about the signed-in person's account (change password,
// sign out the other sessions) and "forgot password", each reply parsed with
// its shared schema.
import type { HubInfo, SignOutOthersResponse } from '../../shared/protocol';
import { emptyResponseSchema, hubInfoResponseSchema, signOutOthersResponseSchema } from '../../shared/protocol';
import { callHub, postJson } from './hub-call';


export async function changePasswordOnHub(hubUrl: string, token: string, body: { currentPassword: string; newPassword: string }): Promise<void> {
  await callHub(`${hubUrl}/api/account/password`, postJson(body, token), emptyResponseSchema);
}

export function signOutOthersOnHub(hubUrl: string, token: string): Promise<SignOutOthersResponse> {
  return callHub(`${hubUrl}/api/account/sign-out-others`, postJson({}, token), signOutOthersResponseSchema);
}

export function hubInfoOf(hubUrl: string): Promise<HubInfo> {
  return callHub(`${hubUrl}/api/hub-info`, {}, hubInfoResponseSchema);
}

export async function requestPasswordResetOnHub(hubUrl: string, email: string): Promise<void> {
  await callHub(`${hubUrl}/api/password-reset`, postJson({ email }), emptyResponseSchema);
}
