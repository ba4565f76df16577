// The desktop's connection to the hub for one workspace: subscribes from the
// replica's sequence number, applies snapshots and changes to the replica in
// one transaction each (a snapshot streamed in parts is staged as it comes,
// its progress reported, and committed whole at its end: snapshot-intake.ts),
// reconnects with backoff, and sends typed requests, resending unanswered
// mutations (same mutation id) after a reconnect so each is applied exactly
// once. Everything it drops or is refused is logged with
// the reason: a packaged app has no terminal, so the log file is the only
// place a support person can read why a desktop fell behind.
import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import pino from 'pino';
import WebSocket from 'ws';
import { SESSION_END_MESSAGES } from '../../../shared/api/account-contract';
import type { ConnectionState } from '../../../shared/api/contract';
import type { SyncProgress } from '../../../shared/api/sync-progress';
import type {
  ClientRequest,
  ClientRequestType,
  AccessEndingNotice,
  HubError,
  Presence,
  RecordKind,
  RequestInput,
  RequestResult,
  RevokedMessage,
  ServerMessageOf,
  UnreadableRecord,
  WorkspaceChanges,
} from '../../../shared/protocol';
import {
  CLOSE_CODES,
  isMutation,
  MUTATION_TYPES,
  PROTOCOL_VERSION,
  PROTOCOL_VERSION_HEADER,
  readServerMessage,
  RECORD_KINDS,
  requestResultSchemas,
} from '../../../shared/protocol';
import type { RequestProgress } from '../../../shared/protocol/bulk-invitations';
import { ApiFailure, offlineFailure } from '../api-failure';
import type { Replica } from '../replica/replica';
import { SnapshotIntake } from './snapshot-intake';
import type { BackoffSettings } from './backoff';
import { backoffDelay, DEFAULT_BACKOFF } from './backoff';
import { readRefusalMessage } from './refusal-message';

/** Why the hub revoked this member (issue 13.2): an admin did, or their access end date came. */
export type RevokeReason = RevokedMessage['reason'];

/** How many records of each kind the hub sent that this version could not read, in what the replica holds now. */
export type UnreadableCounts = Record<RecordKind, number>;

export type SyncEvent =
  | { type: 'connection'; state: ConnectionState }
  | { type: 'snapshot' }
  /** How far a streamed snapshot has got: as it starts, after each part, and when it is in (or abandoned). */
  | { type: 'progress'; progress: SyncProgress }
  | { type: 'changes'; seq: number; changes: WorkspaceChanges }
  | { type: 'presence'; presence: Presence[] }
  /**
   * The member was revoked: the replica of this workspace has been wiped.
   * `reason` access_ended: their access end date came (issue 13.2), `accessUntil` says when.
   */
  | { type: 'revoked'; message: string; reason: RevokeReason; accessUntil: number | null }
  /** Issue 13.2: the hub warns that these members' access ends soon (this person's own, or members they manage). */
  | { type: 'access_ending'; notices: AccessEndingNotice[] }
  /** The session is no longer valid (signed out, or expired): sign in again; `reason` says which in plain words. */
  | { type: 'session_ended'; reason: string }
  /**
   * Records left out of the replica because this version cannot read them;
   * sent whenever the counts change (all zero once a clean snapshot arrives).
   */
  | { type: 'unreadable'; counts: UnreadableCounts }
  /**
   * The hub speaks another protocol version: nothing is retried until
   * reconnectNow(). `message` is the sentence to show (also the connection's detail).
   */
  | { type: 'incompatible'; isClientOlder: boolean; hubVersion: number | null; message: string };

export interface SyncClientOptions {
  hubUrl: string;
  token: string;
  workspaceId: string;
  replica: Replica;
  onEvent: (event: SyncEvent) => void;
  backoff?: BackoffSettings;
  /** How long an unanswered mutation waits for the connection to come back before it is reported. */
  mutationRetryWindowMs?: number;
  /** Where every dropped frame, refusal and reconnect is written with its reason (silent when left out). */
  logger?: Logger;
  now?: () => number;
}

