// Issue 12, item 2, in the browser: the desktop core in a child process of
// its own, as `npm run web` and the Electron app run it (and as every browser
// test runs it: support/desktop.ts), behind the real web console. First run,
// adding a member, export as a download, live presence, and the core's
// process killed: the page says so and carries on by itself.
import { readFile } from 'node:fs/promises';
import { parse } from 'csv-parse/sync';
import { FirstRunPage } from './pages/first-run-page';
import { UsersPage } from './pages/users-page';
import type { Desktop } from './support/desktop';
import { startDesktop } from './support/desktop';
import { expect, MEMBER_PASSWORD, OWNER_PASSWORD, test } from './support/fixtures';

let desktop: Desktop;
test.beforeEach(async () => {
  desktop = await startDesktop();
});
test.afterEach(async () => {
  await desktop.stop();
});

test('issue 12.2: D5, A1, U8: first run, a new member and an export, with the core in its own process', async ({ page }) => {
  await page.goto(desktop.webConsole.url);
  await new FirstRunPage(page).startLocalWorkspace();
  const users = new UsersPage(page);
  await expect(page.getByRole('heading', { name: 'Users' })).toBeVisible();
  await expect(page.getByTestId('connection-state')).toHaveText(/Online/);
  await expect(users.row('olive@example.com')).toBeVisible();

  await users.invite('new.agent@example.com', 'Agent');
  await expect(users.row('new.agent@example.com')).toContainText('Agent');
  await expect(users.row('new.agent@example.com')).toContainText(/pending/i);

  const downloading = page.waitForEvent('download');
  await page.getByTestId('export').click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^Support members \d{4}-\d{2}-\d{2}\.csv$/);
  const rows = parse(await readFile(await download.path()), { bom: true, columns: true }) as Array<Record<string, string>>;
  expect(rows.map((row) => row['Email']).sort()).toEqual(['new.agent@example.com', 'olive@example.com']);
});

test('issue 12.2: U3: presence travels live to a desktop whose core is in its own process', async ({ page, workplace }) => {
  await workplace.hub.addMember(workplace.owner, 'max.manager@example.com', 'manager');
  await desktop.api['session.signIn']({ hubUrl: workplace.hub.hub.url, email: workplace.hub.ownerEmail, password: OWNER_PASSWORD });
  await page.goto(desktop.webConsole.url);
  const users = new UsersPage(page);
  await users.open();
  await expect(users.presence('max.manager@example.com')).toHaveAttribute('data-presence', 'offline');
  const manager = await workplace.hub.connect('max.manager@example.com', MEMBER_PASSWORD);
  await expect(users.presence('max.manager@example.com')).toHaveAttribute('data-presence', 'online', { timeout: 2_000 });
  manager.close();
  await expect(users.presence('max.manager@example.com')).toHaveAttribute('data-presence', 'offline', { timeout: 2_000 });
});

test('issue 12.2: the core’s process killed: the page says so, every change waits, and it is back by itself', async ({ page, workplace }) => {
  await desktop.api['session.signIn']({ hubUrl: workplace.hub.hub.url, email: workplace.hub.ownerEmail, password: OWNER_PASSWORD });
  await page.goto(desktop.webConsole.url);
  const users = new UsersPage(page);
  await users.open();
  const chip = page.getByTestId('connection-state');
  await expect(chip).toHaveText(/Online/);

  const pid = desktop.coreProcess.hostProcess?.pid;
  expect(pid).toBeGreaterThan(0);
  process.kill(pid ?? 0, 'SIGKILL');
  await expect(chip).toHaveText(/Offline/);
  await expect(chip).toHaveAttribute('title', /core process stopped unexpectedly and is being restarted/);
  await expect(page.getByTestId('add-user')).toBeDisabled();

  await expect(chip).toHaveText(/Online/, { timeout: 15_000 });
  expect(desktop.coreProcess.hostProcess?.pid).not.toBe(pid);
  await expect(page.getByTestId('add-user')).toBeEnabled();
  // The new core serves changes: one made from the page reaches the hub.
  await users.invite('after.restart@example.com', 'Agent');
  await expect(users.row('after.restart@example.com')).toBeVisible();
  expect(await workplace.hub.hub.store.people.byEmail('after.restart@example.com')).toBeDefined();
});
