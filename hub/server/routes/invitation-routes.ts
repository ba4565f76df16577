// Invitations over HTTP: the preview and accept calls the app makes, and the
// page a browser shows for an invitation link.
import type { ServerResponse } from 'node:http';
import { acceptInvitationRequestSchema } from '../../../shared/protocol';
import { acceptInvitation, previewInvitation } from '../../domain/accept-invitation';
import { HubFailure } from '../../domain/hub-failure';
import { readBody, readJson, sendHtml, sendJson } from '../http-helpers';
import { invitePage, messagePage } from '../invite-page';
import { parse } from './parse-body';
import type { HttpRouteDeps, RouteGroup } from './route-deps';

const INVITE_PAGE = /^\/invite\/([A-Za-z0-9_-]{20,200})$/;
const INVITE_API = /^\/api\/invitations\/([A-Za-z0-9_-]{20,200})$/;

export function invitationRoutes(deps: HttpRouteDeps): RouteGroup {
  function servePage(token: string, error: string | null, response: ServerResponse): void {
    try {
      sendHtml(response, error ? 400 : 200, invitePage(previewInvitation(deps.store, token, deps.now()), token, deps.publicUrl, error));
    } catch (failure) {
      if (!(failure instanceof HubFailure)) throw failure;
      sendHtml(response, 410, messagePage('This invitation cannot be used', failure.message));
    }
  }

  return async ({ request, response, method, pathname }) => {
    if (method === 'POST' && pathname === '/api/invitations/accept') {
      const body = parse(acceptInvitationRequestSchema, await readJson(request));
      const accepted = await acceptInvitation(deps.store, body, deps.now);
      deps.deliver(accepted.changes);
      sendJson(response, 200, accepted.session);
      return true;
    }

    const apiToken = INVITE_API.exec(pathname)?.[1];
    if (method === 'GET' && apiToken) {
      sendJson(response, 200, previewInvitation(deps.store, apiToken, deps.now()));
      return true;
    }

    const pageToken = INVITE_PAGE.exec(pathname)?.[1];
    if (pageToken && method === 'GET') {
      servePage(pageToken, null, response);
      return true;
    }
    if (pageToken && method === 'POST') {
      const form = new URLSearchParams(await readBody(request));
      const displayName = form.get('displayName')?.trim();
      const input = { token: pageToken, password: form.get('password') ?? '', ...(displayName ? { displayName } : {}) };
      const checked = acceptInvitationRequestSchema.safeParse(input);
      if (!checked.success) {
        servePage(pageToken, checked.error.issues[0]?.message ?? 'Check the form.', response);
        return true;
      }
      try {
        const accepted = await acceptInvitation(deps.store, checked.data, deps.now);
        deps.deliver(accepted.changes);
      } catch (error) {
        if (error instanceof HubFailure && error.code === 'invalid_credentials') {
          servePage(pageToken, error.message, response);
          return true;
        }
        throw error;
      }
      sendHtml(response, 200, messagePage('You are in', 'Your invitation is accepted. Sign in from the Gatehouse app with your email and password.'));
      return true;
    }
    return false;
  };
}
