// The hub: an HTTP server for sign-in and invitations, and a WebSocket server
// for the desktops, over one store (a SQLite file, or PostgreSQL). It is the authority: every request
// is checked by the shared policy here, whatever client sent it.
import { createServer } from 'node:http';
import type { IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { Duplex } from 'node:stream';
import pino from 'pino';
import type { Logger } from 'pino';
import { WebSocketServer } from 'ws';
import { CLOSE_CODES, MAX_CLIENT_FRAME_BYTES } from '../../shared/protocol';
import { ClientAddressResolver } from '../auth/client-address';
import { LIMITS_DATABASE_FILE, openSqliteLimiterStorage } from '../auth/limiter-storage';
import { PasswordChange } from '../auth/password-change';
import { PasswordGuard } from '../auth/password-guard';
import { DEFAULT_PASSWORD_RESET_LIMITS, PASSWORD_RESET_TTL_MS, PasswordResets } from '../auth/password-reset';
import { SESSION_TTL_MS } from '../auth/sessions';
import { SignInService } from '../auth/sign-in';
import { ConfigurableMailer } from '../mail/configurable-mailer';
import { TWO_STEP_KEY_FILE } from '../auth/two-step-secret-box';
import type { HubStore } from '../store/hub-store';
import { HUB_DATABASE_FILE, openStoreAt } from '../store/open-store';
import type { AccessWorkDone } from '../domain/access-ends';
import type { HubCluster } from '../cluster/hub-cluster';
import { joinCluster } from '../cluster/hub-cluster';
import { newInstanceName, storeConnectionString } from '../cluster/instance-name';
import { openSharedLimits } from '../cluster/shared-limits';
import { AccessEndScheduler } from './access-end-scheduler';
import { Broadcaster } from './broadcaster';
import { ClientSockets } from './client-sockets';
import { ConnectionRegistry } from './connection-registry';
import { createHttpHandler } from './http-routes';
import { HubAdmin } from './hub-admin';
import type { HubOptions } from './hub-options';
import { HUB_DEFAULTS } from './hub-options';
import { HubSettingsSource } from './hub-settings-source';
import { LastSeenWriter } from './last-seen-writer';
import { MetricsAccess } from './metrics-access';
import { hubOperations } from './operations';
import { watchOutsideChanges } from './outside-changes';
import { PresenceRegistry } from './presence';
import { createMemoryRequestLimiter, SocketSubscribeQuota } from './request-limits';
import { RequestProcessor } from './request-processor';
import { SnapshotStreamer } from './snapshot-stream';
import { authenticateUpgrade, refuseUpgrade } from './upgrade-auth';

export interface RunningHub {
  /** http://host:port */
  url: string;
  /** ws://host:port/ws */
  socketUrl: string;
  port: number;
  store: HubStore;
  logger: Logger;
  /** Every password check goes through it (its `verifications` count is for tests and metrics). */
  passwordGuard: PasswordGuard;
  /**
   * The operator's controls (mail, public address, plans), for the desktop
   * that started this hub, in-process: never exposed over the network.
   */
  admin: HubAdmin;
  /** Issue 14.2: this instance among the others on its PostgreSQL database (null on SQLite). */
  cluster: HubCluster | null;
  /** Open sockets (for tests and metrics). */
  connectionCount(): number;
  /**
   * Issue 13.2: one pass of the due work on stored access end dates, now (by
   * the hub's clock). The hub runs it at start and at each due moment by
   * itself; tests that move the clock call it rather than wait.
   */
  runDueAccessWork(): Promise<void>;
  close(): Promise<void>;
}

export { HUB_DATABASE_FILE };

/** Until `ws` has the socket, an error on it only ends it (then `ws` handles its errors). */
function destroyOnError(this: Duplex): void {
  this.destroy();
}

export async function startHub(options: HubOptions): Promise<RunningHub> {
  const now = options.now ?? Date.now;
  const logger = options.logger ?? pino({ name: 'gatehouse-hub' });
  // Fails before anything is opened when a --trusted-proxy is not an address.
  const addresses = new ClientAddressResolver(options.trustedProxies ?? []);
  const metricsAccess = new MetricsAccess(options.metrics);
  // Issue 14.2: on PostgreSQL the hub is one instance of possibly several; its store's connections carry its name,
  // which the commits' notifications name so it skips what it delivered itself (hub/cluster/instance-name.ts).
  const instance = options.database === undefined ? null : { database: options.database, name: newInstanceName() };
  const { store, readiness, description: storeDescription } = await openStoreAt(
    instance === null ? options : { ...options, database: storeConnectionString(instance.database, instance.name) },
  );
  // Hubs on one PostgreSQL share a key file (a copy of it): a secret sealed by one is opened by another.
  const twoStepKeyFile = options.twoStepKeyFile ?? join(options.dataDir, TWO_STEP_KEY_FILE);
  // Issue 14.2: instances on one PostgreSQL share their password and request limits there.
  const sharedLimits = instance === null ? null : await openSharedLimits(instance.database, logger);
  const limiterStorage = options.limiterStorage ?? sharedLimits?.passwordLimits ?? openSqliteLimiterStorage(join(options.dataDir, LIMITS_DATABASE_FILE));
  const passwordGuard = await PasswordGuard.open(limiterStorage, options.passwordLimits);
  const presence = new PresenceRegistry();
  const connections = new ConnectionRegistry();
  // Issue 14.5: /readyz and /metrics; each kind of store brings its own readiness check (open-store.ts).
  const operations = hubOperations({ store, connections, readiness, metricsAccess, logger });
  const streamer = new SnapshotStreamer(store, presence.isOnline);
  const broadcaster = new Broadcaster(store, connections, presence, streamer, logger, operations.metrics);
  // Issue 14.2: before the hub takes sockets, it hears the other instances' changes, ended sessions, messages and presence.
  const cluster: HubCluster | null =
    instance === null
      ? null
      : await joinCluster({
          connectionString: instance.database,
          instanceName: instance.name,
          logger,
          presenceLeaseTimes: options.presenceLeaseTimes,
          hooks: {
            deliver: (ranges) => broadcaster.deliver(ranges),
            workspaces: () => store.workspaces.all(),
            closeSessions: (sessionHashes) => connections.closeSessions(sessionHashes, CLOSE_CODES.sessionEnded, 'signed out'),
            sendToMembers: (workspaceId, memberIds, message) => broadcaster.sendToMembers(workspaceId, memberIds, message),
            presence,
            tellPresence: (workspaceId, moved) => broadcaster.presenceChanged(workspaceId, moved),
          },
        });
  const host = options.host ?? HUB_DEFAULTS.host;
  const heartbeatMs = options.heartbeatMs ?? HUB_DEFAULTS.heartbeatMs;
  const subscribeTimeoutMs = options.subscribeTimeoutMs ?? HUB_DEFAULTS.subscribeTimeoutMs;
  const retention = options.changeLogRetention ?? HUB_DEFAULTS.changeLogRetention;

  // A connection that never completes its request (nor its socket upgrade) is
  // closed: unauthenticated sockets do not linger.
  const headersTimeout = options.idleRequestTimeoutMs ?? HUB_DEFAULTS.idleRequestTimeoutMs;
  const httpServer = createServer({
    headersTimeout,
    requestTimeout: Math.max(headersTimeout, 30_000),
    connectionsCheckingInterval: Math.min(1_000, headersTimeout),
  });
  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(options.port ?? HUB_DEFAULTS.port, host, () => resolve());
  });
  const { port } = httpServer.address() as AddressInfo;
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  // Command-line options win over what the operator stored; the stored ones are read again at each request, so a change needs no restart.
  const source = await HubSettingsSource.open(
    store,
    { publicUrl: options.publicUrl ?? null, mail: options.mail ?? null },
    options.defaultPublicUrl ?? url,
  );
  const mailer = new ConfigurableMailer(() => source.mail(), logger);
  const invitationTtlMs = options.invitationTtlMs ?? HUB_DEFAULTS.invitationTtlMs;
  const settings = {
    get publicUrl() {
      return source.publicUrl();
    },
    invitationTtlMs,
    get isMailConfigured() {
      return mailer.isConfigured;
    },
  };
  const allowedOrigins = (): Set<string> => new Set([new URL(source.publicUrl()).origin, url, ...(options.allowedOrigins ?? [])]);
  const limiter = sharedLimits ? await sharedLimits.requestLimiter(options.requestLimits) : createMemoryRequestLimiter(options.requestLimits);
  const subscribeQuota = new SocketSubscribeQuota(options.requestLimits);
  // Issue 13.2: the due work on access end dates; the request processor arms its timer again when a date changes.
  const accessEnds = new AccessEndScheduler({
    store,
    now,
    logger,
    async deliver(work: AccessWorkDone) {
      for (const ended of work.ended) broadcaster.closeMember(ended.workspaceId, ended.memberId);
      await broadcaster.deliver(work.touched);
      for (const warning of work.warnings) {
        const message = { type: 'access_ending' as const, notices: warning.notices };
        broadcaster.sendToMembers(warning.workspaceId, new Set(warning.memberIds), message);
        // Issue 14.2: their sockets on the other instances; the warning is claimed once, by whichever instance ran the pass.
        await cluster
          ?.sendToMembers(warning.workspaceId, warning.memberIds, message)
          .catch((error: unknown) => logger.error({ err: error, workspaceId: warning.workspaceId }, 'an access end warning did not reach the other instances'));
      }
      // Not awaited: a slow or unreachable mail server must not hold up the hub's start or the next pass. Its failure is logged here.
      if (work.emails.length > 0) {
        void source
          .refresh()
          .then(() => mailer.sendNotices(work.emails))
          .then((isAllSent) => {
            if (!isAllSent) logger.warn({ count: work.emails.length, isMailConfigured: mailer.isConfigured }, 'access end notices were not all mailed');
          })
          .catch((error: unknown) => logger.error({ err: error, count: work.emails.length }, 'access end notices were not mailed'));
      }
    },
  });
  const processor = new RequestProcessor({
    store,
    broadcaster,
    presence,
    mailer,
    settings,
    refreshSettings: (tx) => source.refresh(tx),
    logger,
    now,
    limiter,
    subscribeQuota,
    onAccessEndsChanged: () => accessEnds.rearm(),
    metrics: operations.metrics,
  });
  const sessionTtlMs = options.sessionTtlMs ?? SESSION_TTL_MS;
  const endSessions = (sessionHashes: Iterable<string>): void => connections.closeSessions(sessionHashes, CLOSE_CODES.sessionEnded, 'signed out');
  const passwordResets = await PasswordResets.open(
    { store, storage: limiterStorage, mailer, logger, onSessionsEnded: endSessions },
    {
      get publicUrl() {
        return source.publicUrl();
      },
      ttlMs: options.passwordResetTtlMs ?? PASSWORD_RESET_TTL_MS,
      limits: options.passwordResetLimits ?? DEFAULT_PASSWORD_RESET_LIMITS,
    },
  );

  const handleHttp = createHttpHandler({
    store,
    signIn: new SignInService(store, passwordGuard, sessionTtlMs, twoStepKeyFile),
    passwordChange: new PasswordChange(store, passwordGuard, endSessions),
    passwordResets,
    addresses,
    get isMailConfigured() {
      return mailer.isConfigured;
    },
    get publicUrl() {
      return source.publicUrl();
    },
    now,
    refreshSettings: () => source.refresh(),
    deliver: (changes) => broadcaster.deliver(changes.touched()),
    onSignedOut: (sessionHash) => endSessions([sessionHash]),
  }, operations.routes);
  httpServer.on('request', (request, response) =>
    handleHttp(request, response, (error) => logger.error({ err: error, url: request.url }, 'http request failed')),
  );

  const lastSeen = new LastSeenWriter(store, now, presence.isOnline, (workspaceId, moved) => broadcaster.presenceChanged(workspaceId, moved), logger);
  const sockets = new ClientSockets({
    connections,
    presence,
    processor,
    logger,
    now,
    heartbeatMs,
    subscribeTimeoutMs,
    setLastSeen: (memberId, workspaceId, isOnline) => lastSeen.write(memberId, workspaceId, isOnline),
  });
  // The hub's own registry tracks the sockets: `ws` keeping a set of them too would cost every socket a listener and an entry.
  const socketServer = new WebSocketServer({ noServer: true, maxPayload: MAX_CLIENT_FRAME_BYTES, clientTracking: false });
  let closing: Promise<void> | null = null;
  async function upgrade(request: IncomingMessage, socket: Duplex, head: Buffer): Promise<void> {
    // The public address may have been changed by another process; only an Origin is checked against it.
    if (request.headers.origin !== undefined) await source.refresh();
    const decision = await authenticateUpgrade(store, request, allowedOrigins(), now(), options.protocolVersion, options.oldestProtocolVersion);
    // A stopping hub takes no new sockets: one opened after the others were closed would keep httpServer.close waiting forever.
    if (closing) return void socket.destroy();
    if (!decision.ok) {
      logger.info({ code: decision.code, origin: request.headers.origin }, 'socket refused');
      return refuseUpgrade(socket, decision);
    }
    socketServer.handleUpgrade(request, socket, head, (ws) => {
      socket.off('error', destroyOnError);
      if (closing) return ws.terminate();
      sockets.open(ws, decision);
    });
  }
  httpServer.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on('error', destroyOnError);
    if (closing) return void socket.destroy();
    // Nobody waits for an upgrade: a failure is logged here and the socket ended.
    void upgrade(request, socket, head).catch((error: unknown) => {
      logger.error({ err: error, url: request.url }, 'socket upgrade failed');
      socket.destroy();
    });
  });

  async function prune(): Promise<void> {
    const at = now();
    await store.transaction(async (tx) => {
      for (const workspace of await tx.workspaces.all()) await tx.changes.pruneBefore(workspace.id, workspace.seq - retention + 1);
      await tx.changes.pruneMutationsBefore(at - HUB_DEFAULTS.mutationMemoryMs);
      await tx.sessions.deleteExpired(at);
      await tx.passwordResets.deleteFinished(at);
      // Sign-ins whose password was right but whose code never came (issue 13.5).
      await tx.twoStep.deleteExpiredPending(at);
    });
    // The limiter's clock is the wall clock, whatever `now` the hub was given.
    await limiterStorage.clearExpired(Date.now());
  }
  await prune();
  // Nobody waits for an hourly prune: a failure is logged, and the next one tries again.
  const pruner = setInterval(() => void prune().catch((error: unknown) => logger.error({ err: error }, 'pruning the hub store failed')), 60 * 60 * 1000);
  pruner.unref();

  // On PostgreSQL every commit, another process's included (the command line's `plan`), is heard through the cluster at once.
  const stopWatchingOutsideChanges = cluster ? () => Promise.resolve() : await watchOutsideChanges(store, broadcaster, HUB_DEFAULTS.outsideChangesCheckMs, logger);

  const admin = new HubAdmin({ store, source, now, deliver: (changes) => broadcaster.deliver(changes.touched()) });
  // A hub that was down when an access ended revokes it now, before it says it is listening.
  await accessEnds.runNow();

  logger.info({ url, publicUrl: source.publicUrl(), dataDir: options.dataDir, store: storeDescription, isMailConfigured: mailer.isConfigured }, 'hub listening');

  return {
    url,
    socketUrl: `${url.replace(/^http/, 'ws')}/ws`,
    port,
    store,
    logger,
    passwordGuard,
    admin,
    cluster,
    connectionCount: () => connections.all().length,
    runDueAccessWork: () => accessEnds.runNow(),
    close: () => {
      closing ??= (async () => {
        clearInterval(pruner);
        await accessEnds.close();
        await stopWatchingOutsideChanges();
        // Its presence leases are given back, so the other instances announce its members offline now, not at expiry.
        await cluster?.close();
        await lastSeen.drained();
        const at = now();
        await store.transaction(async (tx) => {
          for (const memberId of presence.onlineMembers()) await tx.members.setLastSeen(memberId, at);
        });
        const socketsClosed = sockets.closeAll(CLOSE_CODES.goingAway, 'hub shutting down');
        // Streams end at their next frame and give back their read connections before the store closes.
        await streamer.stop();
        await socketsClosed;
        await new Promise<void>((resolve) => socketServer.close(() => resolve()));
        httpServer.closeAllConnections();
        await new Promise<void>((resolve) => httpServer.close(() => resolve()));
        mailer.close();
        if (!options.limiterStorage && !sharedLimits) await limiterStorage.close();
        await sharedLimits?.close();
        // Sockets that closed before closeAll may have queued their last seen.
        await lastSeen.drained();
        operations.close();
        await store.close();
        logger.info('hub stopped');
        await new Promise<void>((resolve) => logger.flush(() => resolve()));
      })();
      return closing;
    },
  };
}
