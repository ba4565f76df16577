// X1: the audit log as CSV rows a reviewer reads: when (in UTC, and in the
// person's own time zone), who acted, what they did, to whom, and the details
// in the words the Audit log page uses. Every cell goes through the same
// formula guard as the member export, since names are typed by people.
//
// Why two times: the UTC one is exact and sorts and compares across offices
// (ISO 8601, what the hub stores); the local one, with its UTC offset, is how
// the person who exported it reads the day, and stays exact across a change
// of daylight saving time (02:30 may happen twice; +02:00 and +01:00 tell
// them apart).
import type { AuditEntry } from '../../../shared/domain';
import { AUDIT_ACTION_LABELS, describeAuditEntry } from '../../../shared/domain/audit-words';
import { isoTime, neutraliseFormula } from './csv-cells';

/** The header row: the second column names the zone its times are in. */
export function auditCsvColumns(timeZone: string): string[] {
  return ['Time (UTC)', `Time (${timeZone})`, 'Who', 'What', 'Whom', 'Details'];
}

/**
 * A moment as a wall clock in `timeZone` shows it, with the offset from UTC:
 * "2031-03-03 01:00:00 +01:00". Throws a RangeError for a zone the system
 * does not know (the API refuses those first).
 */
export function zonedTime(timeZone: string): (at: number) => string {
  const format = new Intl.DateTimeFormat('en-US', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
    timeZoneName: 'longOffset',
  });
  return (at) => {
    const parts: Record<string, string> = {};
    for (const part of format.formatToParts(new Date(at))) parts[part.type] = part.value;
    // "GMT+01:00", or "GMT" alone where the zone is at UTC.
    const offset = parts['timeZoneName']?.replace(/^GMT/, '') || '+00:00';
    return `${parts['year']}-${parts['month']}-${parts['day']} ${parts['hour']}:${parts['minute']}:${parts['second']} ${offset}`;
  };
}

/** One entry's cells, in auditCsvColumns' order, neutralised. */
export function auditCsvRow(entry: AuditEntry, localTime: (at: number) => string): string[] {
  return [
    isoTime(entry.at),
    localTime(entry.at),
    entry.actorName,
    AUDIT_ACTION_LABELS[entry.action],
    entry.targetName ?? '',
    describeAuditEntry(entry, { time: localTime }),
  ].map(neutraliseFormula);
}