interface Pending {
  type: ClientRequestType;
  request: ClientRequest;
  resolve: (result: unknown) => void;
  reject: (error: ApiFailure) => void;
  giveUpTimer: NodeJS.Timeout | null;
  /** Told of each progress frame the hub sends for this request (a bulk invitation), before its reply. */
  onProgress?: ((progress: RequestProgress) => void) | undefined;
}

/** What a caller may ask of one request besides its input. */
export interface RequestOptions {
  isMutation?: boolean;
  onProgress?: (progress: RequestProgress) => void;
}

const SESSION_ENDED_REASON = SESSION_END_MESSAGES.ended;
const SESSION_EXPIRED_REASON = SESSION_END_MESSAGES.expired;

export const CLIENT_OLDER_MESSAGE = 'This hub needs a newer Gatehouse. Update Gatehouse to connect to it.';
export const CLIENT_NEWER_MESSAGE = 'This hub is older than this Gatehouse; ask its operator to update it.';
const UNREADABLE_ANSWER = 'The hub sent an answer this version of Gatehouse cannot read. Nothing was shown; try again, or update Gatehouse.';

const SUBSCRIBE_IDS = new Set(['subscribe', 'resubscribe']);

export class SyncClient {
  private socket: WebSocket | null = null;
  private attempt = 0;
  private retryTimer: NodeJS.Timeout | null = null;
  /** A failed apply waits here before asking for a snapshot, so a replica that keeps failing is not hammered. */
  private resyncTimer: NodeJS.Timeout | null = null;
  private resyncAttempt = 0;
  private isStopped = false;
  /** Set when the hub speaks another protocol version: no retry until reconnectNow(). */
  private isHalted = false;
  private isSubscribed = false;
  private readonly pending = new Map<string, Pending>();
  private connection: ConnectionState = { status: 'connecting', detail: null, retryAt: null };
  private readonly unreadable: Record<RecordKind, Set<string>> = { members: new Set(), teams: new Set(), contacts: new Set() };
  private reportedUnreadable = '0,0,0';
  /** Streamed snapshots (protocol version 2), staged in the replica as their parts come. */
  private readonly intake: SnapshotIntake;
  private readonly now: () => number;
  private readonly log: Logger;

  constructor(private readonly options: SyncClientOptions) {
    this.now = options.now ?? Date.now;
    this.log = (options.logger ?? pino({ level: 'silent' })).child({ component: 'sync', workspaceId: options.workspaceId });
    this.intake = new SnapshotIntake({
      replica: options.replica,
      workspaceId: options.workspaceId,
      log: this.log,
      now: () => this.now(),
      emit: (event) => options.onEvent(event),
      isWaitingToResync: () => this.resyncTimer !== null,
      failed: (error) => this.resyncLater(error),
      committed: (unreadable) => this.snapshotApplied(unreadable),
      applyPresence: (presence) => this.applyPresence(presence),
    });
  }

  get state(): ConnectionState {
    return this.connection;
  }

  /** What the replica lacks because the hub sent records this version cannot read. */
  get unreadableCounts(): UnreadableCounts {
    return { members: this.unreadable.members.size, teams: this.unreadable.teams.size, contacts: this.unreadable.contacts.size };
  }

  start(): void {
    this.isStopped = false;
    this.connect();
  }

  stop(): void {
    this.isStopped = true;
    this.intake.abandon('the sync client stopped', true);
    this.clearTimers();
    this.socket?.close(1000, 'closing');
    this.socket = null;
    for (const [id, pending] of this.pending) {
      if (pending.giveUpTimer) clearTimeout(pending.giveUpTimer);
      pending.reject(offlineFailure());
      this.pending.delete(id);
    }
  }

