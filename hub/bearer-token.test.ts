// Issue 10.7 (b): the hub's HTTP API tells a missing bearer token, a malformed
// one (wrong characters or length) and a well-formed one it does not know
// apart, each with a plain sentence; all three are 401 unauthorized.
import { randomBytes } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TestHub } from './testing/test-hub';
import { OWNER_PASSWORD, startTestHub } from './testing/test-hub';

interface Answer {
  status: number;
  error: { code: string; message: string } | undefined;
}

async function me(hub: TestHub, authorization?: string): Promise<Answer> {
  const response = await fetch(`${hub.hub.url}/api/me`, {
    headers: { connection: 'close', ...(authorization === undefined ? {} : { authorization }) },
  });
  const body = (await response.json()) as { error?: { code: string; message: string } };
  return { status: response.status, error: body.error };
}

const MISSING = { status: 401, error: { code: 'unauthorized', message: 'Sign in first.' } };
const MALFORMED = { status: 401, error: { code: 'unauthorized', message: 'The sign-in token is not valid; sign in again.' } };
const ENDED = { status: 401, error: { code: 'unauthorized', message: 'The session has ended; sign in again.' } };

describe('bearer tokens over HTTP', () => {
  let hub: TestHub;

  beforeEach(async () => {
    hub = await startTestHub();
  });
  afterEach(() => hub.stop());

  it('issue 10.7: no Authorization header (or an empty one) is "sign in first"', async () => {
    expect(await me(hub)).toEqual(MISSING);
    expect(await me(hub, '')).toEqual(MISSING);
  });

  it('issue 10.7: a malformed token is told apart from a missing one', async () => {
    const { token } = await hub.signIn(hub.ownerEmail, OWNER_PASSWORD);
    for (const header of [`Bearer ${token}!`, 'Bearer short', `Bearer ${'a'.repeat(201)}`, `Basic ${token}`, 'Bearer ', token]) {
      expect(await me(hub, header), header).toEqual(MALFORMED);
    }
  });

  it('issue 10.7: a well-formed token the hub does not know is a session that ended', async () => {
    expect(await me(hub, `Bearer ${randomBytes(32).toString('base64url')}`)).toEqual(ENDED);
  });

  it('issue 10.7: the scheme is read without case, as HTTP says', async () => {
    const { token } = await hub.signIn(hub.ownerEmail, OWNER_PASSWORD);
    expect((await me(hub, `bearer ${token}`)).status).toBe(200);
  });
});
