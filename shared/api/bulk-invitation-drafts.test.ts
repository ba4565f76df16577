// Issue 13: a row as a person writes it, checked with the hub's own row
// schema before anything is sent: words for levels and restrictions, a
// reason per column in plain words, hostile text refused, repeats found.
import { describe, expect, it } from 'vitest';
import { NO_RESTRICTIONS } from '../policy';
import type { BulkInvitationDraft } from './bulk-invitation-drafts';
import { checkDraft, levelFromWords, repeatedAddresses, restrictionWords, restrictionWordsFor, splitRestrictionsCell } from './bulk-invitation-drafts';

const draft = (fields: Partial<BulkInvitationDraft>): BulkInvitationDraft => ({ line: 2, email: 'ana@example.com', level: 'Agent', team: '', restrictions: [], ...fields });

describe('issue 13: a list row in words', () => {
  it('A1: reads levels and restrictions as the template writes them, in any case, and as the member export writes them', () => {
    expect(['owner', 'MANAGER', ' agent '].map(levelFromWords)).toEqual(['owner', 'manager', 'agent']);
    expect(levelFromWords('admin')).toBeNull();
    const check = checkDraft(draft({ level: 'manager', restrictions: ['data export', 'R2 Contact Deletion', 'Integrations'] }));
    expect(check.row?.restrictions).toEqual({ ...NO_RESTRICTIONS, dataExport: true, contactDeletion: true, integrations: true });
    const agent = checkDraft(draft({ restrictions: splitRestrictionsCell('Restrict Contact Visibility: self only; Mask Phone Number and Email Address') }));
    expect(agent.row?.restrictions).toMatchObject({ contactVisibility: 'self_only', maskContactDetails: true });
    const exported = checkDraft(draft({ restrictions: ['R5 Restrict Contact Visibility (team and self)'] }));
    expect(exported.row?.restrictions.contactVisibility).toBe('team_and_self');
  });

  it('writes restrictions back in the same words, and offers each level only its own', () => {
    expect(restrictionWords({ ...NO_RESTRICTIONS, contactVisibility: 'team_and_self', workflowsButton: true })).toEqual([
      'Restrict Contact Visibility: team and self',
      'Restrict Workflows Button',
    ]);
    expect(restrictionWordsFor('manager')).toEqual(['Access to Workspace Settings', 'Contact Deletion', 'Data Export', 'Integration']);
    expect(restrictionWordsFor('owner')).toEqual([]);
  });

  it('A5: says what is wrong in each column, in plain words', () => {
    const check = checkDraft(draft({ email: 'not an address', level: 'admin', restrictions: ['Superpowers'] }));
    expect(check.problems).toEqual({
      email: 'Enter a valid email address, such as name@example.com.',
      level: 'Choose an access level: Owner, Manager or Agent.',
      restrictions: '“Superpowers” is not a restriction Gatehouse knows; use the names in the template.',
    });
    expect(checkDraft(draft({ restrictions: ['Restrict Contact Visibility'] })).problems?.restrictions).toContain('Say which contacts');
    expect(checkDraft(draft({ email: '' })).problems?.email).toBe('Enter a valid email address, such as name@example.com.');
  });

  it('hostile text: reversed, broken, invisible and oversized text is refused with the reason; a formula is not an address', () => {
    const cases: Array<[Partial<BulkInvitationDraft>, keyof NonNullable<ReturnType<typeof checkDraft>['problems']>, string]> = [
      [{ email: 'eve\u202Emoc.elpmaxe@x.com' }, 'email', 'Email address cannot contain characters that reverse the direction of text.'],
      [{ email: 'lone\uDC00@example.com' }, 'email', 'Email address contains a broken character; type it again.'],
      [{ email: 'zero\u200Bwidth@example.com' }, 'email', 'This address holds an invisible character (such as a zero-width space); type it again.'],
      [{ email: '\uFEFFbom@example.com' }, 'email', 'This address holds an invisible character (such as a zero-width space); type it again.'],
      [{ email: `${'x'.repeat(1_001)}@example.com` }, 'email', 'An email address is at most 254 characters.'],
      [{ email: '=HYPERLINK("http://evil.example","click")' }, 'email', 'Enter a valid email address, such as name@example.com.'],
      [{ team: 'Sup\u202Eport' }, 'team', 'Team name cannot contain characters that reverse the direction of text.'],
      [{ team: 'T'.repeat(61) }, 'team', 'A team name is at most 60 characters.'],
    ];
    for (const [fields, column, message] of cases) expect(checkDraft(draft(fields)).problems?.[column]).toBe(message);
  });

  it('accepts an address in capitals and with blanks around it as the hub stores it', () => {
    expect(checkDraft(draft({ email: '  Ana.Lima@Example.COM ', team: ' Support ' })).row).toMatchObject({ email: 'ana.lima@example.com', team: 'Support', level: 'agent' });
  });

  it('A5: an address written twice is refused on its later rows, which say where the first is', () => {
    const repeated = repeatedAddresses([
      { line: 2, email: 'a@example.com' },
      { line: 3, email: null },
      { line: 4, email: 'b@example.com' },
      { line: 7, email: 'a@example.com' },
      { line: 9, email: 'a@example.com' },
    ]);
    expect([...repeated]).toEqual([
      [3, 2],
      [4, 2],
    ]);
  });
});
