// Issue 10.4: every state the app can be in is shown, each proved in the
// browser. Revoked: back to sign-in naming the workspace. Signed out
// elsewhere: sign-in with the reason. The web console gone quiet (frozen, so
// its sockets stay open): the page says so within 5 s through the API
// socket's heartbeat, every action is disabled with the reason, nobody is
// shown online, and it is back by itself, with what changed meanwhile, when
// the console answers again. (The hub unreachable: offline.spec.ts.)
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { DesktopCore } from '../electron/core/desktop-core';
import { createNodePorts } from '../electron/web/node-ports';
import { MEMBER_PASSWORD } from '../hub/testing/test-hub';
import { UsersPage } from './pages/users-page';
import { expectAccessible } from './support/expect-accessible';
import { expect, OWNER_PASSWORD, test } from './support/fixtures';
import { freePort, startWebConsoleProcess } from './support/web-console-process';

test('issue 10.4: a member whose access is revoked goes back to sign-in, told which workspace, with nothing left of it', async ({ workplace }) => {
  const memberId = await workplace.hub.addMember(workplace.owner, 'desk@example.com', 'manager');
  const { page, desktop } = await workplace.openDesktop('desk@example.com', MEMBER_PASSWORD);
  await expect(page.getByRole('heading', { name: 'Users' })).toBeVisible();

  await workplace.owner.mutate('member.revoke', { input: { memberId, reassignContactsTo: null } });
  await expect(page.getByTestId('session-end-reason')).toHaveText('Your access to Support was revoked.');
  await expect(page.getByTestId('sign-in')).toBeVisible();
  await expect(page.getByTestId('offline-banner')).toHaveCount(0);
  await expectAccessible(page, 'sign-in after a revoke');
  expect(await desktop.api['workspace.get'](undefined)).toBeNull();
  expect(await desktop.api['session.getState'](undefined)).toMatchObject({ phase: 'signed_out', workspaces: [] });
});

test('issue 10.4: a session signed out from another device goes back to sign-in and says why', async ({ workplace }) => {
  const { page } = await workplace.openDesktop(workplace.hub.ownerEmail, OWNER_PASSWORD);
  const other = await workplace.hub.signIn(workplace.hub.ownerEmail, OWNER_PASSWORD);
  await fetch(`${workplace.hub.hub.url}/api/account/sign-out-others`, {
    method: 'POST',
    headers: { authorization: `Bearer ${other.token}`, 'content-type': 'application/json' },
    body: '{}',
  });
  await expect(page.getByTestId('session-end-reason')).toHaveText('Your session has ended; sign in again.');
  await expect(page.getByTestId('sign-in')).toBeVisible();
});

test('issue 10.4: the web console stops answering: disconnected within 5 s, actions disabled with the reason, back by itself', async ({ workplace, page }) => {
  await workplace.hub.addMember(workplace.owner, 'still.here@example.com', 'agent');
  const dataDir = await mkdtemp(join(tmpdir(), 'gatehouse-e2e-console-'));
  // A data folder signed in beforehand, by a core in this process closed before the console's own core starts on it.
  const signingIn = new DesktopCore(createNodePorts(dataDir, pino({ level: 'silent' }), { name: 'Gatehouse', version: 'e2e' }));
  await signingIn.init();
  await signingIn.signIn(workplace.hub.hub.url, workplace.hub.ownerEmail, OWNER_PASSWORD);
  await signingIn.close();
  const port = await freePort();
  let webConsole = await startWebConsoleProcess(dataDir, port);
  try {
    await page.goto(webConsole.url);
    const users = new UsersPage(page);
    await users.open();
    await expect(page.getByTestId('connection-state')).toHaveText(/Online/);
    await expect(page.locator('[data-presence="online"]').first()).toBeVisible();

    webConsole.freeze();
    const frozenAt = Date.now();
    await expect(page.getByTestId('connection-state')).toHaveText(/Disconnected/, { timeout: 5_000 });
    expect(Date.now() - frozenAt).toBeLessThanOrEqual(5_000);
    await expect(page.getByTestId('console-lost-banner')).toContainText('The Gatehouse web console is not reachable');
    await expect(page.getByTestId('add-user')).toBeDisabled();
    const edit = users.row('still.here@example.com').getByRole('button', { name: 'Edit' });
    await expect(edit).toBeDisabled();
    await expect(edit).toHaveAttribute('title', /web console is not reachable/);
    await expect(page.locator('[data-presence="online"]')).toHaveCount(0);
    await expectAccessible(page, 'web console not reachable');
    // A change made meanwhile is shown once the page has reloaded its state.
    await workplace.owner.mutate('member.invite', { input: { email: 'while.frozen@example.com', level: 'agent' } });

    webConsole.thaw();
    await expect(page.getByTestId('connection-state')).toHaveText(/Online/, { timeout: 10_000 });
    await expect(page.getByTestId('console-lost-banner')).toHaveCount(0);
    await expect(page.getByTestId('add-user')).toBeEnabled();
    await expect(users.row('while.frozen@example.com')).toBeVisible();

    // Stopped and started again, the console no longer knows this page: it says to open the new link.
    await webConsole.stop();
    await expect(page.getByTestId('connection-state')).toHaveText(/Disconnected/, { timeout: 5_000 });
    webConsole = await startWebConsoleProcess(dataDir, port);
    await expect(page.getByTestId('console-lost-banner')).toContainText('Open the new link it printed', { timeout: 10_000 });
  } finally {
    await webConsole.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
});
