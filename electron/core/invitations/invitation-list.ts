// Issue 13: a pasted list of addresses, or a CSV file, read into rows for the
// "Invite many" screen. csv-parse reads the text (quotes, line breaks inside
// quotes, a byte order mark); this decides what the columns are:
// - a first row naming an "Email" column (the template's, or a member
//   export's: its other columns are left aside) says where each field is;
// - without one, the columns are email, access level, team, restrictions,
//   in that order, and a line of addresses only ("ana@x.com, bo@y.com") is
//   one row per address.
// Nothing is checked against the workspace here: the screen checks each row
// with the shared schema, and the hub decides.
import { CsvError, parse } from 'csv-parse/sync';
import type { BulkInvitationDraft } from '../../../shared/api/bulk-invitation-drafts';
import { MAX_DRAFT_CELL, splitRestrictionsCell } from '../../../shared/api/bulk-invitation-drafts';
import type { InvitationList } from '../../../shared/api/bulk-invitations-contract';
import { MAX_BULK_INVITATION_ROWS } from '../../../shared/protocol/bulk-invitations';

type Column = 'email' | 'level' | 'team' | 'restrictions';

const HEADER_WORDS: ReadonlyArray<[Column, RegExp]> = [
  ['email', /^e-?mail( address)?$/],
  ['level', /^(access )?level$|^role$/],
  ['team', /^team( name)?$/],
  ['restrictions', /^restrictions?$/],
];

const POSITIONAL: ReadonlyArray<Column | null> = ['email', 'level', 'team', 'restrictions'];

/** The first line's separator: a tab (pasted from a spreadsheet), else a comma, else a semicolon (spreadsheets in many languages). */
function separatorOf(text: string): string {
  const firstLine = text.split(/\r?\n/).find((line) => line.trim() !== '') ?? '';
  if (firstLine.includes('\t')) return '\t';
  if (firstLine.includes(',')) return ',';
  if (firstLine.includes(';')) return ';';
  return ',';
}

function columnOf(cell: string): Column | null {
  const words = cell.trim().toLowerCase().replace(/\s+/g, ' ');
  return HEADER_WORDS.find(([, pattern]) => pattern.test(words))?.[0] ?? null;
}

/** A cell far past any field's limit is cut (the row's check then refuses it in words), so a hostile file cannot fill the screen. */
function cell(value: string | undefined): string {
  const text = value ?? '';
  return text.length > MAX_DRAFT_CELL ? text.slice(0, MAX_DRAFT_CELL + 1) : text;
}

function draftOf(line: number, cells: readonly string[], columns: ReadonlyArray<Column | null>): BulkInvitationDraft {
  const at = (column: Column) => {
    const index = columns.indexOf(column);
    return index === -1 ? '' : cell(cells[index]);
  };
  return { line, email: at('email'), level: at('level'), team: at('team'), restrictions: splitRestrictionsCell(at('restrictions')).map((words) => cell(words)) };
}

/** The addresses of a line that holds nothing else ("ana@x.com, bo@y.com; cy@z.com"), or null for a line of columns. */
function addressesOnly(cells: readonly string[]): string[] | null {
  const words = cells.flatMap((each) => each.split(/[\s;,]+/)).filter((word) => word !== '');
  return words.length > 1 && words.every((word) => word.includes('@')) ? words : null;
}

interface Record {
  info: { lines: number };
  record: string[];
}

function readRecords(text: string): Record[] | string {
  try {
    return parse(text, {
      delimiter: separatorOf(text),
      bom: true,
      info: true,
      trim: true,
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: true,
      skip_records_with_empty_values: true,
    }) as unknown as Record[];
  } catch (error) {
    if (!(error instanceof CsvError)) throw error;
    const line = typeof error['lines'] === 'number' ? ` near line ${error['lines'].toLocaleString('en')}` : '';
    // csv-parse's own messages name its options; the person gets what to look at instead.
    return error.code === 'CSV_QUOTE_NOT_CLOSED'
      ? `A quoted cell is never closed${line}: check the quotes (") on that line.`
      : `Gatehouse could not read this list${line}: check that it is a CSV file, with one person per line.`;
  }
}

export function readInvitationList(text: string): InvitationList {
  if (text.trim() === '') return { rows: [], problem: 'The list is empty: paste addresses, or choose a CSV file.' };
  const records = readRecords(text);
  if (typeof records === 'string') return { rows: [], problem: records };
  const first = records[0]?.record ?? [];
  const headerColumns = first.map(columnOf);
  const hasHeader = headerColumns.includes('email');
  if (!hasHeader && headerColumns.some((column) => column !== null) && !first.some((each) => each.includes('@'))) {
    return { rows: [], problem: 'The first row names the columns, but none is “Email”. Start from the template.' };
  }
  const rows: BulkInvitationDraft[] = [];
  for (const { info, record } of hasHeader ? records.slice(1) : records) {
    const addresses = hasHeader ? null : addressesOnly(record);
    if (addresses) for (const address of addresses) rows.push(draftOf(info.lines, [address], POSITIONAL));
    else rows.push(draftOf(info.lines, record, hasHeader ? headerColumns : POSITIONAL));
  }
  if (rows.length === 0) return { rows: [], problem: 'The list has no one in it: add one person per line.' };
  if (rows.length > MAX_BULK_INVITATION_ROWS) {
    return {
      rows: [],
      problem: `This list has ${rows.length.toLocaleString('en')} people; Gatehouse invites at most ${MAX_BULK_INVITATION_ROWS.toLocaleString('en')} at once. Split it, and invite each part in turn.`,
    };
  }
  return { rows, problem: null };
}
