// The hub's HTTP side: health, then each group of routes in turn (account,
// "forgot password", invitations); a HubFailure becomes its status and code,
// anything else a 500.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { PASSWORD_RESET_PATH } from '../auth/password-reset';
import { HubFailure } from '../domain/hub-failure';
import { sendError, sendHtml, sendJson } from './http-helpers';
import { messagePage } from './invite-page';
import type { AccountRouteDeps } from './routes/account-route-deps';
import { accountRoutes } from './routes/account-routes';
import { INVITE_PAGE_PREFIX, invitationRoutes, sendInvitationFailurePage } from './routes/invitation-routes';
import { passwordResetRoutes } from './routes/password-reset-routes';
import type { RouteGroup } from './routes/route-deps';

export type { HttpRouteDeps } from './routes/route-deps';

export function createHttpHandler(deps: AccountRouteDeps, operations?: RouteGroup) {
  const groups: RouteGroup[] = [...(operations ? [operations] : []), accountRoutes(deps), passwordResetRoutes(deps), invitationRoutes(deps)];

  const routes = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const { pathname } = new URL(request.url ?? '/', 'http://hub.invalid');
    const method = request.method ?? 'GET';
    if (method === 'GET' && pathname === '/healthz') return sendJson(response, 200, { ok: true });
    await deps.refreshSettings();
    for (const group of groups) {
      if (await group({ request, response, method, pathname })) return;
    }
    sendJson(response, 404, { error: { code: 'not_found', message: 'There is nothing at this address.' } });
  };

  return (request: IncomingMessage, response: ServerResponse, onUnexpected: (error: unknown) => void): void => {
    routes(request, response).catch((error: unknown) => {
      if (error instanceof HubFailure) {
        if (request.url?.startsWith(INVITE_PAGE_PREFIX)) return sendInvitationFailurePage(response, error);
        if (request.url?.startsWith(PASSWORD_RESET_PATH)) return sendHtml(response, 400, messagePage('This link cannot be used', error.message));
        return sendError(response, error);
      }
      onUnexpected(error);
      if (!response.headersSent) sendJson(response, 500, { error: { code: 'internal', message: 'The hub could not answer.' } });
      else response.end();
    });
  };
}
