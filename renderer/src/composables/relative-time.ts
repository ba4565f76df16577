// Times as people say them ("5 min ago"), refreshed every 30 seconds, with the
// exact time for a tooltip.
import { onScopeDispose, shallowRef } from 'vue';

const now = shallowRef(Date.now());
let timer: ReturnType<typeof setInterval> | null = null;
let users = 0;

const formatter = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto', style: 'short' });
const exact = new Intl.DateTimeFormat(undefined, { dateStyle: 'full', timeStyle: 'medium' });

const UNITS: Array<[Intl.RelativeTimeFormatUnit, number]> = [
  ['year', 365 * 24 * 3600_000],
  ['month', 30 * 24 * 3600_000],
  ['week', 7 * 24 * 3600_000],
  ['day', 24 * 3600_000],
  ['hour', 3600_000],
  ['minute', 60_000],
];

export function relativeTime(at: number, reference: number): string {
  const elapsed = at - reference;
  if (Math.abs(elapsed) < 60_000) return 'just now';
  for (const [unit, size] of UNITS) {
    if (Math.abs(elapsed) >= size) return formatter.format(Math.round(elapsed / size), unit);
  }
  return 'just now';
}

export function exactTime(at: number): string {
  return exact.format(at);
}

/** A clock that ticks while some component shows relative times. */
export function useNow() {
  users += 1;
  timer ??= setInterval(() => (now.value = Date.now()), 30_000);
  onScopeDispose(() => {
    users -= 1;
    if (users === 0 && timer) {
      clearInterval(timer);
      timer = null;
    }
  });
  return now;
}
