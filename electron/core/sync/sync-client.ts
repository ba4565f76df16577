// The desktop's connection to the hub for one workspace: subscribes from the
// replica's sequence number, applies snapshots and changes to the replica in
// one transaction each, reconnects with backoff, and sends requests, resending
// unanswered mutations (same mutation id) after a reconnect so each is applied
// exactly once.
import { randomUUID } from 'node:crypto';
import WebSocket from 'ws';
import { SESSION_END_MESSAGES } from '../../../shared/api/account-contract';
import type { ConnectionState } from '../../../shared/api/contract';
import type { ClientRequestType, HubError, Presence, ServerMessage, WorkspaceChanges } from '../../../shared/protocol';
import { CLOSE_CODES, isMutation, serverMessageSchema } from '../../../shared/protocol';
import type { ClientRequest } from '../../../shared/protocol';
import { ApiFailure, offlineFailure } from '../api-failure';
import type { Replica } from '../replica/replica';
import type { BackoffSettings } from './backoff';
import { backoffDelay, DEFAULT_BACKOFF } from './backoff';

export type SyncEvent =
  | { type: 'connection'; state: ConnectionState }
  | { type: 'snapshot' }
  | { type: 'changes'; seq: number; changes: WorkspaceChanges }
  | { type: 'presence'; presence: Presence[] }
  /** The member was revoked: the replica of this workspace has been wiped. */
  | { type: 'revoked'; message: string }
  /** The session is no longer valid (signed out, or expired): sign in again; `reason` says which in plain words. */
  | { type: 'session_ended'; reason: string };

export interface SyncClientOptions {
  hubUrl: string;
  token: string;
  workspaceId: string;
  replica: Replica;
  onEvent: (event: SyncEvent) => void;
  backoff?: BackoffSettings;
  /** How long an unanswered mutation waits for the connection to come back before it is reported. */
  mutationRetryWindowMs?: number;
  now?: () => number;
}

interface Pending {
  request: ClientRequest;
  resolve: (result: unknown) => void;
  reject: (error: ApiFailure) => void;
  giveUpTimer: NodeJS.Timeout | null;
}

type RequestBody = Record<string, unknown>;

const SESSION_ENDED_REASON = SESSION_END_MESSAGES.ended;
const SESSION_EXPIRED_REASON = SESSION_END_MESSAGES.expired;

export class SyncClient {
  private socket: WebSocket | null = null;
  private attempt = 0;
  private retryTimer: NodeJS.Timeout | null = null;
  private isStopped = false;
  private isSubscribed = false;
  private readonly pending = new Map<string, Pending>();
  private connection: ConnectionState = { status: 'connecting', detail: null, retryAt: null };
  private readonly now: () => number;

  constructor(private readonly options: SyncClientOptions) {
    this.now = options.now ?? Date.now;
  }

  get state(): ConnectionState {
    return this.connection;
  }

  start(): void {
    this.isStopped = false;
    this.connect();
  }

  stop(): void {
    this.isStopped = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.socket?.close(1000, 'closing');
    this.socket = null;
    for (const [id, pending] of this.pending) {
      if (pending.giveUpTimer) clearTimeout(pending.giveUpTimer);
      pending.reject(offlineFailure());
      this.pending.delete(id);
    }
  }

