// Protocol fuzzing (fast-check): malformed, truncated, oversized, wrong-type
// and out-of-order frames from authenticated and unauthenticated sockets. The
// hub stays up, answers each with an error or closes the socket with a named
// code, and the store is unchanged.
import fc from 'fast-check';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLOSE_CODES, MAX_CLIENT_FRAME_BYTES } from '../shared/protocol';
import type { TestHub } from './testing/test-hub';
import { OWNER_PASSWORD, startTestHub } from './testing/test-hub';

const FRAMES = Number(process.env['GATEHOUSE_FUZZ_FRAMES'] ?? 10_000);
const NAMED_CLOSES = new Set<number>([CLOSE_CODES.messageTooBig, CLOSE_CODES.tooManyErrors, CLOSE_CODES.subscribeTimeout]);

let hub: TestHub;
let token: string;

beforeAll(async () => {
  hub = await startTestHub({ subscribeTimeoutMs: 60_000 });
  token = (await hub.signIn(hub.ownerEmail, OWNER_PASSWORD)).token;
});
afterAll(() => hub.stop());

const TYPES = ['subscribe', 'activity', 'member.invite', 'member.edit', 'member.revoke', 'team.create', 'contact.delete', 'nope', '', 42, null];

/** Frames that are wrong in every way a client could get them wrong. */
const badFrame: fc.Arbitrary<string> = fc.oneof(
  fc.string({ maxLength: 200 }),
  fc.json().filter((text) => !text.startsWith('{')),
  fc.constantFrom('{', '{"id":', '{"id":"1","type":"member.invite","mutationId":"abcdefgh","input":{', '[1,2', '"\\u', 'null', 'true'),
  fc.record({ id: fc.oneof(fc.string(), fc.integer(), fc.constant(null)), type: fc.constantFrom(...TYPES) }).map((value) => JSON.stringify(value)),
  fc
    .record({
      id: fc.string({ minLength: 1, maxLength: 10 }),
      type: fc.constantFrom('member.invite', 'member.edit', 'member.revoke', 'team.create', 'contact.set_detail'),
      mutationId: fc.oneof(fc.string({ maxLength: 70 }), fc.integer()),
      input: fc.anything(),
      name: fc.anything(),
    })
    .map((value) => JSON.stringify(value)),
  fc.json().map((text) => text.slice(0, Math.max(1, Math.floor(text.length / 2)))),
);

function openSocket(headers: Record<string, string>): Promise<WebSocket | number> {
  return new Promise((resolve) => {
    const socket = new WebSocket(`${hub.hub.socketUrl}?workspace=${hub.workspaceId}`, { headers });
    socket.once('open', () => resolve(socket));
    socket.once('unexpected-response', (_request, response) => resolve(response.statusCode ?? 0));
    socket.once('error', () => resolve(0));
  });
}

/** Sends frames one at a time; each must get an answer or a named close. */
async function sendAll(frames: string[]): Promise<{ answered: number; closed: number[] }> {
  let answered = 0;
  const closed: number[] = [];
  let socket: WebSocket | null = null;
  for (const frame of frames) {
    if (!socket || socket.readyState !== WebSocket.OPEN) {
      const opened = await openSocket({ authorization: `Bearer ${token}` });
      if (typeof opened === 'number') throw new Error(`could not reconnect (${opened})`);
      socket = opened;
    }
    const current: WebSocket = socket;
    const outcome = await new Promise<'answer' | number>((resolve) => {
      const onMessage = () => finish('answer');
      const onClose = (code: number) => finish(code);
      const finish = (result: 'answer' | number) => {
        current.off('message', onMessage);
        current.off('close', onClose);
        resolve(result);
      };
      current.on('message', onMessage);
      current.on('close', onClose);
      current.send(frame);
    });
    if (outcome === 'answer') answered += 1;
    else closed.push(outcome);
  }
  socket?.close();
  return { answered, closed };
}

describe('protocol fuzzing', () => {
  it(`answers ${FRAMES} malformed frames from a signed-in socket with errors, never a crash or a change`, async () => {
    const seqBefore = (await hub.hub.store.workspaces.byId(hub.workspaceId))?.seq;
    const frames = fc.sample(badFrame, { numRuns: FRAMES, seed: 42 });
    const { answered, closed } = await sendAll(frames);
    expect(answered + closed.length).toBe(FRAMES);
    for (const code of closed) expect(NAMED_CLOSES.has(code)).toBe(true);
    expect((await hub.hub.store.workspaces.byId(hub.workspaceId))?.seq).toBe(seqBefore);
    expect(await hub.hub.store.teams.inWorkspace(hub.workspaceId)).toEqual([]);
    expect(await hub.hub.store.integrityCheck()).toBe('ok');
    // Still serving.
    const owner = await hub.connect(hub.ownerEmail, OWNER_PASSWORD);
    await expect(owner.mutate('team.create', { name: 'After the storm' })).resolves.toBeDefined();
  });

  it('closes oversized frames with 1009 and keeps serving', async () => {
    const { closed } = await sendAll(['{"id":"big","type":"activity","pad":"' + 'x'.repeat(MAX_CLIENT_FRAME_BYTES) + '"}']);
    expect(closed).toEqual([CLOSE_CODES.messageTooBig]);
  });

  it('refuses unauthenticated and forged upgrades before any frame is read', async () => {
    const attempts = fc.sample(
      fc.oneof(
        fc.constant({}),
        fc.string({ maxLength: 60 }).map((value) => ({ authorization: `Bearer ${value}` })),
        fc.string({ maxLength: 60 }).map((value) => ({ authorization: value })),
        fc.webUrl().map((origin) => ({ authorization: `Bearer ${token}`, origin })),
      ),
      { numRuns: 200, seed: 7 },
    );
    for (const headers of attempts) {
      const result = await openSocket(headers as Record<string, string>);
      if (typeof result !== 'number') {
        result.close();
        throw new Error(`an upgrade with ${JSON.stringify(headers)} was accepted`);
      }
      expect([401, 403, 0]).toContain(result);
    }
  });
});
