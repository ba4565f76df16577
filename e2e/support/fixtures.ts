// Shared fixtures: a real hub with a real SMTP sink, and desktops (core + web
// console) signed in as any member, each opened in its own browser context.
import { test as base } from '@playwright/test';
import type { Browser, Page } from '@playwright/test';
import type { SmtpSink } from '../../hub/testing/smtp-sink';
import { startSmtpSink } from '../../hub/testing/smtp-sink';
import type { TestClient } from '../../hub/testing/test-client';
import type { TestHub } from '../../hub/testing/test-hub';
import { OWNER_PASSWORD, startTestHub } from '../../hub/testing/test-hub';
import type { Desktop } from './desktop';
import { startDesktop } from './desktop';

export { MEMBER_PASSWORD, OWNER_PASSWORD } from '../../hub/testing/test-hub';

export interface Workplace {
  hub: TestHub;
  smtp: SmtpSink;
  /** A raw socket client signed in as the Owner, to set things up quickly. */
  owner: TestClient;
  /** A desktop signed in as `email`, opened in a fresh browser context. */
  openDesktop(email: string, password: string): Promise<{ page: Page; desktop: Desktop }>;
}

async function openSignedIn(browser: Browser, hub: TestHub, email: string, password: string, desktops: Desktop[]) {
  const desktop = await startDesktop();
  desktops.push(desktop);
  await desktop.api['session.signIn']({ hubUrl: hub.hub.url, email, password });
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(desktop.webConsole.url);
  await page.getByTestId('connection-state').filter({ hasText: 'Online' }).waitFor();
  return { page, desktop };
}

export const test = base.extend<{ workplace: Workplace }>({
  workplace: async ({ browser }, use) => {
    const smtp = await startSmtpSink();
    const hub = await startTestHub({ plan: 'advanced', mail: { smtpUrl: smtp.url, from: 'Gatehouse <hub@example.com>' } });
    const owner = await hub.connect(hub.ownerEmail, OWNER_PASSWORD);
    const desktops: Desktop[] = [];
    await use({
      hub,
      smtp,
      owner,
      openDesktop: (email, password) => openSignedIn(browser, hub, email, password, desktops),
    });
    for (const desktop of desktops) await desktop.stop();
    await hub.stop();
    await smtp.close();
  },
});

export { expect } from '@playwright/test';
