// Shared by the two-step tests (issue 13.5): a hub whose clock the test moves,
// the raw HTTP calls of two-step sign-in, codes computed from the secret the
// hub handed out (as an authenticator app would), and the hub's raw answer to
// a socket upgrade.
import { generateSync } from 'otplib';
import WebSocket from 'ws';
import type { RawAnswer } from './testing/account-requests';
import { bearer, postJson } from './testing/account-requests';
import type { TestHub } from './testing/test-hub';
import { startTestHub } from './testing/test-hub';

/** A fixed start, inside a 30-second step (so ±1 step is exactly one period either side). */
export const START = Date.UTC(2031, 2, 3, 9, 0, 5);

export interface ClockedHub extends TestHub {
  clock: { now: number };
}

export async function startClockedHub(): Promise<ClockedHub> {
  const clock = { now: START };
  const hub = await startTestHub({ trustedProxies: ['127.0.0.1'], now: () => clock.now });
  return Object.assign(hub, { clock });
}

/** The code an authenticator app shows for `secret` at `at` (ms). */
export function codeAt(secret: string, at: number): string {
  return generateSync({ secret, epoch: Math.floor(at / 1000) });
}

export const twoStepCalls = (hub: TestHub) => ({
  status: async (token: string) => {
    const response = await fetch(`${hub.hub.url}/api/account/two-step`, { headers: { ...bearer(token), connection: 'close' } });
    return { status: response.status, body: (await response.json()) as RawAnswer['body'] };
  },
  enrol: (token: string, currentPassword: string, from?: string) => postJson(`${hub.hub.url}/api/account/two-step/enrol`, { currentPassword }, bearer(token, from)),
  confirm: (token: string, code: unknown, from?: string) => postJson(`${hub.hub.url}/api/account/two-step/confirm`, { code }, bearer(token, from)),
  newRecoveryCodes: (token: string, code: string) => postJson(`${hub.hub.url}/api/account/two-step/recovery-codes`, { code }, bearer(token)),
  disable: (token: string, currentPassword: string, code: string) => postJson(`${hub.hub.url}/api/account/two-step/disable`, { currentPassword, code }, bearer(token)),
  secondStep: (pendingToken: string, code: unknown, from?: string) =>
    postJson(`${hub.hub.url}/api/sign-in/second-step`, { token: pendingToken, code }, from === undefined ? {} : { 'x-forwarded-for': from }),
});

/**
 * Turns two-step sign-in on for a signed-in session, as a person does in
 * their Profile: password, the hub's secret, the app's first code. Returns
 * the secret (the test's authenticator) and the recovery codes.
 */
export async function turnOn(hub: ClockedHub, token: string, password: string): Promise<{ secret: string; recoveryCodes: string[] }> {
  const calls = twoStepCalls(hub);
  const enrolled = await calls.enrol(token, password);
  if (enrolled.status !== 200) throw new Error(`enrol failed: ${JSON.stringify(enrolled.body)}`);
  const secret = String(enrolled.body['secret']);
  const confirmed = await calls.confirm(token, codeAt(secret, hub.clock.now));
  if (confirmed.status !== 200) throw new Error(`confirm failed: ${JSON.stringify(confirmed.body)}`);
  return { secret, recoveryCodes: confirmed.body['recoveryCodes'] as string[] };
}

export interface UpgradeAnswer {
  status: number;
  body: { error?: { code: string; message: string } } | null;
}

/** Opens a raw socket of the workspace with the token and resolves with how the hub answered the upgrade. */
export function openSocket(hub: TestHub, token: string, workspaceId: string = hub.workspaceId): Promise<UpgradeAnswer> {
  const socket = new WebSocket(`${hub.hub.socketUrl}?workspace=${encodeURIComponent(workspaceId)}&v=2`, { headers: { authorization: `Bearer ${token}` } });
  return new Promise((resolve, reject) => {
    socket.once('open', () => {
      socket.close();
      resolve({ status: 101, body: null });
    });
    socket.once('unexpected-response', (_request, response) => {
      let text = '';
      response.on('data', (chunk: Buffer) => (text += chunk.toString()));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body: JSON.parse(text) as UpgradeAnswer['body'] }));
    });
    socket.once('error', (error) => {
      if (!error.message.includes('Unexpected server response')) reject(error);
    });
  });
}
