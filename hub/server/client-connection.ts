// One authenticated socket: whose it is, what it has been sent, and its health.
import type { WebSocket } from 'ws';
import type { ServerMessage } from '../../shared/protocol';

export class ClientConnection {
  isSubscribed = false;
  /** The workspace sequence number the client has been brought up to. */
  sentSeq = 0;
  /** What the member may see, so a change of it can trigger a full snapshot. */
  viewKey = '';
  isAlive = true;
  consecutiveErrors = 0;
  /** Requests are answered in the order they came. */
  queue: Promise<void> = Promise.resolve();

  constructor(
    readonly socket: WebSocket,
    readonly personId: string,
    readonly memberId: string,
    readonly workspaceId: string,
    readonly sessionHash: string,
    /** When the session ends on its own; the socket is closed then (4002). */
    readonly sessionExpiresAt: number,
  ) {}

  send(message: ServerMessage): void {
    this.sendFrame(JSON.stringify(message));
  }

  /** A message already serialized (the same frame goes to many desktops). */
  sendFrame(frame: string): void {
    if (this.socket.readyState === this.socket.OPEN) this.socket.send(frame);
  }

  close(code: number, reason: string): void {
    if (this.socket.readyState === this.socket.OPEN || this.socket.readyState === this.socket.CONNECTING) {
      this.socket.close(code, reason);
    }
  }
}
