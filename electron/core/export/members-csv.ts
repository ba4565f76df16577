// U8/D3: the member list as CSV (RFC 4180, UTF-8 with a BOM so spreadsheets
// read the accents), streamed with progress, with every cell that a
// spreadsheet would run as a formula neutralised.
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { stringify } from 'csv-stringify';
import type { Member, Team } from '../../../shared/domain';
import { ACCESS_LEVEL_LABELS, activeRestrictionIds, restrictionById } from '../../../shared/policy';

export const MEMBER_CSV_COLUMNS = ['Name', 'Email', 'Access level', 'Status', 'Team', 'Restrictions', 'Last seen', 'Invited', 'Joined'] as const;

const FORMULA_START = /^[=+\-@\t\r\n]/;

/** A leading apostrophe makes spreadsheets show the text instead of running it (OWASP CSV injection). */
export function neutraliseFormula(cell: string): string {
  return FORMULA_START.test(cell) ? `'${cell}` : cell;
}

const iso = (at: number | null): string => (at === null ? '' : new Date(at).toISOString());

export function memberCsvRow(member: Member, teamNames: ReadonlyMap<string, string>): string[] {
  const restrictions = activeRestrictionIds(member.restrictions)
    .map((id) => `${id} ${restrictionById(id).label}${id === 'R5' ? ` (${member.restrictions.contactVisibility.replace(/_/g, ' ')})` : ''}`)
    .join('; ');
  return [
    member.displayName,
    member.email,
    ACCESS_LEVEL_LABELS[member.level],
    member.status === 'pending' ? 'Pending' : 'Active',
    member.teamId ? (teamNames.get(member.teamId) ?? '') : '',
    restrictions,
    member.isOnline ? 'online now' : iso(member.lastSeenAt),
    iso(member.invitedAt),
    iso(member.joinedAt),
  ].map(neutraliseFormula);
}

export async function writeMembersCsv(
  file: string,
  members: readonly Member[],
  teams: readonly Team[],
  onProgress: (written: number, total: number) => void = () => undefined,
): Promise<number> {
  const teamNames = new Map(teams.map((team) => [team.id, team.name]));
  const output = createWriteStream(file);
  const csv = stringify({ bom: true, header: true, columns: [...MEMBER_CSV_COLUMNS], record_delimiter: '\r\n' });
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
