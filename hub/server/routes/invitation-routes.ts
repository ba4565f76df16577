// Invitations over HTTP: the preview and accept calls the app makes, the page
// a browser shows for an invitation link, and (through my-invitation-routes)
// the signed-in person's own invitations.
import type { ServerResponse } from 'node:http';
import { acceptInvitationRequestSchema } from '../../../shared/protocol';
import { acceptInvitation, previewInvitation } from '../../domain/accept-invitation';
import { HubFailure } from '../../domain/hub-failure';
import { readBody, readJson, sendHtml, sendJson, statusOf } from '../http-helpers';
import { acceptedPage, invitePage, messagePage, signInToAcceptPage } from '../invite-page';
import { myInvitationRoutes } from './my-invitation-routes';
import { parse } from './parse-body';
import type { HttpRouteDeps, RouteGroup } from './route-deps';

export const INVITE_PAGE_PREFIX = '/invite/';
const INVITE_PAGE = /^\/invite\/([A-Za-z0-9_-]{20,200})$/;

/**
 * The page for a link that cannot be used, with the status the API gives the
 * same link: 404 for one the hub does not know or a newer one replaced, 410
 * for one used, cancelled or expired.
 */
export function sendInvitationFailurePage(response: ServerResponse, failure: HubFailure): void {
  sendHtml(response, statusOf(failure.code), messagePage('This invitation cannot be used', failure.message));
}
const INVITE_API = /^\/api\/invitations\/([A-Za-z0-9_-]{20,200})$/;

export function invitationRoutes(deps: HttpRouteDeps): RouteGroup {
  async function servePage(token: string, error: string | null, response: ServerResponse): Promise<void> {
    try {
      sendHtml(response, error ? 400 : 200, invitePage(await previewInvitation(deps.store, token, deps.now()), token, deps.publicUrl, error));
    } catch (failure) {
      if (!(failure instanceof HubFailure)) throw failure;
      sendInvitationFailurePage(response, failure);
    }
  }

  const mine = myInvitationRoutes(deps);

  return async (route) => {
    if (await mine(route)) return true;
    const { request, response, method, pathname } = route;
    if (method === 'POST' && pathname === '/api/invitations/accept') {
      const body = parse(acceptInvitationRequestSchema, await readJson(request));
      const accepted = await acceptInvitation(deps.store, body, deps.now);
      await deps.deliver(accepted.changes);
      sendJson(response, 200, accepted.session);
      return true;
    }

    const apiToken = INVITE_API.exec(pathname)?.[1];
    if (method === 'GET' && apiToken) {
      sendJson(response, 200, await previewInvitation(deps.store, apiToken, deps.now()));
      return true;
    }

    const pageToken = INVITE_PAGE.exec(pathname)?.[1];
    if (pageToken && method === 'GET') {
      await servePage(pageToken, null, response);
      return true;
    }
    if (pageToken && method === 'POST') {
      const form = new URLSearchParams(await readBody(request));
      const input = { token: pageToken, displayName: form.get('displayName')?.trim() ?? '', password: form.get('password') ?? '' };
      const checked = acceptInvitationRequestSchema.safeParse(input);
      if (!checked.success) {
        await servePage(pageToken, checked.error.issues[0]?.message ?? 'Check the form.', response);
        return true;
      }
      // Read before accepting: a used link no longer previews.
      const invitation = await previewInvitation(deps.store, pageToken, deps.now());
      try {
        const accepted = await acceptInvitation(deps.store, checked.data, deps.now);
        await deps.deliver(accepted.changes);
      } catch (error) {
        if (error instanceof HubFailure && error.code === 'sign_in_to_accept') {
          sendHtml(response, 409, signInToAcceptPage(deps.publicUrl, pageToken));
          return true;
        }
        throw error;
      }
      sendHtml(response, 200, acceptedPage(invitation, deps.publicUrl));
      return true;
    }
    return false;
  };
}
