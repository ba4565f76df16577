// Issue 13: reading a pasted list or a CSV file into rows: the template's
// columns, a member export's, a plain list of addresses, the separators
// spreadsheets use, quotes, and what cannot be read, said in words.
import { describe, expect, it } from 'vitest';
import { checkDraft } from '../../../shared/api/bulk-invitation-drafts';
import { templateCsv } from './bulk-invitation-files';
import { readInvitationList } from './invitation-list';

/** The first row read, or a failure that says the list had none. */
function firstRow(text: string) {
  const row = readInvitationList(text).rows[0];
  if (!row) throw new Error('the list had no row');
  return row;
}

describe('issue 13: reading a list', () => {
  it('reads pasted addresses, one per line or several to a line, each with the line it came from', () => {
    const list = readInvitationList('ana@example.com\n\n  bo@example.com  \ncy@example.com, di@example.com; ed@example.com fay@example.com\n');
    expect(list.problem).toBeNull();
    expect(list.rows.map((row) => [row.line, row.email, row.level])).toEqual([
      [1, 'ana@example.com', ''],
      [3, 'bo@example.com', ''],
      [4, 'cy@example.com', ''],
      [4, 'di@example.com', ''],
      [4, 'ed@example.com', ''],
      [4, 'fay@example.com', ''],
    ]);
    // A line with a level is a row, not a list of addresses.
    expect(readInvitationList('gil@example.com, Manager').rows).toEqual([{ line: 1, email: 'gil@example.com', level: 'Manager', team: '', restrictions: [] }]);
  });

  it('reads the template back: its header names the columns, and every example row passes its check', () => {
    const list = readInvitationList(templateCsv());
    expect(list.problem).toBeNull();
    expect(list.rows.map((row) => row.line)).toEqual([2, 3, 4]);
    expect(list.rows[1]).toMatchObject({ email: 'ben.agent@example.com', level: 'Agent', team: 'Support', restrictions: ['Restrict Contact Visibility: team and self', 'Restrict Workflows Button'] });
    for (const row of list.rows) expect(checkDraft(row).problems).toBeNull();
  });

  it('reads a member export: columns by name, in any order, the others left aside', () => {
    const exported = '\uFEFFName,Email,Access level,Status,Team,Restrictions\r\nMia,mia@example.com,Manager,Pending,,"R3 Data Export; R2 Contact Deletion"\r\n';
    expect(readInvitationList(exported).rows).toEqual([{ line: 2, email: 'mia@example.com', level: 'Manager', team: '', restrictions: ['R3 Data Export', 'R2 Contact Deletion'] }]);
    expect(checkDraft(firstRow(exported)).row?.restrictions).toMatchObject({ dataExport: true, contactDeletion: true });
  });

  it('reads columns separated by semicolons or tabs (a spreadsheet pasted), and quoted cells with commas and line breaks', () => {
    expect(readInvitationList('Email;Access level;Team\nana@example.com;Manager;"Sales, North"').rows[0]).toMatchObject({ level: 'Manager', team: 'Sales, North' });
    expect(readInvitationList('ana@example.com\tAgent\tSupport\n').rows[0]).toMatchObject({ email: 'ana@example.com', level: 'Agent', team: 'Support' });
    const multiline = readInvitationList('email,team\n"ana@example.com","Night\nshift"\nbo@example.com,\n');
    expect(multiline.rows.map((row) => [row.line, row.email])).toEqual([
      [3, 'ana@example.com'],
      [4, 'bo@example.com'],
    ]);
  });

  it('keeps a formula cell as the text it is (the row check refuses it; the results file neutralises it)', () => {
    // As a spreadsheet saves it: the cell quoted, its quotes doubled.
    const list = readInvitationList('"=HYPERLINK(""http://evil.example"",""x"")",Agent,=1+1\n');
    expect(list.rows[0]).toMatchObject({ email: '=HYPERLINK("http://evil.example","x")', team: '=1+1' });
  });

  it('cuts a cell far past any field (the row check then says it is too long)', () => {
    const row = firstRow(`${'a'.repeat(50_000)}@example.com,Agent\n`);
    expect(row.email).toHaveLength(1_001);
    expect(checkDraft(row).problems?.email).toBe('An email address is at most 254 characters.');
  });

  it('says in words why a list cannot be read: empty, no Email column, a quote never closed, over 1,000 people', () => {
    expect(readInvitationList(' \n\n').problem).toBe('The list is empty: paste addresses, or choose a CSV file.');
    expect(readInvitationList('Name,Team\nAna,Support\n').problem).toBe('The first row names the columns, but none is “Email”. Start from the template.');
    expect(readInvitationList('Email\n').problem).toBe('The list has no one in it: add one person per line.');
    expect(readInvitationList('email\nana@example.com\n"bo@example.com\ncy@example.com\n').problem).toMatch(/^A quoted cell is never closed near line \d: check the quotes/);
    const thousand = Array.from({ length: 1_000 }, (_, index) => `p${index}@example.com`).join('\n');
    expect(readInvitationList(thousand).rows).toHaveLength(1_000);
    expect(readInvitationList(`${thousand}\nlast@example.com`).problem).toBe(
      'This list has 1,001 people; Gatehouse invites at most 1,000 at once. Split it, and invite each part in turn.',
    );
  });
});
