// A raw WebSocket client for tests: sends protocol frames by hand (it is not
// the app's sync client) and keeps every frame it received, so tests can
// assert on exactly what crossed the wire.
import { randomUUID } from 'node:crypto';
import WebSocket from 'ws';
import type { ClientRequestType, HubError, RequestResult, ServerMessage, ServerMessageOf } from '../../shared/protocol';

type Body<T extends ClientRequestType> = Record<string, unknown> & { type?: T };

export class HubRequestError extends Error {
  constructor(readonly error: HubError) {
    super(`${error.code}: ${error.message}`);
  }
}

export class TestClient {
  readonly received: ServerMessage[] = [];
  readonly rawFrames: string[] = [];
  private waiters: Array<{ match: (message: ServerMessage) => boolean; resolve: (message: ServerMessage) => void }> = [];
  private nextId = 1;
  closeCode: number | null = null;
  lastSeq = 0;

  private constructor(readonly socket: WebSocket) {
    socket.on('message', (data) => {
      const text = data.toString();
      this.rawFrames.push(text);
      const message = JSON.parse(text) as ServerMessage;
      if (message.type === 'snapshot' || message.type === 'changes') this.lastSeq = message.seq;
      this.received.push(message);
      this.waiters = this.waiters.filter((waiter) => {
        if (!waiter.match(message)) return true;
        waiter.resolve(message);
        return false;
      });
    });
    socket.on('close', (code) => {
      this.closeCode = code;
    });
  }

  static open(socketUrl: string, token: string, workspaceId: string, headers: Record<string, string> = {}): Promise<TestClient> {
    const socket = new WebSocket(`${socketUrl}?workspace=${encodeURIComponent(workspaceId)}`, {
      headers: { authorization: `Bearer ${token}`, ...headers },
    });
    const client = new TestClient(socket);
    return new Promise((resolve, reject) => {
      socket.once('open', () => resolve(client));
      socket.once('unexpected-response', (_request, response) => reject(new Error(`refused with ${response.statusCode}`)));
      socket.once('error', reject);
    });
  }

  /** Resolves with the first matching message, among those already received or still to come. */
  waitFor<T extends ServerMessage['type']>(
    type: T,
    predicate: (message: ServerMessageOf<T>) => boolean = () => true,
    timeoutMs = 3_000,
  ): Promise<ServerMessageOf<T>> {
    const match = (message: ServerMessage): boolean => message.type === type && predicate(message as ServerMessageOf<T>);
    const already = this.received.find(match);
    if (already) return Promise.resolve(already as ServerMessageOf<T>);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no ${type} message within ${timeoutMs} ms`)), timeoutMs);
      this.waiters.push({
        match,
        resolve: (message) => {
          clearTimeout(timer);
          resolve(message as ServerMessageOf<T>);
        },
      });
    });
  }

  sendRaw(frame: string | Buffer): void {
    this.socket.send(frame);
  }

  /** Sends a request and resolves with its reply (ok or not). */
  async request<T extends ClientRequestType>(type: T, body: Body<T> = {}): Promise<ServerMessageOf<'reply'>> {
    const id = `r${this.nextId++}`;
    const reply = this.waitFor('reply', (message) => message.id === id);
    this.socket.send(JSON.stringify({ id, type, ...body }));
    return reply;
  }

  /** Sends a request and returns its result, or throws the hub's error. */
  async call<T extends ClientRequestType>(type: T, body: Body<T> = {}): Promise<RequestResult<T>> {
    const reply = await this.request(type, body);
    if (!reply.ok) throw new HubRequestError(reply.error);
    return reply.result as RequestResult<T>;
  }

  /** A mutation with a fresh mutation id (pass one to retry). */
  mutate<T extends ClientRequestType>(type: T, body: Body<T> = {}, mutationId: string = randomUUID()): Promise<RequestResult<T>> {
    return this.call(type, { mutationId, ...body });
  }

  async subscribe(since: number | null): Promise<RequestResult<'subscribe'>> {
    return this.call('subscribe', { since });
  }

  snapshots(): Array<ServerMessageOf<'snapshot'>> {
    return this.received.filter((message): message is ServerMessageOf<'snapshot'> => message.type === 'snapshot');
  }

  closed(): Promise<number> {
    if (this.closeCode !== null) return Promise.resolve(this.closeCode);
    return new Promise((resolve) => this.socket.once('close', (code) => resolve(code)));
  }

  close(): void {
    this.socket.close();
  }
}
