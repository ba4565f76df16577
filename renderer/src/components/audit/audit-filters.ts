// X1: the Audit log page's filters as the person sets them, and as the hub
// takes them. Days are chosen in the person's own calendar (the date fields
// give "2031-03-05"); the hub stores UTC, so a range goes out as the moment
// the first day starts here (inclusive) and the moment after the last day
// ends here (exclusive): "5 March" means all of 5 March where the person is.
import type { AuditAction } from '@shared/domain';
import { AUDIT_ACTION_LABELS } from '@shared/domain/audit-words';

export interface AuditFilters {
  action: AuditAction | null;
  /** Did it or had it done to them. */
  memberId: string | null;
  /** Did it. */
  actorMemberId: string | null;
  /** The first day, as a date field gives it ("2031-03-05"), or "" for none. */
  fromDay: string;
  /** The last day, included, or "" for none. */
  toDay: string;
}

export type AuditFilterKey = 'action' | 'memberId' | 'actorMemberId' | 'days';

export const NO_AUDIT_FILTERS: Readonly<AuditFilters> = Object.freeze({ action: null, memberId: null, actorMemberId: null, fromDay: '', toDay: '' });

/** What `audit.list` and the export take: null for "any", times in epoch milliseconds (UTC). */
export interface AuditQuery {
  action: AuditAction | null;
  memberId: string | null;
  actorMemberId: string | null;
  from: number | null;
  to: number | null;
}

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Local midnight of a day, `offset` days later: Date does the calendar (month ends, daylight saving). */
function localMidnight(day: string, offset: number): number | null {
  const match = DAY.exec(day);
  if (!match) return null;
  const [year, month, date] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const at = new Date(year, month - 1, date + offset);
  // A year before 1970 (or a half-typed one such as 0002) is no day the log holds.
  return year >= 1970 && !Number.isNaN(at.getTime()) ? at.getTime() : null;
}

export const dayStart = (day: string): number | null => localMidnight(day, 0);
/** The moment the day is over: the next day's start, which the hub leaves out. */
export const dayEnd = (day: string): number | null => localMidnight(day, 1);

export function isRangeBackwards(filters: AuditFilters): boolean {
  const from = dayStart(filters.fromDay);
  const to = dayEnd(filters.toDay);
  return from !== null && to !== null && to <= from;
}

export function toAuditQuery(filters: AuditFilters): AuditQuery {
  return { action: filters.action, memberId: filters.memberId, actorMemberId: filters.actorMemberId, from: dayStart(filters.fromDay), to: dayEnd(filters.toDay) };
}

export function activeFilterKeys(filters: AuditFilters): AuditFilterKey[] {
  const keys: AuditFilterKey[] = [];
  if (filters.action !== null) keys.push('action');
  if (filters.memberId !== null) keys.push('memberId');
  if (filters.actorMemberId !== null) keys.push('actorMemberId');
  if (dayStart(filters.fromDay) !== null || dayEnd(filters.toDay) !== null) keys.push('days');
  return keys;
}

export function withoutFilter(filters: AuditFilters, key: AuditFilterKey): AuditFilters {
  if (key === 'days') return { ...filters, fromDay: '', toDay: '' };
  return { ...filters, [key]: null };
}

// undefined: the locale of the person's system, as the rest of the window uses.
const dayFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'long' });

/** "5 March 2031" (in the person's locale). */
export function dayWords(day: string): string {
  const at = dayStart(day);
  return at === null ? '' : dayFormat.format(at);
}

/** The chosen range in words, or null for none: the last day is included, as chosen. */
export function rangeWords(filters: AuditFilters): string | null {
  const from = dayWords(filters.fromDay);
  const to = dayWords(filters.toDay);
  if (from && to) return from === to ? `On ${from}` : `From ${from} to ${to}, both days included`;
  if (from) return `From ${from} on`;
  if (to) return `Up to ${to}, included`;
  return null;
}

/** The person's time zone, as their system names it ("Europe/Paris"). */
export function ownTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}

/** Why the list is empty, in words: "No “Revoked” entries involving Ada, done by Olive Owner, on 5 March 2031." */
export function emptySentence(filters: AuditFilters, names: { member: string | null; actor: string | null }): string {
  const parts: string[] = [];
  if (filters.memberId) parts.push(`involving ${names.member ?? 'the chosen member'}`);
  if (filters.actorMemberId) parts.push(`done by ${names.actor ?? 'the chosen member'}`);
  const range = rangeWords(filters);
  if (range) parts.push(range.charAt(0).toLowerCase() + range.slice(1));
  const what = filters.action ? `No “${AUDIT_ACTION_LABELS[filters.action]}” entries` : 'No entries';
  return parts.length > 0 ? `${what} ${parts.join(', ')}.` : `${what}.`;
}
