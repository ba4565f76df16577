// Issue 13.2, temporary access: what the "Access until" fields hold while a
// person types, and the moment they mean. The date and time are typed and
// shown in the person's own time zone (the window's); the hub stores the UTC
// moment. "No end date" keeps what was typed, so switching it twice loses
// nothing.
import { MAX_ACCESS_DAYS_AHEAD } from '../protocol/temporary-access';

export interface AccessUntilDraft {
  hasEnd: boolean;
  /** "2026-12-03", as a date input gives it; '' while empty. */
  date: string;
  /** "17:00", as a time input gives it; '' while empty. */
  time: string;
  /** Who receives the member's contacts when access ends; null: they are left unassigned. */
  heirId: string | null;
}

/** The time an end date starts with when only the date is typed: the end of a working day. */
export const DEFAULT_END_TIME = '17:00';

const pad = (value: number) => String(value).padStart(2, '0');

/** The fields for a stored end (or none), in this window's time zone. */
export function draftOf(accessUntil: number | null, heirId: string | null): AccessUntilDraft {
  if (accessUntil === null) return { hasEnd: false, date: '', time: DEFAULT_END_TIME, heirId };
  const at = new Date(accessUntil);
  return { hasEnd: true, date: `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}`, time: `${pad(at.getHours())}:${pad(at.getMinutes())}`, heirId };
}

export type AccessEnd = { ok: true; accessUntil: number | null } | { ok: false; field: 'date' | 'time'; message: string };

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME = /^(\d{2}):(\d{2})$/;
const DAY_MS = 86_400_000;

/** The moment the fields mean, or why they mean none yet (shown on that field). */
export function accessEndOf(draft: AccessUntilDraft, now: number): AccessEnd {
  if (!draft.hasEnd) return { ok: true, accessUntil: null };
  const date = DATE.exec(draft.date);
  if (!date) return { ok: false, field: 'date', message: 'Enter the last day of access, or choose “No end date”' };
  const time = TIME.exec(draft.time);
  if (!time) return { ok: false, field: 'time', message: 'Enter the time access ends' };
  // The window's own time zone, as the person reads the date and time they typed.
  const at = new Date(Number(date[1]), Number(date[2]) - 1, Number(date[3]), Number(time[1]), Number(time[2])).getTime();
  if (Number.isNaN(at)) return { ok: false, field: 'date', message: 'This date does not exist' };
  if (at <= now) return { ok: false, field: at < new Date(now).setHours(0, 0, 0, 0) ? 'date' : 'time', message: 'Choose a moment in the future' };
  if (at > now + MAX_ACCESS_DAYS_AHEAD * DAY_MS) return { ok: false, field: 'date', message: 'Choose a date within the next ten years' };
  return { ok: true, accessUntil: at };
}

/** The person's time zone, named as the system names it ("Europe/London"). */
export function ownTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}
