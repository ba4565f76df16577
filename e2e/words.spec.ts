// Issue 11.3: no rule ID ("(A4)") and no internal name (maskContactDetails,
// invalid_message) in anything a person reads, on every screen and dialog an
// Owner, a Manager and an Agent can reach, and on first run and sign-in.
import type { Page } from '@playwright/test';
import { expect, test } from './support/fixtures';
import { MEMBER_PASSWORD, OWNER_PASSWORD } from './support/fixtures';
import { startDesktop } from './support/desktop';
import { startHubRunner } from './support/hub-runner';
import { expectAccessible } from './support/expect-accessible';
import { MemberDialog } from './pages/member-dialogs';
import { expectEveryPagePlain, expectPlainWords } from './pages/plain-words';

/** Each visit leaves nothing unsaved, so Escape closes at once. */
async function closeDialog(page: Page): Promise<void> {
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog')).toHaveCount(0);
}

async function expectMemberDialogsPlain(page: Page, who: string, member: string, levels: string[]): Promise<void> {
  const dialog = new MemberDialog(page);
  await page.getByTestId('nav-users').click();
  await page.getByTestId('add-user').click();
  await dialog.root.getByText('Learn more about access levels').click();
  for (const level of levels) {
    await dialog.choose('invite-level', level);
    await expectPlainWords(page, `${who} · Add user as ${level}`);
  }
  await expectAccessible(page, `${who} · Add user, access levels explained`);
  await closeDialog(page);
  await page.getByTestId(`edit-${member}`).click();
  await dialog.root.getByText('Learn more about access levels').click();
  await expectPlainWords(page, `${who} · Edit`);
  await closeDialog(page);
  await page.getByTestId(`revoke-${member}`).click();
  await dialog.root.getByTestId('revoke-reassign').getByRole('checkbox').check();
  await expectPlainWords(page, `${who} · Revoke`);
  await closeDialog(page);
}

test('issue 11.3: an Owner reads no rule ID and no internal name on any screen or dialog', async ({ workplace }) => {
  const agentId = await workplace.hub.addMember(workplace.owner, 'agent@example.com', 'agent', { contactVisibility: 'self_only', maskContactDetails: true });
  await workplace.hub.addMember(workplace.owner, 'boxed@example.com', 'manager', { workspaceSettings: true, dataExport: true });
  await workplace.owner.mutate('team.create', { name: 'Support' });
  await workplace.owner.mutate('contact.create', { name: 'Casey', phone: '+44 20 7946 0958', email: 'casey@example.org', assigneeId: agentId, teamId: null });
  await workplace.owner.mutate('member.invite', { input: { email: 'pending@example.com', level: 'manager' } });
  const { page } = await workplace.openDesktop(workplace.hub.ownerEmail, OWNER_PASSWORD);
  const titles = await expectEveryPagePlain(page, 'Owner');
  expect(titles).toContain('Audit log');
  await expectMemberDialogsPlain(page, 'Owner', 'agent@example.com', ['Owner', 'Manager', 'Agent']);
  // The matrix with a member whose modules are closed, "Why?" open.
  await page.getByTestId('nav-matrix').click();
  await page.getByTestId('matrix-member').click();
  await page.getByRole('option', { name: /^boxed/ }).click();
  await page.locator('[data-module="workspace_settings"]').getByTestId('why-closed').hover();
  await expectPlainWords(page, 'Owner · Permissions, a restricted Manager');
  await expectAccessible(page, 'Owner · Permissions with "Why?" open');
});

test('issue 11.3: a Manager reads no rule ID and no internal name on any screen or dialog', async ({ workplace }) => {
  await workplace.hub.addMember(workplace.owner, 'manager@example.com', 'manager');
  await workplace.hub.addMember(workplace.owner, 'agent@example.com', 'agent', { workflowsButton: true });
  const { page } = await workplace.openDesktop('manager@example.com', MEMBER_PASSWORD);
  await expectEveryPagePlain(page, 'Manager');
  await expectMemberDialogsPlain(page, 'Manager', 'agent@example.com', ['Agent']);
});

test('issue 11.3: an Agent reads no rule ID and no internal name on any screen', async ({ workplace }) => {
  const agentId = await workplace.hub.addMember(workplace.owner, 'agent@example.com', 'agent', { contactVisibility: 'team_and_self', maskContactDetails: true, workflowsButton: true });
  await workplace.owner.mutate('contact.create', { name: 'Mine', phone: '+44 20 7946 0958', email: 'mine@example.org', assigneeId: agentId, teamId: null });
  const { page } = await workplace.openDesktop('agent@example.com', MEMBER_PASSWORD);
  expect(await expectEveryPagePlain(page, 'Agent')).toEqual(['Messages', 'Profile', 'Notification preferences']);
});

test('issue 11.3: first run and sign-in read no rule ID and no internal name', async ({ page, workplace }) => {
  const desktop = await startDesktop();
  try {
    await page.goto(desktop.webConsole.url);
    await page.getByRole('heading', { name: 'Welcome to Gatehouse' }).waitFor();
    await expectPlainWords(page, 'first run');
    await page.getByTestId('choose-connect').click();
    await expectPlainWords(page, 'connect to a hub');
    await page.getByTestId('hub-url').getByRole('textbox').fill(workplace.hub.hub.url);
    await page.getByTestId('sign-in-email').getByRole('textbox').fill('agent@nowhere.example');
    await page.getByTestId('sign-in-password').getByRole('textbox').fill(MEMBER_PASSWORD);
    await page.getByTestId('sign-in').click();
    await page.getByTestId('sign-in-error').waitFor();
    await expectPlainWords(page, 'sign-in error');
  } finally {
    await desktop.stop();
  }
});

test('issue 11.3: the person who runs the hub reads no rule ID and no internal name on any screen, Hub settings and its dialogs included', async ({ page }) => {
  const desktop = await startHubRunner('starttls');
  try {
    await page.goto(desktop.webConsole.url);
    // The navigation is listed as it is drawn: wait until the page has its session and is online.
    await page.getByTestId('connection-state').filter({ hasText: 'Online' }).waitFor();
    expect(await expectEveryPagePlain(page, 'Hub runner')).toContain('Hub settings');
    await page.getByTestId('nav-hub-settings').click();
    await page.getByTestId('clear-mail').click();
    await expectPlainWords(page, 'Hub runner · Turn off email');
    await page.getByRole('button', { name: 'Cancel' }).click();
    await page.getByTestId('workspace-plan-select').click();
    await page.getByRole('option', { name: 'Starter', exact: true }).click();
    await page.getByTestId('plan-change-effect').first().waitFor();
    await expectPlainWords(page, 'Hub runner · Change the plan');
  } finally {
    await desktop.stop();
  }
});
