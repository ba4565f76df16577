// A socket that has not subscribed within the timeout is closed (4008): an
// authenticated socket that asks for nothing does not linger. Every socket
// gets the same timeout, so their deadlines come in the order they opened,
// and one timer, set for the oldest, serves them all; a socket that
// subscribed is simply passed over when its deadline comes, and nothing of
// it is kept after that (a timer per socket stayed with every connection).
export interface SubscribingSocket {
  readonly isSubscribed: boolean;
}

export class SubscribeDeadline<Socket extends SubscribingSocket> {
  /** Sockets waiting for their deadline, oldest first, with when it is (performance.now()). */
  private readonly waiting = new Map<Socket, number>();
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly timeoutMs: number,
    private readonly onMissed: (socket: Socket) => void,
  ) {}

  watch(socket: Socket): void {
    this.waiting.set(socket, performance.now() + this.timeoutMs);
    if (!this.timer) this.arm(this.timeoutMs);
  }

  /** The socket closed: its deadline no longer matters. */
  forget(socket: Socket): void {
    this.waiting.delete(socket);
  }

  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.waiting.clear();
  }

  private arm(delayMs: number): void {
    this.timer = setTimeout(() => this.check(), Math.max(0, delayMs));
    this.timer.unref();
  }

  private check(): void {
    this.timer = null;
    const at = performance.now();
    for (const [socket, deadline] of this.waiting) {
      if (deadline > at) return this.arm(deadline - at);
      this.waiting.delete(socket);
      if (!socket.isSubscribed) this.onMissed(socket);
    }
  }
}
