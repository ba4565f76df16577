// The client side reads every kind of hub message with the shared schema.
import { describe, expect, it } from 'vitest';
import { serverMessageSchema } from './server-messages';

describe('server messages', () => {
  it('reads replies, errors, presence and revocations', () => {
    const messages = [
      { type: 'reply', id: 'r1', ok: true, result: { seq: 3 } },
      { type: 'reply', id: 'r2', ok: false, error: { code: 'self_protected', message: 'Nobody can edit their own access.', rule: 'U7' } },
      { type: 'error', error: { code: 'bad_json', message: 'The message is not valid JSON.' } },
      { type: 'presence', presence: [{ memberId: 'm1', isOnline: true, lastSeenAt: 5 }] },
      { type: 'revoked', message: 'gone', reason: 'revoked', accessUntil: null },
    ];
    for (const message of messages) expect(serverMessageSchema.parse(message)).toEqual(message);
  });

  it('refuses a reply whose error code is unknown', () => {
    expect(serverMessageSchema.safeParse({ type: 'reply', id: 'r', ok: false, error: { code: 'made_up', message: 'x' } }).success).toBe(false);
  });
});
