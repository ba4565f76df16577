// Issue 13 in the browser: an Owner types a list, fixes what its rows say,
// has the hub check it, confirms, watches it go, reads one result per row
// and downloads them; the mails reach a real SMTP sink and the hub's store
// holds what was asked, no more. A Manager's list is held to A4 row by row,
// a hostile file is refused in words and neutralised in the results file,
// and a long list shows its progress.
import { readFile } from 'node:fs/promises';
import { parse } from 'csv-parse/sync';
import { BulkInvitePage } from './pages/bulk-invite-page';
import { expectAccessible } from './support/expect-accessible';
import { expect, MEMBER_PASSWORD, OWNER_PASSWORD, test } from './support/fixtures';

test('issue 13: an Owner types a list, fixes it, checks it, confirms, and gets one result per row', async ({ workplace }) => {
  const { hub, owner, smtp } = workplace;
  await owner.mutate('team.create', { name: 'Support' });
  await owner.mutate('member.invite', { input: { email: 'pending@acme.example', level: 'agent' } });
  smtp.mails.length = 0;
  const { page } = await workplace.openDesktop(hub.ownerEmail, OWNER_PASSWORD);
  const bulk = new BulkInvitePage(page);
  await bulk.openFromAddUser();

  await bulk.typeList(['ana@acme.example', 'bo@acme.example', 'pending@acme.example', 'not an address', 'ANA@acme.example']);
  await expect(page.getByTestId('bulk-row-count')).toHaveText('5 rows');
  await expect(bulk.email(4)).toContainText('Enter a valid email address, such as name@example.com.');
  await expect(bulk.status(5)).toHaveText('The same address is on row 1 of this list; each person is invited once.');
  await expectAccessible(page, 'invite many, rows');

  // The person fixes the list: a real address, a Manager, a team, the repeat removed.
  await bulk.retypeEmail(4, 'cy@acme.example');
  await expect(bulk.email(4)).not.toContainText('Enter a valid email address');
  await bulk.chooseLevel(2, 'Manager');
  await bulk.chooseTeam(1, 'Support');
  await bulk.remove(5);
  await expect(page.getByTestId('bulk-send')).toBeDisabled();

  await bulk.check();
  await expect(bulk.status(1)).toHaveText('Ready');
  await expect(bulk.status(3)).toHaveText('pending@acme.example is already invited to this workspace; resend the invitation instead.');
  await expect(page.getByTestId('bulk-check-summary')).toContainText('3 people ready to invite; 1 will not be invited');
  await expect(page.getByTestId('bulk-check-summary')).toContainText('Each will get an email');
  // Nothing has been sent before the person confirms.
  expect(smtp.mails).toHaveLength(0);
  expect(await hub.hub.store.people.byEmail('ana@acme.example')).toBeUndefined();

  await expect(page.getByTestId('bulk-send')).toHaveText('Invite 3 people');
  await bulk.send();
  await expect(page.getByTestId('bulk-results-summary')).toHaveText('3 people invited · 3 by email · 1 not invited');
  await expect(bulk.result(1)).toHaveText('Invitation emailed');
  await expect(bulk.result(3)).toHaveText('Not invited');
  await expect(bulk.reason(3)).toHaveText('pending@acme.example is already invited to this workspace; resend the invitation instead.');
  await expectAccessible(page, 'invite many, results');

  const download = await bulk.downloadResults();
  expect(download.suggestedFilename()).toMatch(/^Invitation results \d{4}-\d{2}-\d{2}\.csv$/);
  const text = await readFile(await download.path(), 'utf8');
  expect(text.startsWith('\uFEFFRow,Email,Access level,Team,Restrictions,Result,Invitation link,Reason\r\n')).toBe(true);
  const records = parse(text, { bom: true, columns: true }) as Array<Record<string, string>>;
  expect(records.map((record) => [record['Row'], record['Email'], record['Access level'], record['Team'], record['Result']])).toEqual([
    ['1', 'ana@acme.example', 'Agent', 'Support', 'Invitation emailed'],
    ['2', 'bo@acme.example', 'Manager', '', 'Invitation emailed'],
    ['3', 'pending@acme.example', 'Agent', '', 'Not invited'],
    ['4', 'cy@acme.example', 'Agent', '', 'Invitation emailed'],
  ]);

  // What the hub stored: three pending members as asked, one entry per invitation and one for the list.
  const store = hub.hub.store;
  const stored = async (email: string) => (await store.members.inWorkspace(hub.workspaceId)).find((member) => member.email === email);
  expect(await stored('ana@acme.example')).toMatchObject({ status: 'pending', level: 'agent', teamId: (await store.teams.byName(hub.workspaceId, 'Support'))?.id });
  expect(await stored('bo@acme.example')).toMatchObject({ status: 'pending', level: 'manager', teamId: null });
  expect(await stored('cy@acme.example')).toMatchObject({ status: 'pending', level: 'agent' });
  expect((await store.members.inWorkspace(hub.workspaceId)).filter((member) => member.email === 'pending@acme.example')).toHaveLength(1);
  const audit = await store.audit.all(hub.workspaceId);
  expect(audit.filter((entry) => entry.action === 'members.bulk_invited').map((entry) => entry.after)).toEqual([{ rows: 3, invited: 3, refused: 0 }]);
  expect(smtp.mails.map((mail) => mail.to).sort()).toEqual(['ana@acme.example', 'bo@acme.example', 'cy@acme.example']);

  // The new members are on the Users page, pending, like any invitation.
  await page.getByTestId('bulk-done').click();
  await page.getByTestId('member-search').getByRole('textbox').fill('acme.example');
  await expect(page.locator('[data-member="bo@acme.example"]')).toBeVisible();
});

