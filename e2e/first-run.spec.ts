// D5: a fresh desktop needs no server: start a workspace on this computer and
// land on the Users page as its first Owner.
import { expect, test } from '@playwright/test';
import type { Desktop } from './support/desktop';
import { startDesktop } from './support/desktop';

let desktop: Desktop;
test.beforeEach(async () => {
  desktop = await startDesktop();
});
test.afterEach(async () => {
  await desktop.stop();
});

test('D5: start a workspace on this computer from the first screen', async ({ page }) => {
  await page.goto(desktop.webConsole.url);
  await expect(page.getByRole('heading', { name: 'Welcome to Gatehouse' })).toBeVisible();
  await page.getByLabel('Organization').fill('Acme');
  await page.getByLabel('Workspace', { exact: true }).fill('Support');
  await page.getByLabel('Your name').fill('Olive Owner');
  await page.getByLabel('Your email').fill('olive@example.com');
  await page.getByLabel('Password (at least 10 characters)').fill('owner-password-1');
  await page.getByTestId('start-local').click();
  await expect(page.getByRole('heading', { name: 'Users' })).toBeVisible();
  await expect(page.getByTestId('connection-state')).toHaveText(/Online/);
  await expect(page.locator('[data-member="olive@example.com"]')).toBeVisible();
  await page.screenshot({ path: 'test-results/first-run.png' });
});
