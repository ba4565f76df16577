// The desktop app itself, through Playwright's Electron driver: it launches,
// shows the first screen, starts a workspace on this computer and signs its
// Owner in. Skipped, with the reason printed, where the Electron binary
// cannot be had (such as an offline machine).
import { spawnSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { _electron as electron, expect, test } from '@playwright/test';
import { FirstRunPage } from './pages/first-run-page';

function electronBinary(): { path: string } | { reason: string } {
  const probe = spawnSync(process.execPath, ['-e', "process.stdout.write(require('electron'))"], { encoding: 'utf8' });
  if (probe.status === 0 && probe.stdout) return { path: probe.stdout };
  return { reason: (probe.stderr.match(/Error: (.*)/)?.[1] ?? 'the download failed').trim() };
}

const binary = electronBinary();
if ('reason' in binary) console.log(`Skipping the Electron smoke test: the Electron binary is not available here (${binary.reason}).`);

test('the desktop app launches and signs its first Owner in', async () => {
  test.skip('reason' in binary, 'the Electron binary is not available on this machine');
  if (!('path' in binary)) return;
  const userData = await mkdtemp(join(tmpdir(), 'gatehouse-electron-'));
  const app = await electron.launch({ executablePath: binary.path, args: ['.'], env: { ...process.env, GATEHOUSE_USER_DATA: userData } });
  try {
    const page = await app.firstWindow();
    await expect(page.getByRole('heading', { name: 'Welcome to Gatehouse' })).toBeVisible();
    expect(await page.evaluate(() => typeof (globalThis as { require?: unknown }).require)).toBe('undefined');
    await new FirstRunPage(page).startLocalWorkspace();
    await expect(page.getByRole('heading', { name: 'Users' })).toBeVisible();
    await expect(page.getByTestId('connection-state')).toHaveText(/Online/);
  } finally {
    await app.close();
    await rm(userData, { recursive: true, force: true });
  }
});
