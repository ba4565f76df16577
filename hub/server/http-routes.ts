// The hub's HTTP side: sign-in and sign-out, the person's workspaces, and
// invitations (preview, accept as JSON for the app, and the browser page).
import type { IncomingMessage, ServerResponse } from 'node:http';
import { acceptInvitationRequestSchema, signInRequestSchema } from '../../shared/protocol';
import { bearerToken, personForToken } from '../auth/sessions';
import type { SignInService } from '../auth/sign-in';
import { hashToken } from '../auth/tokens';
import type { AcceptedInvitation } from '../domain/accept-invitation';
import { acceptInvitation, previewInvitation } from '../domain/accept-invitation';
import { HubFailure } from '../domain/hub-failure';
import type { HubStore } from '../store/hub-store';
import { readBody, readJson, sendError, sendHtml, sendJson } from './http-helpers';
import { invitePage, messagePage } from './invite-page';

export interface HttpRouteDeps {
  store: HubStore;
  signIn: SignInService;
  publicUrl: string;
  now: () => number;
  /** Broadcasts an accepted invitation to the workspace's desktops. */
  onAccepted: (accepted: AcceptedInvitation) => void;
  /** Closes the sockets of a session that signed out. */
  onSignedOut: (sessionHash: string) => void;
}

function parse<T>(schema: { safeParse(value: unknown): { success: true; data: T } | { success: false; error: { issues: Array<{ message: string }> } } }, value: unknown): T {
  const result = schema.safeParse(value);
  if (!result.success) throw new HubFailure('invalid_message', result.error.issues[0]?.message ?? 'The request is not valid.');
  return result.data;
}

function requirePerson(deps: HttpRouteDeps, request: IncomingMessage) {
  const token = bearerToken(request.headers.authorization);
  const person = token ? personForToken(deps.store, token, deps.now()) : null;
  if (!token || !person) throw new HubFailure('unauthorized', 'Sign in first.');
  return { token, person };
}

const INVITE_PAGE = /^\/invite\/([A-Za-z0-9_-]{20,200})$/;
const INVITE_API = /^\/api\/invitations\/([A-Za-z0-9_-]{20,200})$/;

export function createHttpHandler(deps: HttpRouteDeps) {
  const routes = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const { pathname } = new URL(request.url ?? '/', 'http://hub.invalid');
    const method = request.method ?? 'GET';

    if (method === 'GET' && pathname === '/healthz') return sendJson(response, 200, { ok: true });

    if (method === 'POST' && pathname === '/api/sign-in') {
      const body = parse(signInRequestSchema, await readJson(request));
      const address = request.socket.remoteAddress ?? 'unknown';
      return sendJson(response, 200, await deps.signIn.signIn(body.email, body.password, address, deps.now()));
    }

    if (method === 'POST' && pathname === '/api/sign-out') {
      const { token } = requirePerson(deps, request);
      deps.store.sessions.delete(hashToken(token));
      deps.onSignedOut(hashToken(token));
      return sendJson(response, 200, {});
    }

    if (method === 'GET' && pathname === '/api/me') {
      const { person } = requirePerson(deps, request);
      return sendJson(response, 200, {
        personId: person.id,
        displayName: person.displayName,
        email: person.email,
        workspaces: deps.store.members.membershipsOf(person.id),
      });
    }

    if (method === 'POST' && pathname === '/api/invitations/accept') {
      const body = parse(acceptInvitationRequestSchema, await readJson(request));
      const accepted = await acceptInvitation(deps.store, body, deps.now);
      deps.onAccepted(accepted);
      return sendJson(response, 200, accepted.session);
    }

    const apiToken = INVITE_API.exec(pathname)?.[1];
    if (method === 'GET' && apiToken) return sendJson(response, 200, previewInvitation(deps.store, apiToken, deps.now()));

    const pageToken = INVITE_PAGE.exec(pathname)?.[1];
    if (pageToken && method === 'GET') return servePage(pageToken, null, response);
    if (pageToken && method === 'POST') {
      const form = new URLSearchParams(await readBody(request));
      const displayName = form.get('displayName')?.trim();
      const input = { token: pageToken, password: form.get('password') ?? '', ...(displayName ? { displayName } : {}) };
      const checked = acceptInvitationRequestSchema.safeParse(input);
      if (!checked.success) return servePage(pageToken, checked.error.issues[0]?.message ?? 'Check the form.', response);
      try {
        const accepted = await acceptInvitation(deps.store, checked.data, deps.now);
        deps.onAccepted(accepted);
      } catch (error) {
        if (error instanceof HubFailure && error.code === 'invalid_credentials') return servePage(pageToken, error.message, response);
        throw error;
      }
      return sendHtml(response, 200, messagePage('You are in', 'Your invitation is accepted. Sign in from the Gatehouse app with your email and password.'));
    }

    sendJson(response, 404, { error: { code: 'not_found', message: 'There is nothing at this address.' } });
  };

  function servePage(token: string, error: string | null, response: ServerResponse): void {
    try {
      sendHtml(response, error ? 400 : 200, invitePage(previewInvitation(deps.store, token, deps.now()), token, deps.publicUrl, error));
    } catch (failure) {
      if (!(failure instanceof HubFailure)) throw failure;
      sendHtml(response, 410, messagePage('This invitation cannot be used', failure.message));
    }
  }

  return (request: IncomingMessage, response: ServerResponse, onUnexpected: (error: unknown) => void): void => {
    routes(request, response).catch((error: unknown) => {
      if (error instanceof HubFailure) {
        if (request.url?.startsWith('/invite/')) return sendHtml(response, 410, messagePage('This invitation cannot be used', error.message));
        return sendError(response, error);
      }
      onUnexpected(error);
      if (!response.headersSent) sendJson(response, 500, { error: { code: 'internal', message: 'The hub could not answer.' } });
      else response.end();
    });
  };
}