test('issue 13: a Manager’s list is held to A4 row by row, and a hostile file is refused in words and neutralised in the results', async ({ workplace }) => {
  const { hub, owner } = workplace;
  await hub.addMember(owner, 'mia@acme.example', 'manager', {}, 'Mia Manager');
  const { page } = await workplace.openDesktop('mia@acme.example', MEMBER_PASSWORD);
  const bulk = new BulkInvitePage(page);
  await bulk.openFromAddUser();
  await expect(page.getByText('You can invite Agents only.')).toBeVisible();

  const template = await bulk.downloadTemplate();
  expect(template.suggestedFilename()).toBe('Invitation list template.csv');
  expect(await readFile(await template.path(), 'utf8')).toContain('Email,Access level,Team,Restrictions');

  await bulk.importFile(
    'people.csv',
    [
      'Email,Access level,Team,Restrictions',
      'owner.to.be@acme.example,Owner,,',
      'agent.one@acme.example,Agent,,Restrict Workflows Button',
      'eve\u202Emoc.elpmaxe@acme.example,Agent,,',
      'zero\u200Bwidth@acme.example,Agent,,',
      '"=HYPERLINK(""http://evil.example"",""click"")",Agent,,',
      'agent.two@acme.example,Agent,"=HYPERLINK(""http://evil.example"",""x"")",',
    ].join('\r\n'),
  );
  await expect(page.getByTestId('bulk-row-count')).toHaveText('6 rows');
  await expect(bulk.email(4)).toContainText('Email address cannot contain characters that reverse the direction of text.');
  await expect(bulk.email(5)).toContainText('This address holds an invisible character (such as a zero-width space); type it again.');
  await expect(bulk.email(6)).toContainText('Enter a valid email address, such as name@example.com.');

  await bulk.check();
  await expect(bulk.status(2)).toHaveText('Managers can invite Agents only, not Owners.');
  await expect(bulk.status(3)).toHaveText('Ready');
  await expect(bulk.status(7)).toContainText('There is no team named “=HYPERLINK(');
  await bulk.send();
  await expect(page.getByTestId('bulk-results-summary')).toHaveText('1 person invited · 1 by email · 5 not invited');

  const records = parse(await readFile(await (await bulk.downloadResults()).path(), 'utf8'), { bom: true, columns: true }) as Array<Record<string, string>>;
  const byRow = (row: string) => records.find((record) => record['Row'] === row);
  expect(byRow('6')?.['Email']).toBe(`'=HYPERLINK("http://evil.example","click")`);
  expect(byRow('7')?.['Team']).toBe(`'=HYPERLINK("http://evil.example","x")`);
  expect(byRow('2')).toMatchObject({ Result: 'Not invited', Reason: 'Managers can invite Agents only, not Owners.' });
  expect(await hub.hub.store.people.byEmail('owner.to.be@acme.example')).toBeUndefined();
  expect((await hub.hub.store.members.inWorkspace(hub.workspaceId)).find((member) => member.email === 'agent.one@acme.example')).toMatchObject({
    level: 'agent',
    restrictions: { workflowsButton: true },
  });
});

test('issue 13: a long list shows how far it has got while the hub mails each invitation', async ({ workplace }) => {
  const { page } = await workplace.openDesktop(workplace.hub.ownerEmail, OWNER_PASSWORD);
  const bulk = new BulkInvitePage(page);
  await bulk.openFromAddUser();
  await bulk.pasteList(Array.from({ length: 150 }, (_, index) => `person.${index}@acme.example`).join('\n'));
  await expect(page.getByTestId('bulk-row-count')).toHaveText('150 rows');
  await bulk.check();
  await bulk.send();
  await expect(page.getByTestId('bulk-progress')).toContainText(/Inviting \d+ of 150/);
  await expect(page.getByTestId('bulk-results-summary')).toHaveText('150 people invited · 150 by email', { timeout: 60_000 });
  expect(workplace.smtp.mails).toHaveLength(150);
});
