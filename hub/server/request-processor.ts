// Answers one request of a connection. Every request first passes the quotas
// (request-limits.ts); subscribe and activity are about the connection;
// everything else runs in one transaction through the domain handlers, a
// mutation is recorded under its key so a resend is applied once (reads never
// are), and what changed is broadcast once committed, before the reply.
import type { Logger } from 'pino';
import type { ClientRequest, RequestOf, RequestResult } from '../../shared/protocol';
import { isMutation } from '../../shared/protocol';
import { deliverBulkInvitations } from '../domain/bulk-invitations-delivery';
import { HubFailure } from '../domain/hub-failure';
import type { HubSettings, MutationContext } from '../domain/mutation-context';
import { createMutationContext } from '../domain/mutation-context';
import type { DomainRequestType } from '../domain/request-handlers';
import { runDomainRequest } from '../domain/request-handlers';
import { loadViewer, noLongerMember } from '../domain/viewer';
import type { Mailer } from '../mail/mailer';
import type { HubStore } from '../store/hub-store';
import type { Broadcaster } from './broadcaster';
import type { HubMetrics } from './metrics';
import type { ClientConnection } from './client-connection';
import { idempotencyKeyOf, recordApplied, replayOf, updateAppliedReply } from './idempotency';
import type { RequestLimiter } from './request-limits';
import { createMemoryRequestLimiter, SocketSubscribeQuota } from './request-limits';
import type { PresenceRegistry } from './presence';

/**
 * The requests whose handlers read the hub's settings (the public address in
 * a link, whether invitations are mailed) or mail: only these read them again
 * first. Reading them costs two queries, which every other request, the
 * frequent ones, would pay for nothing; a handler not listed here that read
 * them would see them as of the hub's last read, never wrong ones.
 */
const READS_HUB_SETTINGS: ReadonlySet<DomainRequestType> = new Set([
  'member.invite',
  'invitation.resend',
  'members.bulk_invite_preview',
  'members.bulk_invite',
  'workspace.facts',
]);

export interface RequestProcessorDeps {
  store: HubStore;
  broadcaster: Broadcaster;
  presence: PresenceRegistry;
  mailer: Mailer;
  settings: HubSettings;
  /** Reads the settings again through the request's transaction store, so a change stored by another process applies to this request. */
  refreshSettings?: (store: HubStore) => Promise<void>;
  logger: Logger;
  now: () => number;
  /** Quotas per member and per session; the default keeps them in this process's memory. */
  limiter?: RequestLimiter;
  /** How often one socket may subscribe (counted on the connection itself). */
  subscribeQuota?: SocketSubscribeQuota;
  /** Issue 13.2: a request stored an access end date or the warning days; the due-work timer is armed again. */
  onAccessEndsChanged?: () => void;
  /** Issue 14.5: counts each request by type and outcome. */
  metrics?: HubMetrics;
}

export class RequestProcessor {
  private readonly limiter: RequestLimiter;
  private readonly subscribeQuota: SocketSubscribeQuota;

  constructor(private readonly deps: RequestProcessorDeps) {
    this.limiter = deps.limiter ?? createMemoryRequestLimiter();
    this.subscribeQuota = deps.subscribeQuota ?? new SocketSubscribeQuota();
  }

  /**
   * Every request gets exactly one reply. A member found revoked has the
   * request refused as unauthorized, and their socket closes (4003) only once
   * the requests already queued on it are answered too.
   */
  async process(connection: ClientConnection, request: ClientRequest, characters: number = JSON.stringify(request).length): Promise<void> {
    let outcome = 'ok';
    try {
      if (this.deps.broadcaster.isRevoked(connection)) throw noLongerMember();
      await this.ensureWithinQuota(connection, request, characters);
      // Awaited here, so a refusal while streaming is answered by the catch below.
      if (request.type === 'subscribe') return await this.subscribe(connection, request);
      if (request.type === 'activity') {
        // Nothing to decide, but a member revoked meanwhile is refused here too, not answered as active.
        await loadViewer(this.deps.store, connection.memberId);
        await this.noteActivity(connection);
        return connection.send({ type: 'reply', id: request.id, ok: true, result: {} });
      }
      await this.noteActivity(connection);
      const result = await this.runDomain(connection, request);
      connection.send({ type: 'reply', id: request.id, ok: true, result });
    } catch (error) {
      if (error instanceof HubFailure) {
        outcome = error.code;
        connection.send({ type: 'reply', id: request.id, ok: false, error: error.toWire() });
        if (error.code === 'unauthorized') this.deps.broadcaster.closeRevoked(connection);
        return;
      }
      outcome = 'internal';
      this.deps.logger.error({ err: error, type: request.type }, 'request failed');
      connection.send({
        type: 'reply',
        id: request.id,
        ok: false,
        error: { code: 'internal', message: 'The hub could not complete this request; nothing was changed.' },
      });
    } finally {
      this.deps.metrics?.requestAnswered(request.type, outcome);
    }
  }

