// Sign-in, sign-out and the signed-in person's own facts.
import { signInRequestSchema } from '../../../shared/protocol';
import { hashToken } from '../../auth/tokens';
import { readJson, sendJson } from '../http-helpers';
import { parse, requirePerson } from './parse-body';
import type { HttpRouteDeps, RouteGroup } from './route-deps';

export function accountRoutes(deps: HttpRouteDeps): RouteGroup {
  return async ({ request, response, method, pathname }) => {
    if (method === 'POST' && pathname === '/api/sign-in') {
      const body = parse(signInRequestSchema, await readJson(request));
      const address = request.socket.remoteAddress ?? 'unknown';
      sendJson(response, 200, await deps.signIn.signIn(body.email, body.password, address, deps.now()));
      return true;
    }

    if (method === 'POST' && pathname === '/api/sign-out') {
      const { token } = requirePerson(deps, request);
      deps.store.sessions.delete(hashToken(token));
      deps.onSignedOut(hashToken(token));
      sendJson(response, 200, {});
      return true;
    }

    if (method === 'GET' && pathname === '/api/me') {
      const { person } = requirePerson(deps, request);
      sendJson(response, 200, {
        personId: person.id,
        displayName: person.displayName,
        email: person.email,
        workspaces: deps.store.members.membershipsOf(person.id),
      });
      return true;
    }
    return false;
  };
}
