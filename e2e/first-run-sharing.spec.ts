// Issue 10.5 in the browser: the first-run form, used as a person uses it
// (a field filled, cleared and retyped, sharing switched on, off and on
// again, an address of this computer picked), starts exactly what it showed:
// checked against what the hub stored and the settings file says, the hub
// on every interface, and the account menu naming the chosen address. From
// the menu, sharing is turned off again, and that is what is saved.
import { readFile } from 'node:fs/promises';
import { networkInterfaces } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { FirstRunPage } from './pages/first-run-page';
import { expectAccessible } from './support/expect-accessible';
import type { Desktop } from './support/desktop';
import { startDesktop } from './support/desktop';

let desktop: Desktop;
test.beforeEach(async () => {
  desktop = await startDesktop();
});
test.afterEach(async () => {
  await desktop.stop();
});

/** This computer's first address others could reach (the select offers them all). */
function reachableAddress(): string {
  const found = Object.values(networkInterfaces()).flat().find((each) => each?.family === 'IPv4' && !each.internal);
  return found?.address ?? '';
}

async function savedHub(): Promise<unknown> {
  return (JSON.parse(await readFile(join(desktop.dataDir, 'config.json'), 'utf8')) as { hub: unknown }).hub;
}

test('issue 10.5: the first-run form shares the hub on the address picked, and that is what is stored', async ({ page }) => {
  const address = reachableAddress();
  test.skip(address === '', 'this machine has no network address other than loopback');
  await page.goto(desktop.webConsole.url);
  const firstRun = new FirstRunPage(page);
  await firstRun.fill();
  // A person's second thoughts: the organization retyped, sharing on, off and on again.
  await firstRun.field('Organization').fill('');
  await firstRun.field('Organization').fill('Acme Corporation');
  await expect(firstRun.addressSelect).toHaveCount(0);
  await firstRun.shareSwitch.click();
  await expect(firstRun.addressSelect).toBeVisible();
  await firstRun.shareSwitch.click();
  await expect(firstRun.addressSelect).toHaveCount(0);
  await firstRun.shareSwitch.click();
  // Shared with no address chosen is not sent: the person is asked to choose.
  await firstRun.submit();
  await expect(firstRun.addressSelect).toContainText('Choose the address the others will use');
  // The message fading in is not what the person reads: scan once the transitions have ended.
  await page.evaluate(() =>
    Promise.all(
      document
        .getAnimations()
        .filter((animation) => animation.effect?.getComputedTiming().endTime !== Infinity)
        .map((animation) => animation.finished.catch(() => undefined)),
    ),
  );
  await expectAccessible(page, 'first run, shared, no address chosen yet');
  expect(desktop.core.sessionState().phase).toBe('first_run');
  await firstRun.chooseAddress(address);
  await firstRun.submit();
  await expect(page.getByRole('heading', { name: 'Users' })).toBeVisible();

  const port = Number(new URL(desktop.core.sessionState().hub?.url ?? '').port);
  expect(desktop.core.sessionState().hub).toEqual({ url: `http://${address}:${port}`, isLocal: true, isShared: true, address, urlSource: 'chosen' });
  expect(await savedHub()).toEqual({ url: `http://${address}:${port}`, isLocal: true, isShared: true, port, address });
  const snapshot = desktop.core.workspaceView()?.snapshot;
  expect(snapshot?.organization.name).toBe('Acme Corporation');
  expect(snapshot?.workspace).toMatchObject({ name: 'Support', plan: 'growth' });
  expect(snapshot?.members.find((member) => member.id === snapshot.selfMemberId)).toMatchObject({ displayName: 'Olive Owner', email: 'olive@example.com', level: 'owner' });
  // The hub listens on every interface: the chosen address answers.
  expect((await fetch(`http://${address}:${port}/api/hub-info`)).ok).toBe(true);

  await page.getByRole('button', { name: 'Account menu' }).click();
  await expect(page.getByTestId('hub-address')).toContainText(`shared at http://${address}:${port}: the address you chose. Others must be able to reach it.`);
  await page.getByTestId('open-sharing').click();
  await expect(page.getByTestId('share-address')).toContainText(address);
  await expectAccessible(page, 'sharing dialog');
  await page.getByLabel('Let other desktops connect over the network').click();
  await page.getByTestId('save-sharing').click();
  await expect(page.getByText('Only this computer can reach the hub now')).toBeVisible();
  expect(await savedHub()).toEqual({ url: `http://127.0.0.1:${port}`, isLocal: true, isShared: false, port, address: null });
  await expect(page.getByTestId('connection-state')).toHaveText(/Online/);
  await expect(fetch(`http://${address}:${port}/api/hub-info`)).rejects.toThrow();
});
