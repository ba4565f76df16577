// Small HTTP plumbing: JSON bodies with a size limit, JSON and HTML answers,
// and the status that goes with each error code.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { HubErrorCode } from '../../shared/protocol';
import { HubFailure } from '../domain/hub-failure';

const MAX_BODY_BYTES = 64 * 1024;

export async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new HubFailure('invalid_message', 'The request body is too large.');
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

export async function readJson(request: IncomingMessage): Promise<unknown> {
  const text = await readBody(request);
  try {
    return JSON.parse(text);
  } catch {
    throw new HubFailure('bad_json', 'The request body is not valid JSON.');
  }
}

const STATUS_OF: Partial<Record<HubErrorCode, number>> = {
  bad_json: 400,
  invalid_message: 400,
  invalid_credentials: 401,
  unauthorized: 401,
  not_found: 404,
  invitation_invalid: 404,
  invitation_used: 410,
  invitation_cancelled: 410,
  invitation_expired: 410,
  rate_limited: 429,
  sign_in_to_accept: 409,
  reset_link_invalid: 410,
  idempotency_key_reused: 409,
};

export function statusOf(code: HubErrorCode): number {
  return STATUS_OF[code] ?? 400;
}

export function sendJson(response: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  response.end(text);
}

export function sendError(response: ServerResponse, failure: HubFailure): void {
  sendJson(response, statusOf(failure.code), { error: { code: failure.code, message: failure.message } });
}

export function sendHtml(response: ServerResponse, status: number, html: string): void {
  response.writeHead(status, {
    'content-type': 'text/html; charset=utf-8',
    'cache-control': 'no-store',
    'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'",
    'referrer-policy': 'no-referrer',
  });
  response.end(html);
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);
}
