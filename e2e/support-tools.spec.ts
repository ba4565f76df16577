// Issue 10, in the browser: the tools for when something is wrong. "Reconnect
// now" in the connection chip tries the hub at once instead of waiting out
// the backoff; "Show logs" in the account menu gives the log folder (the web
// console has no file manager to open, so it shows the path with a copy
// button); records the hub sent that this version cannot read are left out
// and a notice says how many (issue 10.3).
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { HUB_DATABASE_FILE } from '../hub';
import { NO_RESTRICTIONS } from '../shared/policy';
import { startDesktop } from './support/desktop';
import { expectAccessible } from './support/expect-accessible';
import { expect, OWNER_PASSWORD, test } from './support/fixtures';

test('issue 10: "Reconnect now" reaches the hub at once, without waiting for the next attempt', async ({ workplace, browser }) => {
  // Attempts a minute apart: only the button can bring it back within the test.
  const desktop = await startDesktop({ syncBackoff: { initialMs: 60_000, maxMs: 60_000 } });
  try {
    await desktop.api['session.signIn']({ hubUrl: workplace.hub.hub.url, email: workplace.hub.ownerEmail, password: OWNER_PASSWORD });
    const page = await (await browser.newContext()).newPage();
    await page.goto(desktop.webConsole.url);
    await expect(page.getByTestId('connection-state')).toHaveText(/Online/);
    await expect(page.getByTestId('reconnect-now')).toHaveCount(0);
    const restarted = await workplace.hub.restart({}, async () => {
      await expect(page.getByTestId('connection-state')).toHaveText(/Offline/);
      await expect(page.getByTestId('reconnect-now')).toBeVisible();
      await expectAccessible(page, 'offline, with Reconnect now');
    });
    try {
      await page.waitForTimeout(1_000);
      await expect(page.getByTestId('connection-state')).toHaveText(/Offline/);
      await page.getByTestId('reconnect-now').click();
      await expect(page.getByTestId('connection-state')).toHaveText(/Online/, { timeout: 5_000 });
      await expect(page.getByTestId('reconnect-now')).toHaveCount(0);
    } finally {
      await restarted.stop();
    }
  } finally {
    await desktop.stop();
  }
});

test('issue 10: "Show logs" in the web console gives the log folder, with a copy button', async ({ workplace }) => {
  const { page, desktop } = await workplace.openDesktop(workplace.hub.ownerEmail, OWNER_PASSWORD);
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.getByRole('button', { name: 'Account menu' }).click();
  await page.getByTestId('show-logs').click();
  await expect(page.getByTestId('logs-folder')).toHaveText(join(desktop.dataDir, 'logs'));
  await page.getByTestId('copy-logs-folder').click();
  await expect(page.getByText('Copied.')).toBeVisible();
  await expectAccessible(page, 'log folder dialog');
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(join(desktop.dataDir, 'logs'));
});

test('issue 10.3: a member this version cannot read is left out, and a notice says so for as long as it is true', async ({ workplace }) => {
  // Written straight into the hub's file, past its checks, as an older or damaged hub could hold it: a bell character in a name.
  const sqlite = new Database(join(workplace.hub.dataDir, HUB_DATABASE_FILE));
  sqlite.prepare('INSERT INTO people (id, email, display_name, created_at, updated_at) VALUES (?, ?, ?, 0, 0)').run('p-broken', 'broken@example.com', 'Broken\u0007Name');
  sqlite
    .prepare("INSERT INTO members (id, workspace_id, person_id, level, restrictions, status, invited_at, joined_at, version) VALUES (?, ?, ?, 'agent', ?, 'active', 0, 1, 1)")
    .run('broken0', workplace.hub.workspaceId, 'p-broken', JSON.stringify(NO_RESTRICTIONS));
  sqlite.close();
  const { page } = await workplace.openDesktop(workplace.hub.ownerEmail, OWNER_PASSWORD);
  await expect(page.getByTestId('unreadable-notice')).toHaveText(
    '1 member could not be shown: the hub sent data this version cannot read. Updating Gatehouse may show it.',
  );
  await expect(page.locator('[data-member="broken@example.com"]')).toHaveCount(0);
  await expectAccessible(page, 'users with a notice of unreadable records');
  await page.reload();
  await expect(page.getByTestId('unreadable-notice')).toBeVisible();
});
