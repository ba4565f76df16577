// Issue 10.7 (c): a reply for every request. A member revoked while requests
// are queued or in flight on their socket gets one reply per request (the
// one in flight finishes; the queued ones are refused as unauthorized), then
// the `revoked` message, then close 4003. The request in flight is held by a
// real SMTP server that answers only when the test lets it, so the revoke
// lands while the queue is full.
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { NO_RESTRICTIONS } from '../shared/policy';
import type { ServerMessage } from '../shared/protocol';
import { CLOSE_CODES } from '../shared/protocol';
import { TestClient } from './testing/test-client';
import type { TestHub } from './testing/test-hub';
import { MEMBER_PASSWORD, OWNER_PASSWORD, startTestHub } from './testing/test-hub';

/** An SMTP server that, while held, keeps each message unanswered until released. */
interface HeldSmtp {
  url: string;
  hold(): { received: Promise<void>; release: () => void };
  close(): Promise<void>;
}

async function startHeldSmtp(): Promise<HeldSmtp> {
  let gate: { onReceived: () => void; released: Promise<void> } | null = null;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    onData(stream, _session, callback) {
      stream.resume();
      stream.on('end', () => {
        const held = gate;
        if (!held) return callback();
        held.onReceived();
        void held.released.then(() => callback());
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    hold() {
      let onReceived = (): void => undefined;
      let release = (): void => undefined;
      const received = new Promise<void>((resolve) => (onReceived = resolve));
      const released = new Promise<void>((resolve) => (release = resolve));
      gate = { onReceived, released };
      return { received, release };
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

function repliesById(messages: ServerMessage[]): Map<string, Array<Extract<ServerMessage, { type: 'reply' }>>> {
  const byId = new Map<string, Array<Extract<ServerMessage, { type: 'reply' }>>>();
  for (const message of messages) {
    if (message.type !== 'reply') continue;
    byId.set(message.id, [...(byId.get(message.id) ?? []), message]);
  }
  return byId;
}

describe('a reply for every request', () => {
  let smtp: HeldSmtp;
  let hub: TestHub;
  let owner: TestClient;

  beforeEach(async () => {
    smtp = await startHeldSmtp();
    hub = await startTestHub({ mail: { smtpUrl: smtp.url, from: 'Gatehouse <hub@example.com>' } });
    owner = await hub.connect(hub.ownerEmail, OWNER_PASSWORD);
  });
  afterEach(async () => {
    await hub.stop();
    await smtp.close();
  });

  it('issue 10.7: requests queued or in flight when the member is revoked each get exactly one reply before close 4003', async () => {
    const managerId = await hub.addMember(owner, 'leaving@example.com', 'manager');
    const manager = await hub.connect('leaving@example.com', MEMBER_PASSWORD);
    const closed = manager.closed();
    const { received, release } = smtp.hold();

    // One socket write burst: an invitation whose email the SMTP server holds, then requests queued behind it.
    const ids: string[] = ['burst-invite'];
    manager.sendRaw(
      JSON.stringify({
        id: 'burst-invite',
        type: 'member.invite',
        mutationId: 'burst-invite-1',
        input: { email: 'newcomer@example.com', level: 'agent', restrictions: NO_RESTRICTIONS },
      }),
    );
    for (let index = 0; index < 20; index += 1) {
      const id = `burst-${index}`;
      ids.push(id);
      const body = index % 3 === 0 ? { type: 'activity' } : index % 3 === 1 ? { type: 'members.export' } : { type: 'subscribe', since: null };
      manager.sendRaw(JSON.stringify({ id, ...body }));
    }

    await received;
    await owner.mutate('member.revoke', { input: { memberId: managerId, reassignContactsTo: null } });
    release();

    expect(await closed).toBe(CLOSE_CODES.revoked);
    const replies = repliesById(manager.received);
    for (const id of ids) expect(replies.get(id)?.length, id).toBe(1);
    expect([...replies.keys()].filter((id) => id.startsWith('burst'))).toEqual(ids);

    // The invitation was applied before the revoke: its answer says so. What was queued behind it was refused.
    expect(replies.get('burst-invite')?.[0]).toMatchObject({ ok: true, result: { isEmailed: true } });
    for (const id of ids.slice(1)) {
      expect(replies.get(id)?.[0], id).toMatchObject({ ok: false, error: { code: 'unauthorized', message: 'You are no longer a member of this workspace.' } });
    }
    // The revoked message comes after every reply, right before the close.
    const types = manager.received.map((message) => message.type);
    expect(types.at(-1)).toBe('revoked');
    expect(types.filter((type) => type === 'revoked')).toHaveLength(1);
  });

  it('issue 10.7: a request from a member revoked while not subscribed is answered, then the socket closes with 4003', async () => {
    const agentId = await hub.addMember(owner, 'quiet@example.com', 'agent');
    const session = await hub.signIn('quiet@example.com', MEMBER_PASSWORD);
    const agent = await TestClient.open(hub.hub.socketUrl, session.token, hub.workspaceId);
    const closed = agent.closed();
    await owner.mutate('member.revoke', { input: { memberId: agentId, reassignContactsTo: null } });
    const reply = await agent.request('activity');
    expect(reply).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    expect(await closed).toBe(CLOSE_CODES.revoked);
    expect(agent.received.at(-1)).toMatchObject({ type: 'revoked' });
  });
});
