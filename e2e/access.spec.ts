// U1, L3, A4 in the browser: each member sees only what they may use.
import { expect, test } from './support/fixtures';
import { MEMBER_PASSWORD } from './support/fixtures';
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
