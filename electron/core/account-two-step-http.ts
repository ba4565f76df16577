// Issue 13.5: the hub's HTTP calls of two-step sign-in, for the signed-in
// person (status, enrol, confirm, new recovery codes, turn off), each reply
// parsed with its shared schema; the QR code of the otpauth URI is drawn here,
// so the renderer only shows an image.
import QRCode from 'qrcode';
import type { RecoveryCodes, TwoStepEnrolment, TwoStepStatus } from '../../shared/protocol';
import { emptyResponseSchema, recoveryCodesSchema, twoStepEnrolmentSchema, twoStepStatusSchema } from '../../shared/protocol';
import { callHub, postJson } from './hub-call';

export function twoStepStatusOnHub(hubUrl: string, token: string): Promise<TwoStepStatus> {
  return callHub(`${hubUrl}/api/account/two-step`, { headers: { authorization: `Bearer ${token}` } }, twoStepStatusSchema);
}

/** The secret to add to an authenticator app: as text, as its otpauth URI, and as a QR code (an SVG data URL). */
export async function enrolTwoStepOnHub(hubUrl: string, token: string, currentPassword: string): Promise<TwoStepEnrolment & { qrDataUrl: string }> {
  const enrolment = await callHub(`${hubUrl}/api/account/two-step/enrol`, postJson({ currentPassword }, token), twoStepEnrolmentSchema);
  const svg = await QRCode.toString(enrolment.otpauthUri, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
  return { ...enrolment, qrDataUrl: `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}` };
}

export function confirmTwoStepOnHub(hubUrl: string, token: string, code: string): Promise<RecoveryCodes> {
  return callHub(`${hubUrl}/api/account/two-step/confirm`, postJson({ code }, token), recoveryCodesSchema);
}

export function newRecoveryCodesOnHub(hubUrl: string, token: string, code: string): Promise<RecoveryCodes> {
  return callHub(`${hubUrl}/api/account/two-step/recovery-codes`, postJson({ code }, token), recoveryCodesSchema);
}

export async function disableTwoStepOnHub(hubUrl: string, token: string, body: { currentPassword: string; code: string }): Promise<void> {
  await callHub(`${hubUrl}/api/account/two-step/disable`, postJson(body, token), emptyResponseSchema);
}