  /** Sends a hub request and resolves with its result, or rejects with the hub's refusal. */
  request<T extends ClientRequestType>(type: T, body: RequestBody, options: { isMutation: boolean }): Promise<unknown> {
    if (this.connection.status !== 'online') return Promise.reject(offlineFailure());
    const id = randomUUID();
    const request = { id, type, ...body, ...(options.isMutation ? { mutationId: randomUUID() } : {}) } as unknown as ClientRequest;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { request, resolve, reject, giveUpTimer: null });
      this.socket?.send(JSON.stringify(request));
    });
  }

  private setConnection(state: ConnectionState): void {
    this.connection = state;
    this.options.onEvent({ type: 'connection', state });
  }

  private connect(): void {
    if (this.isStopped) return;
    this.setConnection({ status: 'connecting', detail: null, retryAt: null });
    const url = `${this.options.hubUrl.replace(/^http/, 'ws').replace(/\/+$/, '')}/ws?workspace=${encodeURIComponent(this.options.workspaceId)}`;
    const socket = new WebSocket(url, { headers: { authorization: `Bearer ${this.options.token}` }, handshakeTimeout: 10_000 });
    this.socket = socket;
    this.isSubscribed = false;

    socket.on('open', () => {
      socket.send(JSON.stringify({ id: 'subscribe', type: 'subscribe', since: this.options.replica.seqOf(this.options.workspaceId) }));
    });
    // A stopped client may still see frames already in flight; they must not touch a closed replica.
    socket.on('message', (data) => {
      if (this.socket !== socket || this.isStopped) return;
      try {
        this.receive(data.toString());
      } catch {
        // The replica could not take it (disk full, a corrupt page): start again from a snapshot rather than crash.
        socket.send(JSON.stringify({ id: 'resubscribe', type: 'subscribe', since: null }));
      }
    });
    socket.on('unexpected-response', (_request, response) => {
      if (response.statusCode === 401) this.endSession(SESSION_ENDED_REASON);
      else if (response.statusCode === 403) this.revoked('You are no longer a member of this workspace.');
      else this.scheduleReconnect(`The hub refused the connection (${response.statusCode}).`);
      socket.terminate();
    });
    socket.on('error', () => undefined);
    socket.on('close', (code) => {
      if (this.socket !== socket) return;
      this.socket = null;
      if (code === CLOSE_CODES.revoked) return this.revoked('Your access to this workspace was revoked.');
      if (code === CLOSE_CODES.sessionEnded) return this.endSession(SESSION_ENDED_REASON);
      if (code === CLOSE_CODES.sessionExpired) return this.endSession(SESSION_EXPIRED_REASON);
      this.scheduleReconnect(code === CLOSE_CODES.goingAway ? 'The hub is restarting.' : 'The connection to the hub was lost.');
    });
  }

  private scheduleReconnect(detail: string): void {
    if (this.isStopped || this.retryTimer) return;
    const delay = backoffDelay(this.attempt, this.options.backoff ?? DEFAULT_BACKOFF);
    this.attempt += 1;
    this.setConnection({ status: 'offline', detail, retryAt: this.now() + delay });
    this.holdPendingRequests();
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      this.connect();
    }, delay);
  }

  /** Queries fail at once; mutations wait for the next connection to be resent. */
  private holdPendingRequests(): void {
    for (const [id, pending] of this.pending) {
      if (!isMutation(pending.request)) {
        this.pending.delete(id);
        pending.reject(new ApiFailure('offline', 'The connection to the hub was lost before it answered.'));
        continue;
      }
      pending.giveUpTimer ??= setTimeout(() => {
        this.pending.delete(id);
        pending.reject(
          new ApiFailure(
            'unconfirmed',
            'The connection to the hub was lost before it confirmed this change. It will not be applied twice; check the list once Gatehouse is back online.',
          ),
        );
      }, this.options.mutationRetryWindowMs ?? 20_000);
    }
  }

  private receive(text: string): void {
    let message: ServerMessage;
    try {
      message = serverMessageSchema.parse(JSON.parse(text));
    } catch {
      return;
    }
    const { replica, workspaceId } = this.options;
    switch (message.type) {
      case 'snapshot':
        replica.applySnapshot(message.seq, message.snapshot, this.now());
        this.options.onEvent({ type: 'snapshot' });
        return;
      case 'changes':
        if (replica.applyChanges(workspaceId, message.fromSeq, message.seq, message.changes, this.now())) {
          this.options.onEvent({ type: 'changes', seq: message.seq, changes: message.changes });
        } else {
          // A gap: the replica is not where these changes start. Ask for everything again.
          this.socket?.send(JSON.stringify({ id: 'resubscribe', type: 'subscribe', since: null }));
        }
        return;
      case 'presence':
        replica.applyPresence(workspaceId, message.presence);
        this.options.onEvent({ type: 'presence', presence: message.presence });
        return;
      case 'revoked':
        return this.revoked(message.message);
      case 'error':
        return;
      case 'reply':
        return this.settle(message);
    }
  }

  private settle(reply: Extract<ServerMessage, { type: 'reply' }>): void {
    if (reply.id === 'subscribe' || reply.id === 'resubscribe') {
      if (!reply.ok) return this.scheduleReconnect(reply.error.message);
      if (!this.isSubscribed) this.onSubscribed();
      return;
    }
    const pending = this.pending.get(reply.id);
    if (!pending) return;
    this.pending.delete(reply.id);
    if (pending.giveUpTimer) clearTimeout(pending.giveUpTimer);
    if (reply.ok) pending.resolve(reply.result);
    else pending.reject(failureFromHub(reply.error));
  }

  private onSubscribed(): void {
    this.isSubscribed = true;
    this.attempt = 0;
    this.setConnection({ status: 'online', detail: null, retryAt: null });
    // Resend what was not answered before the connection dropped: same mutation ids, applied once.
    for (const pending of this.pending.values()) {
      if (pending.giveUpTimer) clearTimeout(pending.giveUpTimer);
      pending.giveUpTimer = null;
      this.socket?.send(JSON.stringify(pending.request));
    }
  }

  private revoked(message: string): void {
    this.options.replica.wipeWorkspace(this.options.workspaceId);
    this.options.onEvent({ type: 'revoked', message });
    this.stop();
    this.setConnection({ status: 'offline', detail: message, retryAt: null });
  }

  private endSession(reason: string): void {
    this.options.onEvent({ type: 'session_ended', reason });
    this.stop();
    this.setConnection({ status: 'offline', detail: reason, retryAt: null });
  }
}

export function failureFromHub(error: HubError): ApiFailure {
  return new ApiFailure(error.code, error.message, error.rule, error.current);
}
