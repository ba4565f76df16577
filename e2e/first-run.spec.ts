// D5: a fresh desktop needs no server: start a workspace on this computer and
// land on the Users page as its first Owner.
import { expect, test } from '@playwright/test';
import { FirstRunPage } from './pages/first-run-page';
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
  await new FirstRunPage(page).startLocalWorkspace();
  await expect(page.getByRole('heading', { name: 'Users' })).toBeVisible();
  await expect(page.getByTestId('connection-state')).toHaveText(/Online/);
  await expect(page.locator('[data-member="olive@example.com"]')).toBeVisible();
});
