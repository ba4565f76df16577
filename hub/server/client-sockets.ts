// The life of each desktop's socket, from its accepted upgrade to its close:
// the connection is registered and counts its member online; its frames are
// parsed and answered in order; a pong or a frame keeps it alive for the
// heartbeat, which ends sockets that stopped answering; it is closed when it
// does not subscribe in time (4008) and when its session ends (4002).
// Thousands of idle sockets stay open for hours, so none has anything of its
// own here: the socket events go to four functions shared by every socket
// (`this` is the socket that emitted, its connection found in a WeakMap), and
// one heartbeat, one subscribe deadline and one session timer serve them all
// (bench/README.md, benchmark 2).
import type { Logger } from 'pino';
import type { RawData, WebSocket } from 'ws';
import { CLOSE_CODES } from '../../shared/protocol';
import { ClientConnection } from './client-connection';
import type { ConnectionRegistry } from './connection-registry';
import { HUB_DEFAULTS } from './hub-options';
import { parseClientFrame } from './parse-message';
import type { PresenceRegistry } from './presence';
import type { RequestProcessor } from './request-processor';
import { SessionExpiryTimer } from './session-expiry-timer';
import { SubscribeDeadline } from './subscribe-deadline';
import type { AcceptedUpgrade } from './upgrade-auth';

export interface ClientSocketsDeps {
  connections: ConnectionRegistry;
  presence: PresenceRegistry;
  processor: RequestProcessor;
  logger: Logger;
  now: () => number;
  heartbeatMs: number;
  subscribeTimeoutMs: number;
  /**
   * Writes the member's last seen and tells the workspace they came online or
   * went offline (U3), in the order they happened; a member deleted meanwhile
   * gets no last seen (last-seen-writer.ts).
   */
  setLastSeen(memberId: string, workspaceId: string, isOnline: boolean): void;
}

interface SocketListeners {
  message(this: WebSocket, data: RawData, isBinary: boolean): void;
  pong(this: WebSocket): void;
  error(this: WebSocket, error: Error): void;
  close(this: WebSocket): void;
}

/** Listeners for every socket at once: `this` is the socket that emitted, its connection looked up in `connectionOf`. */
function sharedListeners(
  connectionOf: WeakMap<WebSocket, ClientConnection>,
  on: { received(connection: ClientConnection, data: RawData, isBinary: boolean): void; closed(connection: ClientConnection): void },
  logger: Logger,
): SocketListeners {
  return {
    message(data, isBinary) {
      const connection = connectionOf.get(this);
      if (connection) on.received(connection, data, isBinary);
    },
    pong() {
      const connection = connectionOf.get(this);
      if (connection) connection.isAlive = true;
    },
    error(error) {
      logger.debug({ err: error }, 'socket error');
    },
    close() {
      const connection = connectionOf.get(this);
      if (connection) on.closed(connection);
    },
  };
}

export class ClientSockets {
  private readonly connectionOf = new WeakMap<WebSocket, ClientConnection>();
  private readonly listeners: SocketListeners;
  private readonly subscribeDeadline: SubscribeDeadline<ClientConnection>;
  private readonly sessionExpiry: SessionExpiryTimer<ClientConnection>;
  private readonly heartbeat: NodeJS.Timeout;
  /** Once shutting down, last seen was already written for everyone and the store may be shut. */
  private isClosing = false;

  constructor(private readonly deps: ClientSocketsDeps) {
    this.listeners = sharedListeners(
      this.connectionOf,
      { received: (connection, data, isBinary) => this.received(connection, data, isBinary), closed: (connection) => this.closed(connection) },
      deps.logger,
    );
    this.subscribeDeadline = new SubscribeDeadline(deps.subscribeTimeoutMs, (connection) =>
      connection.close(CLOSE_CODES.subscribeTimeout, 'subscribe expected'),
    );
    // A session that runs out while its socket is open ends that socket too, at that moment.
    this.sessionExpiry = new SessionExpiryTimer(
      () => deps.connections.each(),
      deps.now,
      (connection) => connection.close(CLOSE_CODES.sessionExpired, 'session expired'),
    );
    this.heartbeat = setInterval(() => this.beat(), deps.heartbeatMs);
    this.heartbeat.unref();
  }

  /** Takes a socket whose upgrade was accepted. */
  open(ws: WebSocket, accepted: AcceptedUpgrade): void {
    const { connections, presence } = this.deps;
    const connection = new ClientConnection(
      ws,
      accepted.personId,
      accepted.memberId,
      // One copy of the workspace's id for all its sockets, not a slice of each upgrade's URL.
      connections.sharedWorkspaceId(accepted.workspaceId),
      accepted.sessionHash,
      accepted.sessionExpiresAt,
      accepted.protocolVersion,
    );
    this.connectionOf.set(ws, connection);
    connections.add(connection);
    this.sessionExpiry.watch(connection);
    this.subscribeDeadline.watch(connection);
    if (presence.connect(connection.memberId)) this.deps.setLastSeen(connection.memberId, connection.workspaceId, true);
    ws.on('pong', this.listeners.pong);
    ws.on('message', this.listeners.message);
    ws.on('error', this.listeners.error);
    ws.on('close', this.listeners.close);
  }

  /**
   * Closes every socket for a shutdown and resolves once all have closed;
   * their members' last seen was written by the caller.
   */
  async closeAll(code: number, reason: string): Promise<void> {
    this.isClosing = true;
    clearInterval(this.heartbeat);
    this.subscribeDeadline.stop();
    this.sessionExpiry.stop();
    const open = [...this.deps.connections.each()];
    for (const connection of open) connection.close(code, reason);
    await Promise.all(open.map((connection) => connection.closed));
  }

  /** A socket that did not answer the last ping (nor sent anything since) is ended; the others are pinged. */
  private beat(): void {
    for (const connection of this.deps.connections.each()) {
      if (!connection.isAlive) {
        connection.socket.terminate();
        continue;
      }
      connection.isAlive = false;
      connection.socket.ping();
    }
  }

  private received(connection: ClientConnection, data: RawData, isBinary: boolean): void {
    connection.isAlive = true;
    const frame = parseClientFrame(data, isBinary);
    if (!frame.ok) {
      connection.consecutiveErrors += 1;
      connection.send(frame.id === null ? { type: 'error', error: frame.error } : { type: 'reply', id: frame.id, ok: false, error: frame.error });
      if (connection.consecutiveErrors >= HUB_DEFAULTS.maxConsecutiveErrors) connection.close(CLOSE_CODES.tooManyErrors, 'too many malformed messages');
      return;
    }
    connection.consecutiveErrors = 0;
    const { processor } = this.deps;
    connection.enqueue(() => processor.process(connection, frame.request, frame.characters));
  }

  private closed(connection: ClientConnection): void {
    const { connections, presence } = this.deps;
    this.subscribeDeadline.forget(connection);
    connections.remove(connection);
    connection.forget();
    if (!this.isClosing && presence.disconnect(connection.memberId)) this.deps.setLastSeen(connection.memberId, connection.workspaceId, false);
  }
}
