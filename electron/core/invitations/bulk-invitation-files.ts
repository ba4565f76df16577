// Issue 13: the CSV files of the "Invite many" screen, written as the member
// export writes its own (RFC 4180, CRLF, UTF-8 with a byte order mark so
// spreadsheets read the accents), every cell a person or a list typed
// neutralised against formula injection (neutraliseFormula: an address or
// a team cell starting "=HYPERLINK(" must not run when the file is opened).
// - the results: one line per row of the list, what became of it and why;
// - the template: the columns a list is read by, and a few example rows.
import { writeFile } from 'node:fs/promises';
import { stringify } from 'csv-stringify/sync';
import type { BulkResultLine, BulkResultOutcome } from '../../../shared/api/bulk-invitations-contract';
import { neutraliseFormula } from '../export/csv-cells';

export const RESULT_COLUMNS = ['Row', 'Email', 'Access level', 'Team', 'Restrictions', 'Result', 'Invitation link', 'Reason'] as const;
export const TEMPLATE_COLUMNS = ['Email', 'Access level', 'Team', 'Restrictions'] as const;

/** The result of a row in words, as the screen shows it. */
export const OUTCOME_WORDS = {
  emailed: 'Invitation emailed',
  link: 'Link to pass on',
  refused: 'Not invited',
} as const satisfies Record<BulkResultOutcome, string>;

/** Shown when the hub answered a retried list again: it keeps no link, so there is none to show. */
export const LINK_NOT_SHOWN_AGAIN = 'The link cannot be shown again: resend the invitation from the Users page.';

function csv(header: readonly string[], records: ReadonlyArray<readonly string[]>): string {
  return stringify(
    records.map((record) => record.map(neutraliseFormula)),
    { bom: true, header: true, columns: [...header], record_delimiter: '\r\n' },
  );
}

export function resultsCsv(rows: readonly BulkResultLine[]): string {
  return csv(
    RESULT_COLUMNS,
    rows.map((row) => [
      String(row.line),
      row.email,
      row.level,
      row.team,
      row.restrictions.join('; '),
      OUTCOME_WORDS[row.outcome],
      row.link ?? (row.outcome === 'link' ? LINK_NOT_SHOWN_AGAIN : ''),
      row.reason ?? '',
    ]),
  );
}

/** A list to start from: an Agent with nothing more, an Agent in a team with two restrictions, a Manager with one. */
export function templateCsv(): string {
  return csv(TEMPLATE_COLUMNS, [
    ['ana.agent@example.com', 'Agent', '', ''],
    ['ben.agent@example.com', 'Agent', 'Support', 'Restrict Contact Visibility: team and self; Restrict Workflows Button'],
    ['mia.manager@example.com', 'Manager', '', 'Data Export'],
  ]);
}

export async function writeCsvFile(path: string, text: string): Promise<void> {
  await writeFile(path, text, { encoding: 'utf8', mode: 0o600 });
}