  /**
   * "Reconnect now": skips the rest of the backoff wait (or the stop after a
   * version mismatch) and connects at once. Does nothing while connected or
   * connecting, or once the client was stopped.
   */
  reconnectNow(): void {
    if (this.isStopped || this.socket) return;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
    this.isHalted = false;
    this.log.info('reconnecting now, as asked');
    this.connect();
  }

  /**
   * Sends a hub request and resolves with its result, parsed with the
   * protocol's schema for that type; rejects with the hub's refusal, or with
   * `hub_error` when the answer cannot be read.
   */
  request<T extends ClientRequestType>(type: T, input: RequestInput<T>, options?: RequestOptions): Promise<RequestResult<T>>;
  /** The untyped form the desktop core used before requests were typed; the answer is still parsed. */
  request(type: ClientRequestType, body: Record<string, unknown>, options: RequestOptions & { isMutation: boolean }): Promise<unknown>;
  request(type: ClientRequestType, input: object, options: RequestOptions = {}): Promise<unknown> {
    if (this.connection.status !== 'online') return Promise.reject(offlineFailure());
    const id = randomUUID();
    const hasMutationId = options.isMutation ?? MUTATION_TYPES.has(type);
    // The hub checks the request against the same schema; the cast only adds what the caller may not write.
    const request = { ...input, id, type, ...(hasMutationId ? { mutationId: randomUUID() } : {}) } as ClientRequest;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { type, request, resolve, reject, giveUpTimer: null, onProgress: options.onProgress });
      this.socket?.send(JSON.stringify(request));
    });
  }

  private setConnection(state: ConnectionState): void {
    this.connection = state;
    this.options.onEvent({ type: 'connection', state });
  }

  private socketUrl(): string {
    const base = this.options.hubUrl.replace(/^http/, 'ws').replace(/\/+$/, '');
    return `${base}/ws?workspace=${encodeURIComponent(this.options.workspaceId)}&v=${PROTOCOL_VERSION}`;
  }

  private connect(): void {
    if (this.isStopped || this.isHalted) return;
    this.setConnection({ status: 'connecting', detail: null, retryAt: null });
    const socket = new WebSocket(this.socketUrl(), { headers: { authorization: `Bearer ${this.options.token}` }, handshakeTimeout: 10_000 });
    this.socket = socket;
    this.isSubscribed = false;

    socket.on('open', () => {
      const since = this.options.replica.seqOf(this.options.workspaceId);
      this.log.info({ since }, 'connected; subscribing');
      socket.send(JSON.stringify({ id: 'subscribe', type: 'subscribe', since }));
    });
    // A stopped client may still see frames already in flight; they must not touch a closed replica.
    socket.on('message', (data) => {
      if (this.socket !== socket || this.isStopped) return;
      this.receive(data.toString());
    });
    socket.on('unexpected-response', (_request, response) => {
      const status = response.statusCode ?? 0;
      this.log.warn({ status }, 'the hub refused the connection');
      this.socket = null;
      if (status === 428) {
        // The hub says what to do first, in its words (two-step sign-in required, issue 13.5); read it before letting go.
        void readRefusalMessage(response).then((message) => {
          socket.terminate();
          if (this.socket === null) this.scheduleReconnect(message ?? 'The hub refused the connection until two-step sign-in is set up.');
        });
        return;
      }
      socket.terminate();
      if (status === 401) this.endSession(SESSION_ENDED_REASON);
      else if (status === 403) this.revoked('You are no longer a member of this workspace.');
      else if (status === 426) this.incompatible(Number(response.headers[PROTOCOL_VERSION_HEADER]));
      else this.scheduleReconnect(`The hub refused the connection (${status}).`);
    });
    socket.on('error', (error) => {
      if (this.socket === socket) this.log.warn({ reason: error.message }, 'connection error');
    });
    socket.on('close', (code, reason) => {
      if (this.socket !== socket) return;
      this.socket = null;
      this.intake.abandon('the connection closed');
      this.log.info({ code, reason: reason.toString() }, 'connection closed');
      if (code === CLOSE_CODES.revoked) return this.revoked('Your access to this workspace was revoked.');
      if (code === CLOSE_CODES.sessionEnded) return this.endSession(SESSION_ENDED_REASON);
      if (code === CLOSE_CODES.sessionExpired) return this.endSession(SESSION_EXPIRED_REASON);
      this.scheduleReconnect(code === CLOSE_CODES.goingAway ? 'The hub is restarting.' : 'The connection to the hub was lost.');
    });
  }

  private clearTimers(): void {
    if (this.retryTimer) clearTimeout(this.retryTimer);
    if (this.resyncTimer) clearTimeout(this.resyncTimer);
    this.retryTimer = null;
    this.resyncTimer = null;
  }

  private scheduleReconnect(detail: string): void {
    if (this.isStopped || this.isHalted || this.retryTimer) return;
    if (this.resyncTimer) clearTimeout(this.resyncTimer);
    this.resyncTimer = null;
    const delay = backoffDelay(this.attempt, this.options.backoff ?? DEFAULT_BACKOFF);
    this.attempt += 1;
    this.log.info({ reason: detail, attempt: this.attempt, delayMs: delay }, 'reconnecting after a wait');
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
      const { mutationId } = pending.request;
      pending.giveUpTimer ??= setTimeout(() => {
        this.pending.delete(id);
        this.log.warn({ type: pending.type, mutationId }, 'gave up waiting to confirm a change');
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
    const read = readServerMessage(text);
    if (!read.ok) {
      this.log.warn({ reason: read.reason, bytes: text.length }, 'dropped a frame that could not be read');
      return;
    }
    const { message, unreadable } = read;
    for (const record of unreadable) this.log.warn(record, 'left out a record this version cannot read');
    switch (message.type) {
      case 'snapshot':
        this.intake.abandon('a whole snapshot came instead');
        return this.applySnapshot(message, unreadable);
      case 'snapshot.begin':
        return this.intake.begin(message);
      case 'snapshot.part':
        return this.intake.part(message, unreadable);
      case 'snapshot.end':
        return this.intake.end(message);
      case 'changes':
        // The hub sends none inside a snapshot; should one come, the seq check after the snapshot asks again.
        if (this.intake.isTaking) return this.log.warn({ fromSeq: message.fromSeq, seq: message.seq }, 'dropped changes sent in the middle of a snapshot');
        return this.applyChanges(message, unreadable);
      case 'presence':
        // The staging transaction holds the replica's write lock: presence waits for the snapshot.
        if (this.intake.isTaking) return this.intake.holdPresence(message.presence);
        return this.applyPresence(message.presence);
      case 'revoked':
        return this.revoked(message.message, message.reason, message.accessUntil);
      case 'access_ending':
        this.log.info({ members: message.notices.length }, 'the hub warned that access ends soon');
        return this.options.onEvent({ type: 'access_ending', notices: message.notices });
      case 'error':
        this.log.warn({ code: message.error.code, reason: message.error.message }, 'the hub could not read a frame this client sent');
        return;
      case 'reply':
        return this.settle(message);
      case 'progress':
        return this.pending.get(message.id)?.onProgress?.({ done: message.done, total: message.total });
    }
  }

  private applySnapshot(message: ServerMessageOf<'snapshot'>, unreadable: UnreadableRecord[]): void {
    if (this.resyncTimer) return this.log.info({ seq: message.seq }, 'dropped a snapshot while waiting to resync');
    try {
      this.options.replica.applySnapshot(message.seq, message.snapshot, this.now());
    } catch (error) {
      return this.resyncLater(error);
    }
    this.snapshotApplied(unreadable.map((record, index) => ({ kind: record.kind, key: record.id ?? `#${message.seq}.${index}` })));
  }

  private applyPresence(presence: Presence[]): void {
    this.options.replica.applyPresence(this.options.workspaceId, presence);
    this.options.onEvent({ type: 'presence', presence });
  }

  /** A snapshot is in the replica (whole, or staged and committed): what was left out of it is now all that is unreadable. */
  private snapshotApplied(unreadable: ReadonlyArray<{ kind: RecordKind; key: string }>): void {
    this.resyncAttempt = 0;
    for (const kind of RECORD_KINDS) this.unreadable[kind].clear();
    for (const record of unreadable) this.unreadable[record.kind].add(record.key);
    this.options.onEvent({ type: 'snapshot' });
    this.reportUnreadable();
  }

  private applyChanges(message: ServerMessageOf<'changes'>, unreadable: UnreadableRecord[]): void {
    if (this.resyncTimer) return this.log.info({ fromSeq: message.fromSeq, seq: message.seq }, 'dropped changes while waiting to resync');
    const { replica, workspaceId } = this.options;
    // A record that can no longer be read leaves the replica, rather than stay there as it was before.
    const leftOut = (kind: RecordKind) => [
      ...message.changes[kind].deleted,
      ...unreadable.filter((record) => record.kind === kind && record.id !== null).map((record) => record.id as string),
    ];
    const changes: WorkspaceChanges = {
      ...message.changes,
      members: { ...message.changes.members, deleted: leftOut('members') },
      teams: { ...message.changes.teams, deleted: leftOut('teams') },
      contacts: { ...message.changes.contacts, deleted: leftOut('contacts') },
    };
    let isApplied: boolean;
    try {
      isApplied = replica.applyChanges(workspaceId, message.fromSeq, message.seq, changes, this.now());
    } catch (error) {
      return this.resyncLater(error);
    }
    if (!isApplied) {
      // A gap: the replica is not where these changes start. Catch up from what it has.
      const since = replica.seqOf(workspaceId);
      this.log.warn({ fromSeq: message.fromSeq, seq: message.seq, since }, 'a gap in the changes; subscribing again from the stored seq');
      this.socket?.send(JSON.stringify({ id: 'resubscribe', type: 'subscribe', since }));
      return;
    }
    this.resyncAttempt = 0;
    for (const kind of RECORD_KINDS) {
      for (const record of message.changes[kind].upserted) this.unreadable[kind].delete(record.id);
      for (const id of message.changes[kind].deleted) this.unreadable[kind].delete(id);
    }
    unreadable.forEach((record, index) => this.unreadable[record.kind].add(record.id ?? `#${message.seq}.${index}`));
    this.options.onEvent({ type: 'changes', seq: message.seq, changes });
    this.reportUnreadable();
  }

  /**
   * The replica could not take a frame (disk full, a corrupt page): ask for a
   * snapshot after a backoff wait, and drop what arrives meanwhile, so a
   * replica that keeps failing costs a request every few seconds, not a loop.
   */
  private resyncLater(error: unknown): void {
    if (this.resyncTimer) return;
    const delay = backoffDelay(this.resyncAttempt, this.options.backoff ?? DEFAULT_BACKOFF);
    this.resyncAttempt += 1;
    this.log.error({ reason: error instanceof Error ? error.message : String(error), attempt: this.resyncAttempt, delayMs: delay }, 'the replica could not apply a frame; asking for a snapshot after a wait');
    this.resyncTimer = setTimeout(() => {
      this.resyncTimer = null;
      this.socket?.send(JSON.stringify({ id: 'resubscribe', type: 'subscribe', since: null }));
    }, delay);
  }

  private reportUnreadable(): void {
    const counts = this.unreadableCounts;
    const key = RECORD_KINDS.map((kind) => counts[kind]).join(',');
    if (key === this.reportedUnreadable) return;
    this.reportedUnreadable = key;
    this.options.onEvent({ type: 'unreadable', counts });
  }

  private settle(reply: ServerMessageOf<'reply'>): void {
    if (SUBSCRIBE_IDS.has(reply.id)) {
      if (!reply.ok) {
        this.log.warn({ code: reply.error.code, reason: reply.error.message }, 'the hub refused to subscribe');
        // The socket is of no use unsubscribed: close it, and the close schedules the retry.
        this.socket?.close(1000, 'subscribe refused');
        return this.scheduleReconnect(reply.error.message);
      }
      if (!this.isSubscribed) this.onSubscribed();
      return;
    }
    const pending = this.pending.get(reply.id);
    if (!pending) {
      this.log.warn({ id: reply.id }, 'dropped a reply to no request waiting for one');
      return;
    }
    this.pending.delete(reply.id);
    if (pending.giveUpTimer) clearTimeout(pending.giveUpTimer);
    if (!reply.ok) {
      this.log.info({ type: pending.type, code: reply.error.code, rule: reply.error.rule }, 'the hub refused a request');
      return pending.reject(failureFromHub(reply.error));
    }
    const parsed = requestResultSchemas[pending.type].safeParse(reply.result);
    if (parsed.success) return pending.resolve(parsed.data);
    this.log.error({ type: pending.type, reason: parsed.error.message }, 'dropped an answer this version cannot read');
    pending.reject(new ApiFailure('hub_error', UNREADABLE_ANSWER));
  }

  private onSubscribed(): void {
    this.isSubscribed = true;
    this.attempt = 0;
    this.setConnection({ status: 'online', detail: null, retryAt: null });
    // Resend what was not answered before the connection dropped: same mutation ids, applied once.
    for (const pending of this.pending.values()) {
      if (pending.giveUpTimer) clearTimeout(pending.giveUpTimer);
      pending.giveUpTimer = null;
      const mutationId = isMutation(pending.request) ? pending.request.mutationId : null;
      this.log.info({ type: pending.type, mutationId }, 'resending an unanswered request');
      this.socket?.send(JSON.stringify(pending.request));
    }
  }

  /** The hub speaks another protocol version: retrying cannot help until one side is updated. */
  private incompatible(hubVersion: number): void {
    const known = Number.isInteger(hubVersion) && hubVersion >= 0 ? hubVersion : null;
    // A hub that refuses without saying its version can only be one that is newer than the rule (older hubs never refuse).
    const isClientOlder = known === null || known > PROTOCOL_VERSION;
    const message = isClientOlder ? CLIENT_OLDER_MESSAGE : CLIENT_NEWER_MESSAGE;
    this.log.error({ clientVersion: PROTOCOL_VERSION, hubVersion: known }, 'the hub speaks another protocol version; not retrying');
    this.isHalted = true;
    this.clearTimers();
    this.holdPendingRequests();
    this.options.onEvent({ type: 'incompatible', isClientOlder, hubVersion: known, message });
    this.setConnection({ status: 'offline', detail: message, retryAt: null });
  }

  private revoked(message: string, reason: RevokeReason = 'revoked', accessUntil: number | null = null): void {
    this.log.warn({ reason }, 'access to the workspace was revoked; wiping its replica');
    this.intake.abandon('access was revoked', true);
    this.options.replica.wipeWorkspace(this.options.workspaceId);
    this.stop();
    // The state first: whoever handles the event below may replace this client, and should still have heard why it stopped.
    this.setConnection({ status: 'offline', detail: message, retryAt: null });
    this.options.onEvent({ type: 'revoked', message, reason, accessUntil });
  }

  private endSession(reason: string): void {
    this.log.warn({ reason }, 'the session ended');
    this.stop();
    this.setConnection({ status: 'offline', detail: reason, retryAt: null });
    this.options.onEvent({ type: 'session_ended', reason });
  }
}

export function failureFromHub(error: HubError): ApiFailure {
  return new ApiFailure(error.code, error.message, error.rule, error.current);
}
