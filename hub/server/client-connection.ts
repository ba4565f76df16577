// One authenticated socket: whose it is, what it has been sent, and its health.
// Large messages go out as streams (a snapshot in parts, or one message in
// fragments) with backpressure; while one is in flight every other frame for
// this socket waits its turn, since a fragmented message cannot be
// interleaved and a snapshot's parts should not be.
// Thousands of these stay open and idle for hours, so an idle one holds no
// promise, timer or closure of its own (bench/README.md, benchmark 2): the
// idle queues share one settled promise, `closed` is made only when a stream
// waits for it, and its view key is shared with the other sockets of the same view.
import type { WebSocket } from 'ws';
import type { ServerMessage } from '../../shared/protocol';
import { MAX_SNAPSHOT_FRAME_BYTES } from '../../shared/protocol';
import type { SubscribeWindow } from './request-limits';
import { SharedStrings } from './shared-strings';

/**
 * A stream produces its next frame only while the socket's own buffer holds
 * less than this: at most a frame or two per socket waits in the hub's memory,
 * however large the workspace and however slow the desktop.
 */
export const STREAM_HIGH_WATER_BYTES = MAX_SNAPSHOT_FRAME_BYTES;

/** The queue of a socket with nothing in flight: one settled promise for all of them. */
const SETTLED: Promise<void> = Promise.resolve();

/** The view keys of every open connection of this process. */
const VIEW_KEYS = new SharedStrings();

export class ClientConnection implements SubscribeWindow {
  isSubscribed = false;
  /** The workspace sequence number the client has been brought up to. */
  sentSeq = 0;
  isAlive = true;
  consecutiveErrors = 0;
  /** Requests are answered in the order they came: the last one's turn (SETTLED once all are answered). */
  queue: Promise<void> = SETTLED;
  /**
   * A snapshot is streaming or waiting to: changes committed meanwhile are
   * not sent on their own but caught up once it ends (broadcaster.ts).
   */
  isSnapshotPending = false;
  /** This socket's subscribes in the current window (request-limits.ts). */
  subscribesInWindow = 0;
  subscribeWindowEndsAt = 0;
  /** Frames sent while a stream is in flight, in order; null when none is. */
  private held: string[] | null = null;
  private streamTail: Promise<void> = SETTLED;
  private streamsQueued = 0;
  private closedPromise: Promise<void> | null = null;
  private sharedViewKey = '';
  /** Once closed, a view key set late (a stream ending after the close) is no longer counted as held. */
  private isForgotten = false;

  constructor(
    readonly socket: WebSocket,
    readonly personId: string,
    readonly memberId: string,
    readonly workspaceId: string,
    readonly sessionHash: string,
    /** When the session ends on its own; the socket is closed then (4002). */
    readonly sessionExpiresAt: number,
    /** The protocol version the client stated: version 1 takes a snapshot as one message. */
    readonly protocolVersion: number,
  ) {}

  /** What the member may see, so a change of it can trigger a full snapshot. */
  get viewKey(): string {
    return this.sharedViewKey;
  }

  set viewKey(key: string) {
    if (key === this.sharedViewKey) return;
    if (this.isForgotten) {
      this.sharedViewKey = key;
      return;
    }
    if (this.sharedViewKey !== '') VIEW_KEYS.release(this.sharedViewKey);
    this.sharedViewKey = key === '' ? '' : VIEW_KEYS.share(key);
  }

  /** Resolves when the socket has closed. */
  get closed(): Promise<void> {
    this.closedPromise ??= this.socket.readyState === this.socket.CLOSED ? SETTLED : new Promise((resolve) => this.socket.once('close', () => resolve()));
    return this.closedPromise;
  }

  /** Called once its socket has closed: gives back what it shared with other connections. */
  forget(): void {
    if (this.isForgotten) return;
    if (this.sharedViewKey !== '') VIEW_KEYS.release(this.sharedViewKey);
    this.isForgotten = true;
  }

  /** Runs `answer` after the requests already queued; the queue is back to SETTLED once it drains. */
  enqueue(answer: () => Promise<void>): void {
    const turn = this.queue.then(answer).then(() => {
      if (this.queue === turn) this.queue = SETTLED;
    });
    this.queue = turn;
  }

  get isOpen(): boolean {
    return this.socket.readyState === this.socket.OPEN;
  }

  send(message: ServerMessage): void {
    this.sendFrame(JSON.stringify(message));
  }

  /** A message already serialized (the same frame goes to many desktops); held while a stream is in flight. */
  sendFrame(frame: string): void {
    if (this.held) this.held.push(frame);
    else this.write(frame);
  }

  /** Sends ahead of the held frames: only between streams, for what must directly follow one (its catch-up). */
  sendPastHeld(message: ServerMessage): void {
    this.write(JSON.stringify(message));
  }

  /**
   * Runs `work` (which writes with writeStreamed) after the streams already
   * queued on this socket; every other frame waits until the last of them ends.
   */
  streamExclusively<T>(work: () => Promise<T>): Promise<T> {
    this.held ??= [];
    this.streamsQueued += 1;
    const run = this.streamTail.then(work);
    this.streamTail = run.then(
      () => this.streamEnded(),
      () => this.streamEnded(),
    );
    return run;
  }

  /**
   * Writes one frame of a stream, UTF-8 text (`isFinal` false: a fragment of a message
   * that continues). Resolves when the stream may produce the next one: at
   * once (after letting other work run) while the socket keeps up, else once
   * this frame is written out, the socket closes, or `abort` resolves. False
   * when the socket is no longer open.
   */
  async writeStreamed(data: Buffer, isFinal: boolean, abort: Promise<void>): Promise<boolean> {
    if (!this.isOpen) return false;
    // UTF-8 JSON in a buffer, sent as a text frame (binary: false) without being copied.
    const written = new Promise<void>((resolve) => this.socket.send(data, { fin: isFinal, binary: false }, () => resolve()));
    if (this.socket.bufferedAmount > STREAM_HIGH_WATER_BYTES) await Promise.race([written, this.closed, abort]);
    else await new Promise((resolve) => setImmediate(resolve));
    return this.isOpen;
  }

  close(code: number, reason: string): void {
    if (this.socket.readyState === this.socket.OPEN || this.socket.readyState === this.socket.CONNECTING) {
      this.socket.close(code, reason);
    }
  }

  private write(frame: string): void {
    if (this.isOpen) this.socket.send(frame);
  }

  private streamEnded(): void {
    this.streamsQueued -= 1;
    if (this.streamsQueued > 0) return;
    // Nothing is chained after the last stream: the settled promise stands in for it.
    this.streamTail = SETTLED;
    const held = this.held ?? [];
    this.held = null;
    for (const frame of held) this.write(frame);
  }
}
