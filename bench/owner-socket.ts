// The socket a benchmark makes its changes through: signed in as a
// workspace's Owner, subscribed as a desktop is, sending requests one at a
// time and awaiting each reply. A refused request fails the benchmark with
// the hub's reason: a change that never happened must not be timed.
import { randomUUID } from 'node:crypto';
import WebSocket from 'ws';

export const SUBSCRIBE_FRAME = JSON.stringify({ id: 's', type: 'subscribe', since: null });
/** In the presence list that ends every subscribe's answer: a socket is ready once it arrives. */
export const PRESENCE_MARK = '"type":"presence"';

interface Reply {
  type: 'reply';
  id: string;
  ok: boolean;
  result?: unknown;
  error?: { code: string; message: string };
}

export class OwnerSocket {
  private nextId = 1;

  private constructor(readonly socket: WebSocket) {}

  /** Opens and subscribes; resolves once the hub has answered with its presence list. */
  static open(url: string, token: string): Promise<OwnerSocket> {
    return new Promise((resolve, reject) => {
      const socket = new WebSocket(url, { headers: { authorization: `Bearer ${token}` }, perMessageDeflate: false });
      const onMessage = (data: WebSocket.RawData) => {
        if (!data.toString().includes(PRESENCE_MARK)) return;
        socket.off('message', onMessage);
        resolve(new OwnerSocket(socket));
      };
      socket.on('message', onMessage);
      socket.once('open', () => socket.send(SUBSCRIBE_FRAME));
      socket.once('unexpected-response', (_request, response) => reject(new Error(`the hub refused the Owner's socket with ${response.statusCode}`)));
      socket.once('error', reject);
    });
  }

  /** Sends a mutation (a fresh mutationId) now; the returned promise is its result. */
  mutate<T>(type: string, fields: Record<string, unknown>): Promise<T> {
    const id = `bench-${this.nextId++}`;
    const replied = new Promise<T>((resolve, reject) => {
      const onMessage = (data: WebSocket.RawData) => {
        const text = data.toString();
        if (!text.includes('"type":"reply"')) return;
        const reply = JSON.parse(text) as Reply;
        if (reply.type !== 'reply' || reply.id !== id) return;
        this.socket.off('message', onMessage);
        if (reply.ok) resolve(reply.result as T);
        else reject(new Error(`${type} refused: ${reply.error?.code}: ${reply.error?.message}`));
      };
      this.socket.on('message', onMessage);
    });
    this.socket.send(JSON.stringify({ id, type, mutationId: randomUUID(), ...fields }));
    return replied;
  }

  close(): void {
    this.socket.terminate();
  }
}

/**
 * Invites a member through the Owner's socket and accepts the invitation over
 * HTTP as the invitee would; returns the member's id and a signed-in token.
 */
export async function inviteMember(owner: OwnerSocket, hubUrl: string, email: string, password: string): Promise<{ memberId: string; token: string }> {
  const { member, inviteUrl } = await owner.mutate<{ member: { id: string }; inviteUrl: string | null }>('member.invite', { input: { email, level: 'manager' } });
  if (inviteUrl === null) throw new Error(`the hub gave no invitation link for ${email}`);
  const response = await fetch(`${hubUrl}/api/invitations/accept`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ token: inviteUrl.split('/').pop(), displayName: 'Second', password }),
  });
  if (!response.ok) throw new Error(`accepting the invitation of ${email} refused with ${response.status}: ${await response.text()}`);
  const { token } = (await response.json()) as { token: string };
  return { memberId: member.id, token };
}
