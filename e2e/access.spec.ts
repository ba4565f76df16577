// U1, L3, A4 in the browser: each member sees only what they may use, and
// the matrix says why a cell is closed; one's own access reads to oneself.
import { expect, test } from './support/fixtures';
import { MEMBER_PASSWORD, OWNER_PASSWORD } from './support/fixtures';
import { expectAccessible } from './support/expect-accessible';
import { MemberDialog } from './pages/member-dialogs';
import { YourAccessSection } from './pages/organization-pages';
import { expectPlainWords } from './pages/plain-words';
import { UsersPage } from './pages/users-page';

test('U1/R1: a Manager with the Workspace Settings restriction cannot reach the Users page', async ({ workplace }) => {
  await workplace.hub.addMember(workplace.owner, 'r1@example.com', 'manager', { workspaceSettings: true });
  const { page } = await workplace.openDesktop('r1@example.com', MEMBER_PASSWORD);
  await expect(page.getByTestId('nav-contacts')).toBeVisible();
  await expect(page.getByTestId('nav-users')).toHaveCount(0);
  await page.goto(page.url().replace(/#.*$/, '#/users'));
  await expect(page.getByRole('heading', { name: 'Users' })).toHaveCount(0);
});

test('L3: an Agent sees only Messages, Profile and Notification Preferences', async ({ workplace }) => {
  const agentId = await workplace.hub.addMember(workplace.owner, 'agent@example.com', 'agent', { contactVisibility: 'self_only', maskContactDetails: true });
  await workplace.owner.mutate('contact.create', { name: 'Mine', phone: '+44 20 7946 0958', email: 'mine@example.org', assigneeId: agentId, teamId: null });
  await workplace.owner.mutate('contact.create', { name: 'Not mine', phone: null, email: null, assigneeId: null, teamId: null });
  const { page } = await workplace.openDesktop('agent@example.com', MEMBER_PASSWORD);
  const navigation = page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link');
  await expect(navigation).toHaveText(['Messages', 'Profile', 'Notification preferences']);
  // R5 and R7: only their own contact, masked.
  await expect(page.getByTestId('messages-scope')).toHaveText('Contacts assigned to you · 1 contact');
  await expect(page.locator('[data-contact="Mine"]')).toContainText('••••••••••58');
  await expect(page.locator('[data-contact="Not mine"]')).toHaveCount(0);
});

test('A4: a Manager can pick only Agent in Add User', async ({ workplace }) => {
  await workplace.hub.addMember(workplace.owner, 'manager@example.com', 'manager');
  const { page } = await workplace.openDesktop('manager@example.com', MEMBER_PASSWORD);
  const users = new UsersPage(page);
  await users.open();
  expect(await users.invitableLevels()).toEqual(['Agent']);
});

test('issue 11.3/11.4: the matrix says why a module is closed, keyboard first, and its switches read like the dialogs', async ({ workplace }) => {
  await workplace.hub.addMember(workplace.owner, 'mia@example.com', 'manager', { workspaceSettings: true }, 'Mia');
  const { page } = await workplace.openDesktop(workplace.hub.ownerEmail, OWNER_PASSWORD);
  await page.getByTestId('nav-matrix').click();
  await page.getByTestId('matrix-member').click();
  await page.getByRole('option', { name: 'Mia · Manager' }).click();
  const settings = page.locator('[data-module="workspace_settings"] [data-testid="member-access"]');
  await expect(settings).toContainText('Closed');
  // The rule stays in a data attribute for programs, not in the words.
  await expect(settings).toHaveAttribute('data-rule', 'R1');
  await expect(settings).not.toContainText('R1');
  // Reached with the keyboard: Tab onto "Why?" opens the plain reason; the rule is only in a data attribute.
  const why = settings.getByTestId('why-closed');
  await why.focus();
  await page.keyboard.press('Shift+Tab');
  await page.keyboard.press('Tab');
  await expect(why).toBeFocused();
  await expect(why).toHaveAttribute('data-rule', 'R1');
  const tooltip = page.locator(`[id="${await why.getAttribute('aria-describedby')}"]`);
  await expect(tooltip.getByTestId('why-reason')).toHaveText('Managers with the “Access to Workspace Settings” restriction cannot open Workspace Settings.');
  await expect(tooltip).not.toContainText('R1');
  // "On = allowed", the same words as Add and Edit; the hub stores the restriction.
  // A switch shows its own permission: export is on even while the settings above close Data Export.
  const canExport = page.locator('[data-module="settings_data_export"]').getByRole('checkbox', { name: 'Can export data', exact: true });
  await expect(canExport).toBeChecked();
  const canOpenSettings = settings.getByRole('checkbox', { name: 'Can open workspace settings', exact: true });
  await expect(canOpenSettings).not.toBeChecked();
  await canOpenSettings.click();
  await expect(settings).toContainText('Open');
  const mia = async () => (await workplace.hub.hub.store.members.inWorkspace(workplace.hub.workspaceId)).find((member) => member.email === 'mia@example.com');
  expect((await mia())?.restrictions.workspaceSettings).toBe(false);
  await canExport.click();
  await expect(canExport).not.toBeChecked();
  await expect.poll(async () => (await mia())?.restrictions.dataExport).toBe(true);
});

test('issue 11 / L2, L3, U1: every closed cell of the matrix says why, by keyboard, in plain words, the rule only in a data attribute', async ({ workplace }) => {
  const { page } = await workplace.openDesktop(workplace.hub.ownerEmail, OWNER_PASSWORD);
  await page.getByTestId('nav-matrix').click();
  await page.getByTestId('permission-matrix').waitFor();
  // Each ❌ of a level has its "Why?", and only those: the Agent column's closed modules here.
  const closed = page.locator('[data-testid="permission-matrix"] td[data-level]').filter({ has: page.getByRole('img', { name: 'No access' }) });
  const whys = page.getByTestId('why-no-access');
  expect(await whys.count()).toBe(await closed.count());
  expect(await whys.count()).toBeGreaterThan(0);
  await expect(page.locator('td[data-level="owner"]').getByTestId('why-no-access')).toHaveCount(0);

  // Tab from the member select reaches the first one; its tooltip gives the level's reason.
  const dashboard = page.locator('[data-module="dashboard"] td[data-level="agent"]').getByTestId('why-no-access');
  await expect(dashboard).toHaveAccessibleName('Why do Agents have no access to Dashboard?');
  await page.getByRole('combobox', { name: 'Member' }).focus();
  for (let presses = 0; presses < 10 && !(await dashboard.evaluate((node) => node === document.activeElement)); presses += 1) await page.keyboard.press('Tab');
  await expect(dashboard).toBeFocused();
  const tooltip = page.locator(`[id="${await dashboard.getAttribute('aria-describedby')}"]`);
  await expect(tooltip.getByTestId('why-reason')).toHaveText('Agents have no access to Dashboard.');
  await expect(dashboard).toHaveAttribute('data-rule', 'L3');
  await expect(tooltip).not.toContainText('L3');
  // The Users page is closed to Agents by its own rule, said in its own words.
  const users = page.locator('[data-module="settings_users"] td[data-level="agent"]').getByTestId('why-no-access');
  await users.hover();
  await expect(page.locator(`[id="${await users.getAttribute('aria-describedby')}"]`).getByTestId('why-reason')).toHaveText('Agents never see the Users page.');
  await expect(users).toHaveAttribute('data-rule', 'U1');
  await expectPlainWords(page, 'Permissions, "Why?" of a level open');
  await expectAccessible(page, 'Permissions, "Why?" of a level open');
});

test('issue 11: your own access speaks to you ("Contacts you see"), while the dialogs and the matrix still speak about the member', async ({ workplace }) => {
  await workplace.hub.addMember(workplace.owner, 'agent@example.com', 'agent', { contactVisibility: 'team_and_self', maskContactDetails: true });
  await workplace.hub.addMember(workplace.owner, 'manager@example.com', 'manager', { dataExport: true });

  // The Agent, on their own profile: every line addressed to "you", none to "they".
  const agent = await workplace.openDesktop('agent@example.com', MEMBER_PASSWORD);
  const yours = new YourAccessSection(agent.page);
  await yours.open();
  await expect(yours.root).toContainText('What you can do');
  await expect(yours.permissions).toHaveText([
    'Contacts you see: Your team’s and your own. Unassigned contacts and other people’s stay hidden from you, counts included.',
    'See the workflows button: Yes',
    'See phone numbers and emails: No. They appear masked to you; you can add a missing one but not change one already set.',
  ]);
  await expect(yours.permissions.filter({ hasText: /\b(they see|their own|their team)\b/i })).toHaveCount(0);
  // The level's sentence names the switch as the list below it does.
  await expect(yours.root).toContainText('Shortcut (workflows button), unless “See the workflows button” is off.');

  // The Manager, the same for a switch taken away.
  const manager = await workplace.openDesktop('manager@example.com', MEMBER_PASSWORD);
  const managerAccess = new YourAccessSection(manager.page);
  await managerAccess.open();
  await expect(managerAccess.permissions.filter({ hasText: 'Export data' })).toHaveText('Export data: No. You cannot export from anywhere, the member list included.');
  await expect(managerAccess.permissions.filter({ hasText: 'Delete contacts' })).toHaveText('Delete contacts: Yes');

  // The Owner editing the Agent reads about them; the matrix's switches keep the same names.
  const { page } = await workplace.openDesktop(workplace.hub.ownerEmail, OWNER_PASSWORD);
  await page.getByTestId('nav-users').click();
  await page.getByTestId('edit-agent@example.com').click();
  const dialog = new MemberDialog(page);
  await expect(dialog.root.getByTestId('permission-R5')).toContainText('Contacts they see');
  await expect(dialog.root.getByTestId('permission-R5')).toContainText('Their team’s and their own');
  await expect(dialog.permission('Sees phone numbers and emails')).not.toBeChecked();
  await page.keyboard.press('Escape');
  await page.getByTestId('nav-matrix').click();
  await page.getByTestId('matrix-member').click();
  await page.getByRole('option', { name: 'manager · Manager' }).click();
  await expect(page.locator('[data-module="settings_data_export"]').getByRole('checkbox', { name: 'Can export data', exact: true })).not.toBeChecked();
});
