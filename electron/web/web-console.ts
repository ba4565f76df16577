// The web console: the app's renderer served on 127.0.0.1 to a browser, for
// machines where Electron cannot run. Only whoever holds the one-time token
// printed at start gets in; it is traded for an HttpOnly session cookie.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import type { ApiEvent, ApiHandlers } from '../../shared/api/contract';
import type { ApiSocketTiming } from './api-socket';
import { attachApiSocket } from './api-socket';
import { sendDownloadOnce } from './downloads';
import { sendStaticFile } from './static-files';

export interface WebConsoleApi {
  handlers: ApiHandlers;
  onEvent(listener: (event: ApiEvent) => void): () => void;
  onUnexpected?(error: unknown, method: string): void;
}

export interface WebConsoleOptions {
  rendererDir: string;
  host?: string;
  port?: number;
  /** The desktop core's API, served on /api to the signed-in browser. */
  api?: WebConsoleApi;
  /** Exports written for download, served once each under /downloads/ (./downloads.ts). */
  downloadsDir?: string;
  /** The API socket's heartbeat (tests shorten it). */
  apiSocketTiming?: ApiSocketTiming;
}

export interface WebConsole {
  /** The address to open, with the one-time token in it. */
  url: string;
  origin: string;
  server: Server;
  /** Whether a request carries the session cookie of someone who opened the token URL. */
  isAuthenticated(request: IncomingMessage): boolean;
  close(): Promise<void>;
}

const COOKIE = 'gatehouse_session';

function sameSecret(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

function cookieValue(request: IncomingMessage, name: string): string | null {
  for (const part of (request.headers.cookie ?? '').split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return rest.join('=');
  }
  return null;
}

const SECURITY_HEADERS = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
};

export async function startWebConsole(options: WebConsoleOptions): Promise<WebConsole> {
  const host = options.host ?? '127.0.0.1';
  let oneTimeToken: string | null = randomBytes(32).toString('base64url');
  const initialToken = oneTimeToken;
  const sessions = new Set<string>();

  const isAuthenticated = (request: IncomingMessage): boolean => {
    const session = cookieValue(request, COOKIE);
    return session !== null && sessions.has(session);
  };

  const handle = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) response.setHeader(name, value);
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.writeHead(405, { allow: 'GET, HEAD' }).end();
      return;
    }
    const url = new URL(request.url ?? '/', 'http://console.invalid');
    const offered = url.searchParams.get('token');
    if (offered !== null) {
      if (oneTimeToken === null || !sameSecret(offered, oneTimeToken)) {
        response.writeHead(403, { 'content-type': 'text/plain; charset=utf-8' });
        response.end('This link has already been used or is not valid. Restart the web console for a new one.');
        return;
      }
      oneTimeToken = null;
      const session = randomBytes(32).toString('base64url');
      sessions.add(session);
      response.writeHead(303, {
        location: '/',
        'set-cookie': `${COOKIE}=${session}; HttpOnly; SameSite=Strict; Path=/`,
      });
      response.end();
      return;
    }
    if (!isAuthenticated(request)) {
      response.writeHead(401, { 'content-type': 'text/plain; charset=utf-8' });
      response.end('Open the address printed by the Gatehouse web console when it started.');
      return;
    }
    if (url.pathname.startsWith('/downloads/') && options.downloadsDir) {
      await sendDownloadOnce(options.downloadsDir, url.pathname.slice('/downloads'.length), request.method === 'HEAD', response);
      return;
    }
    await sendStaticFile(options.rendererDir, url.pathname, response);
  };

  const server = createServer((request, response) => {
    handle(request, response).catch(() => {
      if (!response.headersSent) response.writeHead(500);
      response.end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const origin = `http://${host}:${port}`;

  // The API socket: only the browser that opened the one-time link, only from this console's own pages.
  const sockets = new WebSocketServer({ noServer: true, maxPayload: 1024 * 1024 });
  server.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    const isApi = new URL(request.url ?? '/', origin).pathname === '/api';
    if (!options.api || !isApi || request.headers.origin !== origin || !isAuthenticated(request)) {
      socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\n\r\n');
      return;
    }
    const api = options.api;
    sockets.handleUpgrade(request, socket, head, (ws) => attachApiSocket(ws, api, options.apiSocketTiming));
  });
  return {
    url: `${origin}/?token=${initialToken}`,
    origin,
    server,
    isAuthenticated,
    close: () =>
      new Promise<void>((resolve) => {
        for (const client of sockets.clients) client.close(1001, 'web console stopping');
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
