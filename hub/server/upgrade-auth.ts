// Authentication of a WebSocket upgrade, before the socket opens: a valid
// bearer token, membership of the workspace asked for, and no foreign Origin
// (a web page elsewhere must not ride on a desktop's session).
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { bearerToken } from '../auth/sessions';
import { hashToken } from '../auth/tokens';
import type { HubStore } from '../store/hub-store';

export interface AcceptedUpgrade {
  ok: true;
  personId: string;
  memberId: string;
  workspaceId: string;
  sessionHash: string;
  sessionExpiresAt: number;
}

export interface RefusedUpgrade {
  ok: false;
  status: 400 | 401 | 403 | 404;
  code: string;
  message: string;
}

export const WEBSOCKET_PATH = '/ws';

export function authenticateUpgrade(
  store: HubStore,
  request: IncomingMessage,
  allowedOrigins: ReadonlySet<string>,
  now: number,
): AcceptedUpgrade | RefusedUpgrade {
  const url = new URL(request.url ?? '/', 'http://hub.invalid');
  if (url.pathname !== WEBSOCKET_PATH) return { ok: false, status: 404, code: 'not_found', message: 'There is no socket at this path.' };
  const origin = request.headers.origin;
  if (origin !== undefined && !allowedOrigins.has(origin)) {
    return { ok: false, status: 403, code: 'forbidden_origin', message: 'Connections from this origin are not allowed.' };
  }
  const token = bearerToken(request.headers.authorization);
  if (!token) return { ok: false, status: 401, code: 'unauthorized', message: 'Sign in first: the bearer token is missing.' };
  const sessionHash = hashToken(token);
  const session = store.sessions.valid(sessionHash, now);
  if (!session) return { ok: false, status: 401, code: 'unauthorized', message: 'The session has ended; sign in again.' };
  const workspaceId = url.searchParams.get('workspace') ?? '';
  const member = store.members.byPerson(workspaceId, session.personId);
  if (!member || member.status !== 'active') {
    return { ok: false, status: 403, code: 'not_member', message: 'You are not a member of this workspace.' };
  }
  return { ok: true, personId: session.personId, memberId: member.id, workspaceId, sessionHash, sessionExpiresAt: session.expiresAt };
}

const STATUS_TEXT = { 400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found' } as const;

export function refuseUpgrade(socket: Duplex, refusal: RefusedUpgrade): void {
  const body = JSON.stringify({ error: { code: refusal.code, message: refusal.message } });
  socket.end(
    `HTTP/1.1 ${refusal.status} ${STATUS_TEXT[refusal.status]}\r\n` +
      'Content-Type: application/json; charset=utf-8\r\n' +
      `Content-Length: ${Buffer.byteLength(body)}\r\n` +
      'Connection: close\r\n\r\n' +
      body,
  );
}
