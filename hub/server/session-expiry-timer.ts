// Runs something when a session reaches its end of life. Node's timers hold at
// most about 24.8 days (a longer delay fires at once), and sessions live 30, so
// a long wait is taken in steps, each checking the clock again.
const MAX_TIMER_MS = 2 ** 31 - 1;

export interface ExpiryTimer {
  cancel(): void;
}

export function whenExpired(expiresAt: number, now: () => number, onExpired: () => void): ExpiryTimer {
  let timer: NodeJS.Timeout;
  const wait = (): void => {
    const remaining = expiresAt - now();
    if (remaining <= 0) return onExpired();
    timer = setTimeout(wait, Math.min(remaining, MAX_TIMER_MS));
    timer.unref();
  };
  timer = setTimeout(wait, Math.max(0, Math.min(expiresAt - now(), MAX_TIMER_MS)));
  timer.unref();
  return { cancel: () => clearTimeout(timer) };
}
