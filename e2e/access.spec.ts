// U1, L3, A4 in the browser: each member sees only what they may use.
import { expect, test } from './support/fixtures';
import { MEMBER_PASSWORD, OWNER_PASSWORD } from './support/fixtures';
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
  // Reached with the keyboard: Tab onto "Why?" opens the plain reason and, small, the rule.
  const why = settings.getByTestId('why-closed');
  await why.focus();
  await page.keyboard.press('Shift+Tab');
  await page.keyboard.press('Tab');
  await expect(why).toBeFocused();
  const tooltip = page.locator(`[id="${await why.getAttribute('aria-describedby')}"]`);
  await expect(tooltip.getByTestId('why-reason')).toHaveText(/\w/);
  await expect(tooltip.getByTestId('why-reason')).not.toContainText('(R1)');
  await expect(tooltip.getByTestId('why-rule')).toHaveText('Rule R1');
  // "On = allowed", the same words as Add and Edit; the hub stores the restriction.
  // A switch shows its own permission: export is on even while the settings above close Data Export.
  const canExport = page.locator('[data-module="settings_data_export"]').getByRole('checkbox', { name: 'Can export data', exact: true });
  await expect(canExport).toBeChecked();
  const canOpenSettings = settings.getByRole('checkbox', { name: 'Can open workspace settings', exact: true });
  await expect(canOpenSettings).not.toBeChecked();
  await canOpenSettings.click();
  await expect(settings).toContainText('Open');
  const mia = () => workplace.hub.hub.store.members.inWorkspace(workplace.hub.workspaceId).find((member) => member.email === 'mia@example.com');
  expect(mia()?.restrictions.workspaceSettings).toBe(false);
  await canExport.click();
  await expect(canExport).not.toBeChecked();
  await expect.poll(() => mia()?.restrictions.dataExport).toBe(true);
});
