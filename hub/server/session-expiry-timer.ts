// Closes each open socket when its session reaches its end of life, with one
// timer for all of them, set for the earliest end among the open sockets. A
// timer per socket (with its closures) was a fifth of what an idle connection
// cost the hub; sessions end seldom (they last 30 days), so when the timer
// fires, a pass over the open sockets finds those whose session has ended and
// the next end to wait for. A socket that closes first leaves the timer as
// it is: it fires for nothing and is set again.
// Node's timers hold at most about 24.8 days (a longer delay fires at once),
// so a longer wait is taken in steps, each checking the clock again.
const MAX_TIMER_MS = 2 ** 31 - 1;

export interface ExpiringSocket {
  /** When the socket's session ends (on the hub's clock). */
  readonly sessionExpiresAt: number;
}

export class SessionExpiryTimer<Socket extends ExpiringSocket> {
  private timer: NodeJS.Timeout | null = null;
  /** When the timer is set to fire for; Infinity when it is not set. */
  private armedFor = Infinity;

  constructor(
    /** The sockets open now. */
    private readonly openSockets: () => Iterable<Socket>,
    private readonly now: () => number,
    private readonly onExpired: (socket: Socket) => void,
  ) {}

  /** A socket was opened: its session's end is waited for too. */
  watch(socket: Socket): void {
    if (socket.sessionExpiresAt < this.armedFor) this.arm(socket.sessionExpiresAt);
  }

  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.armedFor = Infinity;
  }

  private arm(at: number): void {
    if (this.timer) clearTimeout(this.timer);
    this.armedFor = at;
    this.timer = setTimeout(() => this.check(), Math.max(0, Math.min(at - this.now(), MAX_TIMER_MS)));
    this.timer.unref();
  }

  private check(): void {
    this.timer = null;
    this.armedFor = Infinity;
    const at = this.now();
    let next = Infinity;
    for (const socket of this.openSockets()) {
      if (socket.sessionExpiresAt <= at) this.onExpired(socket);
      else if (socket.sessionExpiresAt < next) next = socket.sessionExpiresAt;
    }
    if (next < Infinity) this.arm(next);
  }
}
