// Issue 11, items 1 and 4: the Add, Edit and Revoke dialogs used as a person
// uses them (type, clear, retype, change the level twice, toggle each switch
// twice), checked against what the hub stored; switches read "on = allowed";
// focus goes into the dialog and back to its opener; unsaved changes are not
// lost to a stray Escape.
import type { Workplace } from './support/fixtures';
import { expect, test } from './support/fixtures';
import { OWNER_PASSWORD } from './support/fixtures';
import { MemberDialog } from './pages/member-dialogs';
import { UsersPage } from './pages/users-page';

const MANAGER_SWITCHES = ['Can open workspace settings', 'Can delete contacts', 'Can export data', 'Can connect integrations'];

async function storedMember(workplace: Workplace, email: string) {
  return (await workplace.hub.hub.store.members.inWorkspace(workplace.hub.workspaceId)).find((member) => member.email === email);
}

test('issue 11.1/11.4: Add, typed as a person types; the hub stores the level and what the switches showed', async ({ workplace }) => {
  const { page } = await workplace.openDesktop(workplace.hub.ownerEmail, OWNER_PASSWORD);
  const users = new UsersPage(page);
  const dialog = new MemberDialog(page);
  await users.open();
  await page.getByTestId('add-user').click();
  const email = dialog.root.getByTestId('invite-email').getByRole('textbox');
  await expect(email).toBeFocused();
  await email.fill('sam@exa');
  await email.clear();
  await email.fill('sam@example.com');
  await dialog.choose('invite-level', 'Manager');
  await dialog.choose('invite-level', 'Agent');
  await dialog.choose('invite-level', 'Manager');
  await expect(dialog.root.getByTestId('level-explanation')).toContainText('Managers reach');
  expect(await dialog.permissions()).toEqual(Object.fromEntries(MANAGER_SWITCHES.map((label) => [label, true])));
  for (const label of MANAGER_SWITCHES) await dialog.toggleTwice(label);
  await dialog.permission('Can export data').click();
  await dialog.permission('Can delete contacts').click();
  const shown = await dialog.permissions();
  expect(shown).toEqual({ 'Can open workspace settings': true, 'Can delete contacts': false, 'Can export data': false, 'Can connect integrations': true });
  await page.getByTestId('invite-submit').click();
  await page.getByTestId('invite-link').waitFor();
  await page.getByRole('button', { name: 'Done' }).click();
  await expect(page.getByTestId('add-user')).toBeFocused();
  const stored = await storedMember(workplace, 'sam@example.com');
  expect(stored?.level).toBe('manager');
  // The hub stores restrictions: a switch shown off is a restriction on.
  expect(stored?.restrictions).toMatchObject({ workspaceSettings: !shown['Can open workspace settings'], contactDeletion: true, dataExport: true, integrations: false });
});

test('issue 11.4: an Agent’s contact visibility is a select and masking reads "Sees phone numbers and emails"', async ({ workplace }) => {
  const { page } = await workplace.openDesktop(workplace.hub.ownerEmail, OWNER_PASSWORD);
  const users = new UsersPage(page);
  const dialog = new MemberDialog(page);
  await users.open();
  await page.getByTestId('add-user').click();
  await dialog.root.getByTestId('invite-email').getByRole('textbox').fill('ada@example.com');
  await expect(dialog.root.getByTestId('level-explanation')).toContainText('Agents reach');
  await dialog.choose('permission-R5', 'Only their own');
  await dialog.choose('permission-R5', 'Their team’s and their own');
  await dialog.toggleTwice('Sees the workflows button');
  await dialog.toggleTwice('Sees phone numbers and emails');
  await dialog.permission('Sees phone numbers and emails').click();
  expect(await dialog.permissions()).toEqual({ 'Sees the workflows button': true, 'Sees phone numbers and emails': false });
  await page.getByTestId('invite-submit').click();
  await page.getByTestId('invite-link').waitFor();
  expect(await storedMember(workplace, 'ada@example.com')).toMatchObject({
    level: 'agent',
    restrictions: { contactVisibility: 'team_and_self', workflowsButton: false, maskContactDetails: true },
  });
});

