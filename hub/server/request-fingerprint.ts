// What an idempotency key is bound to: a SHA-256 of the request as parsed,
// without its id and mutationId, so that the same key sent with another
// request can be told apart from a resend of the same one.
import { createHash } from 'node:crypto';
import type { ClientRequest } from '../../shared/protocol';

/** JSON with object keys sorted, so two equal requests hash alike whatever order their fields came in. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value)
      .filter(([, field]) => field !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, field]) => `${JSON.stringify(key)}:${canonicalJson(field)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

export function requestFingerprint(request: ClientRequest): string {
  const withoutKey = Object.fromEntries(Object.entries(request).filter(([field]) => field !== 'id' && field !== 'mutationId'));
  return createHash('sha256').update(canonicalJson(withoutKey)).digest('hex');
}
