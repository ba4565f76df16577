// Sign-in, sign-out, the signed-in person's own facts, and their account:
// changing the password and signing out the other sessions; two-step sign-in
// (issue 13.5) is answered by its own group (two-step-routes.ts), tried last.
import type { IncomingMessage } from 'node:http';
import { changePasswordRequestSchema, signInRequestSchema } from '../../../shared/protocol';
import type { AccountSession } from '../../auth/password-change';
import { hashToken } from '../../auth/tokens';
import { readJson, sendJson } from '../http-helpers';
import type { AccountRouteDeps } from './account-route-deps';
import { parse, requirePerson } from './parse-body';
import { sendTwoStepFailure, twoStepRoutes } from './two-step-routes';
import type { RouteGroup } from './route-deps';

export function accountRoutes(deps: AccountRouteDeps): RouteGroup {
  const twoStep = twoStepRoutes(deps);

  async function accountSession(request: IncomingMessage): Promise<AccountSession> {
    const { token, person } = await requirePerson(deps, request);
    return { person, sessionHash: hashToken(token), address: deps.addresses.resolve(request) };
  }

  return async ({ request, response, method, pathname }) => {
    if (method === 'POST' && pathname === '/api/sign-in') {
      const body = parse(signInRequestSchema, await readJson(request));
      try {
        sendJson(response, 200, await deps.signIn.signIn(body.email, body.password, deps.addresses.resolve(request), deps.now()));
      } catch (error) {
        // Issue 13.5: a right password of a person with two-step sign-in is answered 401 second_step_required with its token.
        sendTwoStepFailure(response, error);
      }
      return true;
    }

    if (method === 'POST' && pathname === '/api/sign-out') {
      const { token } = await requirePerson(deps, request);
      await deps.store.sessions.delete(hashToken(token));
      deps.onSignedOut(hashToken(token));
      sendJson(response, 200, {});
      return true;
    }

    if (method === 'GET' && pathname === '/api/me') {
      const { person } = await requirePerson(deps, request);
      sendJson(response, 200, {
        personId: person.id,
        displayName: person.displayName,
        email: person.email,
        workspaces: await deps.store.members.membershipsOf(person.id),
      });
      return true;
    }

    if (method === 'POST' && pathname === '/api/account/password') {
      const session = await accountSession(request);
      const body = parse(changePasswordRequestSchema, await readJson(request));
      await deps.passwordChange.changePassword(session, body.currentPassword, body.newPassword, deps.now);
      sendJson(response, 200, {});
      return true;
    }

    if (method === 'POST' && pathname === '/api/account/sign-out-others') {
      sendJson(response, 200, { signedOut: await deps.passwordChange.signOutOthers(await accountSession(request)) });
      return true;
    }

    if (method === 'GET' && pathname === '/api/hub-info') {
      sendJson(response, 200, { isMailConfigured: deps.isMailConfigured });
      return true;
    }
    return twoStep({ request, response, method, pathname });
  };
}
