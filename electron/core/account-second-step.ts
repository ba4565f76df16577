// Issue 13.5: signing in to a hub where the person has two-step sign-in on.
// The password answers `second_step_required` with a short-lived token; the
// core keeps that token (it never reaches the window) and the window is told
// to ask for a code, which `complete` sends with it. One sign-in waits at a
// time: a new password sign-in replaces it.
import type { SignInResponse } from '../../shared/protocol';
import { httpErrorBodySchema, secondStepRequiredBodySchema, signInResponseSchema } from '../../shared/protocol';
import { ApiFailure } from './api-failure';
import { callHub, postJson } from './hub-call';

/** What the window shows when the password was right and a code is awaited. */
export const SECOND_STEP_REQUIRED = 'second_step_required';

interface Waiting {
  hubUrl: string;
  token: string;
  expiresAt: number;
}

export class PendingSecondStep {
  private waiting: Waiting | null = null;

  /** The session, or ApiFailure second_step_required once the pending token is kept. */
  async signIn(hubUrl: string, email: string, password: string): Promise<SignInResponse> {
    this.waiting = null;
    let response: Response;
    try {
      response = await fetch(`${hubUrl}/api/sign-in`, { ...postJson({ email, password }), signal: AbortSignal.timeout(15_000) });
    } catch {
      throw new ApiFailure('hub_unreachable', `Gatehouse could not reach the hub at ${new URL(hubUrl).origin}. Check the address and that the hub is running.`);
    }
    const body: unknown = await response.json().catch(() => null);
    const pending = secondStepRequiredBodySchema.safeParse(body);
    if (pending.success) {
      this.waiting = { hubUrl, ...pending.data.error.secondStep };
      throw new ApiFailure(SECOND_STEP_REQUIRED, pending.data.error.message);
    }
    if (!response.ok) {
      const error = httpErrorBodySchema.safeParse(body);
      throw new ApiFailure(error.success ? error.data.error.code : 'hub_error', error.success ? error.data.error.message : `The hub answered ${response.status}.`);
    }
    const session = signInResponseSchema.safeParse(body);
    if (!session.success) throw new ApiFailure('hub_error', 'The hub answered something Gatehouse does not understand. Is this a Gatehouse hub?');
    return session.data;
  }

  /** Sends the code with the kept token; the session comes back with the hub it is for. */
  async complete(code: string, now: number = Date.now()): Promise<{ hubUrl: string; session: SignInResponse }> {
    const waiting = this.waiting;
    if (!waiting || now >= waiting.expiresAt) {
      this.waiting = null;
      throw new ApiFailure('second_step_expired', 'This sign-in took too long or was already completed. Enter your password again.');
    }
    try {
      const session = await callHub(`${waiting.hubUrl}/api/sign-in/second-step`, postJson({ token: waiting.token, code }), signInResponseSchema);
      this.waiting = null;
      return { hubUrl: waiting.hubUrl, session };
    } catch (error) {
      // A wrong code may be tried again with the same token; an expired one may not.
      if (error instanceof ApiFailure && error.code === 'second_step_expired') this.waiting = null;
      throw error;
    }
  }

  /** Whether a code is awaited (the window shows the code field). */
  get isWaiting(): boolean {
    return this.waiting !== null;
  }

  cancel(): void {
    this.waiting = null;
  }
}