  private async ensureWithinQuota(connection: ClientConnection, request: ClientRequest, characters: number): Promise<void> {
    const admission = request.type === 'subscribe' ? this.subscribeQuota.admit(connection) : await this.limiter.admit(connection, characters);
    if (admission.isAdmitted) return;
    const seconds = Math.max(1, Math.ceil(admission.retryAfterMs / 1000));
    throw new HubFailure(
      'rate_limited',
      `Too many requests in a short time; wait ${seconds} second${seconds === 1 ? '' : 's'} and try again.`,
      undefined,
      undefined,
      admission.retryAfterMs,
    );
  }

  /**
   * The data first (the changes since `since`, or a streamed snapshot and
   * whatever was committed while it streamed), then the reply with the `seq`
   * it brought the client to, then presence (after a snapshot, who is online
   * and who moved while it streamed; after changes, everyone's). Requests sent
   * meanwhile wait in the connection's queue.
   */
  private async subscribe(connection: ClientConnection, request: RequestOf<'subscribe'>): Promise<void> {
    const { store, broadcaster } = this.deps;
    const viewer = await loadViewer(store, connection.memberId);
    let mode: 'changes' | 'snapshot' = 'snapshot';
    // By changes, in the workspace's turn: the socket is sent them and becomes one deliver serves with nothing committed in between.
    await broadcaster.inWorkspaceTurn(connection.workspaceId, async () => {
      const seq = (await store.workspaces.byId(connection.workspaceId))?.seq ?? 0;
      if (!(await this.canCatchUp(connection, request.since, seq))) return;
      mode = 'changes';
      connection.sentSeq = request.since ?? 0;
      await broadcaster.sendChanges(connection, viewer, seq);
      connection.isSubscribed = true;
    });
    if (mode === 'snapshot') {
      await broadcaster.sendSnapshot(connection);
      if (!connection.isOpen) return;
    }
    connection.isSubscribed = true;
    connection.send({ type: 'reply', id: request.id, ok: true, result: { mode, seq: connection.sentSeq } });
    await broadcaster.sendPresenceOfAll(connection);
  }

  /**
   * Catch-up works when the log still holds everything after `since` and none
   * of it changed what this member may see (their own access or the plan):
   * then the changed entities are enough. Otherwise a full snapshot.
   */
  private async canCatchUp(connection: ClientConnection, since: number | null, seq: number): Promise<boolean> {
    if (since === null || since > seq) return false;
    if (since === seq) return true;
    const oldest = await this.deps.store.changes.oldestSeq(connection.workspaceId);
    if (oldest === null || since < oldest - 1) return false;
    const rows = await this.deps.store.changes.after(connection.workspaceId, since);
    return !rows.some((row) => row.entity === 'workspace' || (row.entity === 'member' && row.entityId === connection.memberId));
  }

  private async runDomain(connection: ClientConnection, request: Exclude<ClientRequest, RequestOf<'subscribe'> | RequestOf<'activity'>>) {
    const { store, broadcaster, mailer, settings, presence } = this.deps;
    const key = isMutation(request) ? idempotencyKeyOf(request, connection) : null;
    let context: MutationContext | null = null;
    const result = await store.transaction(async (tx) => {
      // V4, R7, A1: on PostgreSQL a change waits for any other change of its workspace, and reads (the viewer first) after it (hub/store/repos/locks.ts).
      if (key !== null) await tx.locks.workspace(connection.workspaceId);
      if (READS_HUB_SETTINGS.has(request.type)) await this.deps.refreshSettings?.(tx);
      context = await createMutationContext(tx, await loadViewer(tx, connection.memberId), settings, this.deps.now(), presence.isOnline);
      const replayed = key === null ? undefined : await replayOf(tx, key);
      if (replayed !== undefined) {
        context = null;
        return replayed;
      }
      const outcome = await runDomainRequest(context, request);
      if (key !== null) await recordApplied(tx, key, outcome, context.now);
      return outcome;
    });
    const committed = context as MutationContext | null;
    if (!committed) return result;
    await broadcaster.deliver(committed.changes.touched());
    if (committed.accessEndsChanged) this.deps.onAccessEndsChanged?.();
    if (request.type === 'members.bulk_invite') {
      // Issue 13: each row's email on its own, with progress frames for this request before its reply.
      const delivered = await deliverBulkInvitations(mailer, committed.outbox, result as RequestResult<'members.bulk_invite'>, {
        onProgress: (progress) => connection.send({ type: 'progress', id: request.id, ...progress }),
        onMailError: (error, to) => this.deps.logger.warn({ err: error, to }, 'invitation email could not be sent'),
      });
      if (key !== null) await updateAppliedReply(store, key, delivered);
      return delivered;
    }
    if (committed.outbox.length > 0 && typeof result === 'object' && result !== null && 'isEmailed' in result) {
      const isEmailed = await mailer.send(committed.outbox);
      const sent = { ...result, isEmailed };
      if (key !== null) await updateAppliedReply(store, key, sent);
      return sent;
    }
    return result;
  }

  private async noteActivity(connection: ClientConnection): Promise<void> {
    const now = this.deps.now();
    if (this.deps.presence.shouldPersistActivity(connection.memberId, now)) {
      await this.deps.store.members.setLastSeen(connection.memberId, now);
    }
  }
}
