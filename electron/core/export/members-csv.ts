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
import { isoTime, neutraliseFormula } from './csv-cells';

// Every export's cells are written by the same two helpers (csv-cells.ts); they are re-exported for the callers that know them from here.
export { isoTime, neutraliseFormula };

export const MEMBER_CSV_COLUMNS = ['Name', 'Email', 'Access level', 'Status', 'Team', 'Restrictions', 'Last seen', 'Invited', 'Joined'] as const;

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