test('issue 11.1: Edit shows the stored restrictions as switches, changes the level and one switch, and the hub stores it', async ({ workplace }) => {
  await workplace.hub.addMember(workplace.owner, 'eve@example.com', 'agent', { workflowsButton: true });
  const { page } = await workplace.openDesktop(workplace.hub.ownerEmail, OWNER_PASSWORD);
  const users = new UsersPage(page);
  const dialog = new MemberDialog(page);
  await users.open();
  const opener = page.getByTestId('edit-eve@example.com');
  await opener.click();
  await expect(dialog.root.getByRole('combobox', { name: 'Access level' })).toBeFocused();
  expect(await dialog.permissions()).toEqual({ 'Sees the workflows button': false, 'Sees phone numbers and emails': true });
  await dialog.choose('edit-level', 'Manager');
  await expect(dialog.root.getByTestId('level-explanation')).toContainText('Managers reach');
  await dialog.toggleTwice('Can connect integrations');
  await dialog.permission('Can connect integrations').click();
  await page.getByTestId('edit-submit').click();
  await expect(users.row('eve@example.com')).toContainText('Manager');
  await expect(opener).toBeFocused();
  expect(await storedMember(workplace, 'eve@example.com')).toMatchObject({
    level: 'manager',
    restrictions: { integrations: true, workspaceSettings: false, contactDeletion: false, dataExport: false },
  });
  // issue 11.3: the audit log names the levels as people read them.
  await page.getByTestId('nav-audit').click();
  await expect(page.getByTestId('audit-table')).toContainText('Agent → Manager');
});

test('issue 11.1: Revoke with an heir chosen moves every contact in the hub; focus starts on the first field', async ({ workplace }) => {
  const leaver = await workplace.hub.addMember(workplace.owner, 'leaver@example.com', 'agent');
  const heir = await workplace.hub.addMember(workplace.owner, 'heir@example.com', 'agent');
  for (const name of ['Ann', 'Ben']) await workplace.owner.mutate('contact.create', { name, phone: null, email: null, assigneeId: leaver, teamId: null });
  const { page } = await workplace.openDesktop(workplace.hub.ownerEmail, OWNER_PASSWORD);
  const users = new UsersPage(page);
  const dialog = new MemberDialog(page);
  await users.open();
  await page.getByTestId('revoke-leaver@example.com').click();
  const reassign = dialog.root.getByTestId('revoke-reassign').getByRole('checkbox');
  await expect(reassign).toBeFocused();
  await reassign.check();
  await reassign.uncheck();
  await expect(page.getByTestId('revoke-contact-count')).toContainText('They will become unassigned');
  await reassign.check();
  // The heir picker: each option is the name, with the address under it.
  await dialog.root.getByTestId('revoke-heir').click();
  await page.getByRole('option', { name: /^heir heir@example\.com$/ }).click();
  await page.getByTestId('revoke-confirm').getByRole('checkbox').check();
  await page.getByTestId('revoke-submit').click();
  await expect(users.row('leaver@example.com')).toHaveCount(0);
  expect((await workplace.hub.hub.store.contacts.inWorkspace(workplace.hub.workspaceId)).map((contact) => contact.assigneeId)).toEqual([heir, heir]);
  expect(await storedMember(workplace, 'leaver@example.com')).toBeUndefined();
});

test('issue 11.1: Escape asks before losing unsaved changes, and focus returns to the opener', async ({ workplace }) => {
  await workplace.hub.addMember(workplace.owner, 'kim@example.com', 'agent');
  const { page } = await workplace.openDesktop(workplace.hub.ownerEmail, OWNER_PASSWORD);
  const users = new UsersPage(page);
  const dialog = new MemberDialog(page);
  await users.open();
  // Nothing typed: Escape closes at once and focus goes back to Edit.
  await page.getByTestId('edit-kim@example.com').click();
  await dialog.root.waitFor();
  await page.keyboard.press('Escape');
  await expect(dialog.root).toHaveCount(0);
  await expect(page.getByTestId('edit-kim@example.com')).toBeFocused();
  // Something typed: Escape asks; keeping goes on with the text intact.
  await page.getByTestId('add-user').click();
  const email = dialog.root.getByTestId('invite-email').getByRole('textbox');
  await email.fill('half@exam');
  await page.keyboard.press('Escape');
  await expect(dialog.discardQuestion).toBeVisible();
  await dialog.discardQuestion.getByRole('button', { name: 'Keep editing' }).click();
  await expect(dialog.discardQuestion).toHaveCount(0);
  await expect(email).toHaveValue('half@exam');
  await expect(email).toBeFocused();
  // Cancel asks too; discarding closes and returns focus to Add user.
  await dialog.root.getByRole('button', { name: 'Cancel' }).click();
  await dialog.discardQuestion.getByRole('button', { name: 'Discard', exact: true }).click();
  await expect(page.getByRole('dialog')).toHaveCount(0);
  await expect(page.getByTestId('add-user')).toBeFocused();
  expect(await storedMember(workplace, 'half@exam')).toBeUndefined();
});
