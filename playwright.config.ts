// End-to-end tests: the real renderer in Debian's Chromium (never a browser
// download) against the real desktop core over the web transport, with a real
// hub. Each desktop's core runs in a child process, as `npm run web` runs it:
// the built out/main/core-host.js when it is up to date, else the sources
// through tsx (e2e/support/desktop.ts). The Electron smoke test runs where
// the Electron binary exists.
import { defineConfig } from '@playwright/test';

export default defineConfig({
  testDir: 'e2e',
  fullyParallel: false,
  workers: 1,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: process.env['CI'] ? [['list']] : [['list']],
  projects: [
    { name: 'web', testIgnore: /(electron\.spec|screenshots)\.ts$/ },
    // `npm run screenshots`: PNGs of the main screens into docs/screenshots/.
    { name: 'screenshots', testMatch: /screenshots\.ts$/ },
    // Needs the Electron binary and native modules built for it: `npm run test:electron` sees to both.
    { name: 'electron', testMatch: /electron\.spec\.ts$/ },
  ],
  use: {
    browserName: 'chromium',
    headless: true,
    viewport: { width: 1400, height: 900 },
    launchOptions: {
      executablePath: process.env['GATEHOUSE_CHROMIUM'] ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    },
    trace: 'off',
  },
});
