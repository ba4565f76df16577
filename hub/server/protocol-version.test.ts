// Issue 10.2: a client states its protocol version when it opens the socket;
// a hub refuses a version it does not serve (newer than its own, or older than
// the oldest it still serves) with 426, its own version in a header and a
// JSON reason saying which side is behind. A client that states none is taken
// as version 1, as every client before versions were stated; issue 12: this
// hub still serves it (its snapshots come as one message).
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OLDEST_PROTOCOL_VERSION, PROTOCOL_VERSION, PROTOCOL_VERSION_HEADER } from '../../shared/protocol';
import type { TestHub } from '../testing';
import { OWNER_PASSWORD, startTestHub } from '../testing';

let hub: TestHub;
let token: string;

beforeAll(async () => {
  hub = await startTestHub();
  token = (await hub.signIn(hub.ownerEmail, OWNER_PASSWORD)).token;
});
afterAll(() => hub.stop());

interface Answer {
  status: number;
  header: string | undefined;
  body: { error?: { code: string; message: string } } | null;
}

/** Opens a raw socket with the given query and resolves with how the hub answered the upgrade. */
function openWith(query: string, target: TestHub = hub): Promise<Answer> {
  const socket = new WebSocket(`${target.hub.socketUrl}?workspace=${encodeURIComponent(target.workspaceId)}${query}`, { headers: { authorization: `Bearer ${token}` } });
  return new Promise((resolve, reject) => {
    socket.once('open', () => {
      socket.close();
      resolve({ status: 101, header: undefined, body: null });
    });
    socket.once('unexpected-response', (_request, response) => {
      let text = '';
      response.on('data', (chunk: Buffer) => (text += chunk.toString()));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, header: response.headers[PROTOCOL_VERSION_HEADER] as string | undefined, body: JSON.parse(text) as Answer['body'] }));
    });
    socket.once('error', (error) => {
      if (!error.message.includes('Unexpected server response')) reject(error);
    });
  });
}

describe('issue 10.2: the protocol version at connect', () => {
  it('issue 10.2: a client stating a newer version is refused with 426, the hub version, and a reason saying the hub is older', async () => {
    const answer = await openWith(`&v=${PROTOCOL_VERSION + 1}`);
    expect(answer.status).toBe(426);
    expect(answer.header).toBe(String(PROTOCOL_VERSION));
    expect(answer.body?.error?.code).toBe('hub_outdated');
    expect(answer.body?.error?.message).toContain('the hub needs an update');
  });

  it('issue 10.2 / 12: a client stating this version, any older one the hub still serves, or none (version 1), is let in', async () => {
    expect((await openWith(`&v=${PROTOCOL_VERSION}`)).status).toBe(101);
    for (let version = OLDEST_PROTOCOL_VERSION; version < PROTOCOL_VERSION; version += 1) expect((await openWith(`&v=${version}`)).status).toBe(101);
    expect((await openWith('')).status).toBe(101);
  });

  it('issue 10.2: a version that is not a positive whole number is refused with 400', async () => {
    const answer = await openWith('&v=two');
    expect(answer.status).toBe(400);
    expect(answer.body?.error?.code).toBe('invalid_message');
  });

  it('issue 10.2: a hub on a newer version that no longer serves the client\'s tells it that it needs an update', async () => {
    const newer = await startTestHub({ protocolVersion: PROTOCOL_VERSION + 1, oldestProtocolVersion: PROTOCOL_VERSION + 1 });
    try {
      token = (await newer.signIn(newer.ownerEmail, OWNER_PASSWORD)).token;
      const answer = await openWith('', newer);
      expect(answer.status).toBe(426);
      expect(answer.header).toBe(String(PROTOCOL_VERSION + 1));
      expect(answer.body?.error?.code).toBe('client_outdated');
    } finally {
      await newer.stop();
      token = (await hub.signIn(hub.ownerEmail, OWNER_PASSWORD)).token;
    }
  });
});
