// Authentication of a WebSocket upgrade, before the socket opens: a valid
// bearer token, membership of the workspace asked for, and no foreign Origin
// (a web page elsewhere must not ride on a desktop's session), and a client
// that speaks this hub's protocol version.
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { bearerCredential, UNAUTHORIZED_MESSAGES } from '../auth/sessions';
import { hashToken } from '../auth/tokens';
import { OLDEST_PROTOCOL_VERSION, PROTOCOL_VERSION, PROTOCOL_VERSION_HEADER } from '../../shared/protocol';
import { isRefusedForTwoStep } from '../domain/two-step-requirement';
import type { HubStore } from '../store/hub-store';
import { ACCESS_ENDED_TEXT } from './revoked-message';

export interface AcceptedUpgrade {
  ok: true;
  personId: string;
  memberId: string;
  workspaceId: string;
  sessionHash: string;
  sessionExpiresAt: number;
  /** The version the client speaks (it decides how snapshots are sent). */
  protocolVersion: number;
}

export interface RefusedUpgrade {
  ok: false;
  status: 400 | 401 | 403 | 404 | 426 | 428;
  code: string;
  message: string;
  /** Extra response headers (a version refusal states the hub's own version). */
  headers?: Record<string, string>;
  /** Issue 13.2: with `access_ended`, the end date that came (UTC ms), for the desktop to show in its own time zone. */
  accessUntil?: number;
}

export const WEBSOCKET_PATH = '/ws';

/** Why a workspace's socket is refused for want of the second step, in the words the desktop shows. */
export function twoStepRequiredMessage(workspaceName: string): string {
  return `${workspaceName} requires two-step sign-in. Turn it on in your Profile (under Two-step sign-in), then Gatehouse connects again.`;
}

export async function authenticateUpgrade(
  store: HubStore,
  request: IncomingMessage,
  allowedOrigins: ReadonlySet<string>,
  now: number,
  protocolVersion: number = PROTOCOL_VERSION,
  oldestProtocolVersion: number = Math.min(OLDEST_PROTOCOL_VERSION, protocolVersion),
): Promise<AcceptedUpgrade | RefusedUpgrade> {
  const url = new URL(request.url ?? '/', 'http://hub.invalid');
  if (url.pathname !== WEBSOCKET_PATH) return { ok: false, status: 404, code: 'not_found', message: 'There is no socket at this path.' };
  const origin = request.headers.origin;
  if (origin !== undefined && !allowedOrigins.has(origin)) {
    return { ok: false, status: 403, code: 'forbidden_origin', message: 'Connections from this origin are not allowed.' };
  }
  const version = checkProtocolVersion(url.searchParams.get('v'), protocolVersion, oldestProtocolVersion);
  if (!version.ok) return version;
  const credential = bearerCredential(request.headers.authorization);
  if (credential.kind !== 'token') return { ok: false, status: 401, code: 'unauthorized', message: UNAUTHORIZED_MESSAGES[credential.kind] };
  const sessionHash = hashToken(credential.token);
  const session = await store.sessions.valid(sessionHash, now);
  if (!session) return { ok: false, status: 401, code: 'unauthorized', message: UNAUTHORIZED_MESSAGES.ended };
  const workspaceId = url.searchParams.get('workspace') ?? '';
  const member = await store.members.byPerson(workspaceId, session.personId);
  if (!member || member.status !== 'active') {
    // Issue 13.2: a desktop whose access ended while it was away is told why, as the socket that closed would have said.
    const ended = member ? undefined : await store.members.endedAccessOf(workspaceId, session.personId);
    if (ended) return { ok: false, status: 403, code: 'access_ended', message: ACCESS_ENDED_TEXT, accessUntil: ended.accessUntil };
    return { ok: false, status: 403, code: 'not_member', message: 'You are not a member of this workspace.' };
  }
  // Issue 13.5: the stored deadline is checked here, at each socket, never by a timer. 428, not 403 or 401:
  // desktops from before two-step sign-in take 403 as "no longer a member" (and wipe their copy) and 401 as
  // "signed out"; any other refusal they show and retry, which is what this one means.
  if (await isRefusedForTwoStep(store, workspaceId, session, now)) {
    const name = (await store.workspaces.byId(workspaceId))?.name ?? 'This workspace';
    return { ok: false, status: 428, code: 'two_step_required', message: twoStepRequiredMessage(name) };
  }
  return {
    ok: true,
    personId: session.personId,
    memberId: member.id,
    workspaceId,
    sessionHash,
    sessionExpiresAt: session.expiresAt,
    protocolVersion: version.clientVersion,
  };
}

/**
 * Clients from before versions were stated send no `v`: they speak version 1.
 * A hub serves every version from the oldest it still supports to its own.
 * The refusal is made before the token is read, so a client on another
 * version learns why at once rather than after signing in again.
 */
function checkProtocolVersion(stated: string | null, hubVersion: number, oldestVersion: number): RefusedUpgrade | { ok: true; clientVersion: number } {
  const clientVersion = stated === null ? 1 : /^[1-9][0-9]{0,5}$/.test(stated) ? Number(stated) : null;
  if (clientVersion === null) return { ok: false, status: 400, code: 'invalid_message', message: 'The app stated a protocol version the hub cannot read; it must be a positive whole number.' };
  if (clientVersion >= oldestVersion && clientVersion <= hubVersion) return { ok: true, clientVersion };
  const isClientOlder = clientVersion < oldestVersion;
  return {
    ok: false,
    status: 426,
    code: isClientOlder ? 'client_outdated' : 'hub_outdated',
    message: isClientOlder
      ? `This hub speaks protocol version ${hubVersion} and the client version ${clientVersion}: the client needs an update.`
      : `This hub speaks protocol version ${hubVersion} and the client version ${clientVersion}: the hub needs an update.`,
    headers: { [PROTOCOL_VERSION_HEADER]: String(hubVersion) },
  };
}

const STATUS_TEXT = { 400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 426: 'Upgrade Required', 428: 'Precondition Required' } as const;

export function refuseUpgrade(socket: Duplex, refusal: RefusedUpgrade): void {
  const body = JSON.stringify({
    error: { code: refusal.code, message: refusal.message, ...(refusal.accessUntil === undefined ? {} : { accessUntil: refusal.accessUntil }) },
  });
  socket.end(
    `HTTP/1.1 ${refusal.status} ${STATUS_TEXT[refusal.status]}\r\n` +
      'Content-Type: application/json; charset=utf-8\r\n' +
      Object.entries(refusal.headers ?? {})
        .map(([name, value]) => `${name}: ${value}\r\n`)
        .join('') +
      `Content-Length: ${Buffer.byteLength(body)}\r\n` +
      'Connection: close\r\n\r\n' +
      body,
  );
}
