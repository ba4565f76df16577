// Issue 13.5: the HTTP routes of two-step sign-in: the second step of signing
// in, and the signed-in person's own controls (status, enrol, confirm, new
// recovery codes, turn off). All are HTTP, never the workspace's socket, so a
// person whose workspace already refuses their socket can still set it up.
import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  secondStepRequestSchema,
  twoStepConfirmRequestSchema,
  twoStepDisableRequestSchema,
  twoStepEnrolRequestSchema,
  twoStepNewRecoveryCodesRequestSchema,
} from '../../../shared/protocol';
import type { HubErrorCode, TwoStepStatus } from '../../../shared/protocol';
import type { AccountSession } from '../../auth/password-change';
import { SecondStepRequired } from '../../auth/sign-in';
import { hashToken } from '../../auth/tokens';
import { HubFailure } from '../../domain/hub-failure';
import { twoStepRequirementsOf } from '../../domain/two-step-requirement';
import { readJson, sendJson } from '../http-helpers';
import type { AccountRouteDeps } from './account-route-deps';
import { parse, requirePerson } from './parse-body';
import type { RouteGroup } from './route-deps';

/** Statuses of the two-step refusals (the shared table gives any code it does not know 400). */
const TWO_STEP_STATUS: Partial<Record<HubErrorCode, number>> = {
  second_step_required: 401,
  invalid_code: 401,
  second_step_expired: 401,
  two_step_state: 409,
};

/** Answers a two-step refusal with its status (and, for second_step_required, the token); anything else goes on up. */
export function sendTwoStepFailure(response: ServerResponse, error: unknown): void {
  if (error instanceof SecondStepRequired) {
    sendJson(response, 401, { error: { code: error.code, message: error.message, secondStep: error.secondStep } });
    return;
  }
  const status = error instanceof HubFailure ? TWO_STEP_STATUS[error.code] : undefined;
  if (error instanceof HubFailure && status !== undefined) {
    sendJson(response, status, { error: { code: error.code, message: error.message } });
    return;
  }
  throw error;
}

export function twoStepRoutes(deps: AccountRouteDeps): RouteGroup {
  const twoStep = deps.signIn.twoStep;

  async function accountSession(request: IncomingMessage): Promise<AccountSession> {
    const { token, person } = await requirePerson(deps, request);
    return { person, sessionHash: hashToken(token), address: deps.addresses.resolve(request) };
  }

  async function answer(request: IncomingMessage, method: string, pathname: string): Promise<{ status: number; body: unknown } | null> {
    if (method === 'POST' && pathname === '/api/sign-in/second-step') {
      const body = parse(secondStepRequestSchema, await readJson(request));
      return { status: 200, body: await twoStep.completeSignIn(body.token, body.code, deps.addresses.resolve(request), deps.now()) };
    }
    if (method === 'GET' && pathname === '/api/account/two-step') {
      const session = await accountSession(request);
      const status: TwoStepStatus = { ...(await twoStep.status(session)), requirements: await twoStepRequirementsOf(deps.store, session.person.id) };
      return { status: 200, body: status };
    }
    if (method === 'POST' && pathname === '/api/account/two-step/enrol') {
      const session = await accountSession(request);
      const body = parse(twoStepEnrolRequestSchema, await readJson(request));
      return { status: 200, body: await twoStep.enrol(session, body.currentPassword, deps.now()) };
    }
    if (method === 'POST' && pathname === '/api/account/two-step/confirm') {
      const session = await accountSession(request);
      const body = parse(twoStepConfirmRequestSchema, await readJson(request));
      return { status: 200, body: { recoveryCodes: await twoStep.confirm(session, body.code, deps.now()) } };
    }
    if (method === 'POST' && pathname === '/api/account/two-step/recovery-codes') {
      const session = await accountSession(request);
      const body = parse(twoStepNewRecoveryCodesRequestSchema, await readJson(request));
      return { status: 200, body: { recoveryCodes: await twoStep.newRecoveryCodes(session, body.code, deps.now()) } };
    }
    if (method === 'POST' && pathname === '/api/account/two-step/disable') {
      const session = await accountSession(request);
      const body = parse(twoStepDisableRequestSchema, await readJson(request));
      await twoStep.disable(session, body.currentPassword, body.code, deps.now());
      return { status: 200, body: {} };
    }
    return null;
  }

  return async ({ request, response, method, pathname }) => {
    try {
      const answered = await answer(request, method, pathname);
      if (!answered) return false;
      sendJson(response, answered.status, answered.body);
    } catch (error) {
      sendTwoStepFailure(response, error);
    }
    return true;
  };
}
