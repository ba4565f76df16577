// An axe-core scan of every screen: no serious or critical violation.
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, test } from './support/fixtures';
import { MEMBER_PASSWORD, OWNER_PASSWORD } from './support/fixtures';
import { startDesktop } from './support/desktop';
import { startHubRunner } from './support/hub-runner';

async function expectAccessible(page: Page, screen: string): Promise<void> {
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical');
  expect(serious.map((violation) => `${screen}: ${violation.id} ${violation.help}: ${violation.nodes.map((node) => node.target.join(' ') + ' ' + (node.failureSummary ?? '').replace(/\s+/g, ' ').slice(0, 160)).join(' | ')}`)).toEqual([]);
}

test('every signed-in screen and dialog passes axe', async ({ workplace }) => {
  const agentId = await workplace.hub.addMember(workplace.owner, 'agent@example.com', 'agent');
  await workplace.owner.mutate('team.create', { name: 'Support' });
  await workplace.owner.mutate('contact.create', { name: 'Casey', phone: '+44 20 7946 0958', email: 'casey@example.org', assigneeId: agentId, teamId: null });
  await workplace.owner.mutate('member.invite', { input: { email: 'pending@example.com', level: 'manager' } });
  const { page } = await workplace.openDesktop(workplace.hub.ownerEmail, OWNER_PASSWORD);
  for (const screen of ['users', 'teams', 'contacts', 'messages', 'matrix', 'audit', 'profile', 'notifications']) {
    await page.getByTestId(`nav-${screen}`).click();
    await page.getByRole('heading', { level: 1 }).waitFor();
    await expectAccessible(page, screen);
  }
  await page.getByTestId('nav-users').click();
  await page.getByTestId('add-user').click();
  await page.getByRole('dialog').waitFor();
  await expectAccessible(page, 'add user dialog');
  await page.keyboard.press('Escape');
  await page.locator('[data-member="agent@example.com"]').waitFor();
  await page.getByTestId('edit-agent@example.com').click();
  await page.getByRole('dialog').waitFor();
  await expectAccessible(page, 'edit dialog');
  await page.keyboard.press('Escape');
  await page.getByTestId('revoke-agent@example.com').click();
  await page.getByRole('dialog').waitFor();
  await expectAccessible(page, 'revoke dialog');
});

test('the first-run and sign-in screens pass axe', async ({ page, workplace }) => {
  const desktop = await startDesktop();
  try {
    await page.goto(desktop.webConsole.url);
    await page.getByRole('heading', { name: 'Welcome to Gatehouse' }).waitFor();
    await expectAccessible(page, 'first run');
    await page.getByTestId('choose-connect').click();
    await expectAccessible(page, 'connect to a hub');
    await page.getByTestId('hub-url').getByRole('textbox').fill(workplace.hub.hub.url);
    await page.getByTestId('sign-in-email').getByRole('textbox').fill('agent@nowhere.example');
    await page.getByTestId('sign-in-password').getByRole('textbox').fill(MEMBER_PASSWORD);
    await page.getByTestId('sign-in').click();
    await expect(page.getByTestId('sign-in-error')).toHaveText('The email or password is not right.');
    await expectAccessible(page, 'sign-in error');
  } finally {
    await desktop.stop();
  }
});

test('the Hub settings screen of a hub this app runs passes axe, with email set and a plan change asked', async ({ page }) => {
  const desktop = await startHubRunner('none');
  try {
    await page.goto(desktop.webConsole.url);
    await page.getByTestId('nav-hub-settings').click();
    await page.getByRole('heading', { name: 'Hub settings', level: 1 }).waitFor();
    await page.getByTestId('hub-workspace').first().waitFor();
    await expectAccessible(page, 'hub settings');
    await page.getByTestId('workspace-plan-select').click();
    await page.getByRole('option', { name: 'Growth', exact: true }).click();
    await page.getByTestId('plan-change-effect').first().waitFor();
    await expectAccessible(page, 'hub settings, plan change asked');
  } finally {
    await desktop.stop();
  }
});
