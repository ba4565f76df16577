// U8/D3: the member list as CSV (RFC 4180, UTF-8 with a BOM so spreadsheets
// read the accents), streamed with progress, with every cell that a
// spreadsheet would run as a formula neutralised.
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import type { Stringifier } from 'csv-stringify';
import { stringify } from 'csv-stringify';
import type { Member, Team } from '../../../shared/domain';
import type { Restrictions } from '../../../shared/policy';
import { ACCESS_LEVEL_LABELS, activeRestrictionIds, restrictionById } from '../../../shared/policy';

export const MEMBER_CSV_COLUMNS = ['Name', 'Email', 'Access level', 'Status', 'Team', 'Restrictions', 'Last seen', 'Invited', 'Joined'] as const;

/** = + - @ tab CR LF: what a spreadsheet may take as the start of a formula. */
const FORMULA_STARTS = new Set([0x3d, 0x2b, 0x2d, 0x40, 0x09, 0x0d, 0x0a]);

/** A leading apostrophe makes spreadsheets show the text instead of running it (OWASP CSV injection). */
export function neutraliseFormula(cell: string): string {
  return FORMULA_STARTS.has(cell.charCodeAt(0)) ? `'${cell}` : cell;
}

const DAY_MS = 86_400_000;
/** Year 10000: from there toISOString() writes six-digit years, which the day prefix below does not. */
const LAST_FOUR_DIGIT_YEAR_MS = 253_402_300_800_000;
const dayPrefixes = new Map<number, string>();

const twoDigits = (value: number) => (value < 10 ? `0${value}` : String(value));

/**
 * What new Date(at).toISOString() writes, about fifteen times faster: an
 * export writes three times per member, and the date part ("2026-01-02T")
 * is looked up per day instead of built each time.
 */
export function isoTime(at: number | null): string {
  if (at === null) return '';
  if (!Number.isInteger(at) || at < 0 || at >= LAST_FOUR_DIGIT_YEAR_MS) return new Date(at).toISOString();
  const day = Math.floor(at / DAY_MS);
  let prefix = dayPrefixes.get(day);
  if (prefix === undefined) {
    if (dayPrefixes.size > 50_000) dayPrefixes.clear();
    prefix = new Date(day * DAY_MS).toISOString().slice(0, 11);
    dayPrefixes.set(day, prefix);
  }
  const inDay = at - day * DAY_MS;
  const milliseconds = inDay % 1000;
  const seconds = Math.floor(inDay / 1000) % 60;
  const minutes = Math.floor(inDay / 60_000) % 60;
  const hours = Math.floor(inDay / 3_600_000);
  return `${prefix}${twoDigits(hours)}:${twoDigits(minutes)}:${twoDigits(seconds)}.${milliseconds < 10 ? '00' : milliseconds < 100 ? '0' : ''}${milliseconds}Z`;
}

/** The Restrictions cell: each switched-on restriction with its rule, R5 with its scope. */
export function restrictionsCell(restrictions: Restrictions): string {
  return activeRestrictionIds(restrictions)
    .map((id) => `${id} ${restrictionById(id).label}${id === 'R5' ? ` (${restrictions.contactVisibility.replace(/_/g, ' ')})` : ''}`)
    .join('; ');
}

/** One member's cells, in MEMBER_CSV_COLUMNS' order, neutralised. */
export function memberCsvRow(member: Member, teamNames: ReadonlyMap<string, string>): string[] {
  return [
    member.displayName,
    member.email,
    ACCESS_LEVEL_LABELS[member.level],
    member.status === 'pending' ? 'Pending' : 'Active',
    member.teamId ? (teamNames.get(member.teamId) ?? '') : '',
    restrictionsCell(member.restrictions),
    member.isOnline ? 'online now' : isoTime(member.lastSeenAt),
    isoTime(member.invitedAt),
    isoTime(member.joinedAt),
  ].map(neutraliseFormula);
}

/** The CSV writer every export uses: RFC 4180 with CRLF, UTF-8 with a BOM, a header row. */
export function memberCsvStringifier(): Stringifier {
  return stringify({ bom: true, header: true, columns: [...MEMBER_CSV_COLUMNS], record_delimiter: '\r\n' });
}

/** The members the caller holds in memory, to a file (the replica's own export is members-csv-export.ts). */
export async function writeMembersCsv(
  file: string,
  members: readonly Member[],
  teams: readonly Team[],
  onProgress: (written: number, total: number) => void = () => undefined,
): Promise<number> {
  const teamNames = new Map(teams.map((team) => [team.id, team.name]));
  const output = createWriteStream(file);
  const csv = memberCsvStringifier();
  csv.pipe(output);
  const step = Math.max(1, Math.floor(members.length / 100));
  for (let index = 0; index < members.length; index += 1) {
    const member = members[index];
    if (!member) continue;
    if (!csv.write(memberCsvRow(member, teamNames))) await once(csv, 'drain');
    if ((index + 1) % step === 0) onProgress(index + 1, members.length);
  }
  csv.end();
  await once(output, 'finish');
  onProgress(members.length, members.length);
  return members.length;
}
