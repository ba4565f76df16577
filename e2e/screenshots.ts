// `npm run screenshots`: a PNG of each main screen, light and dark, into
// docs/screenshots/, from a workspace filled with believable data.
import { join } from 'node:path';
import type { Browser } from '@playwright/test';
import { test } from './support/fixtures';
import { MEMBER_PASSWORD, OWNER_PASSWORD } from './support/fixtures';
import { startDesktop } from './support/desktop';

const OUT = join(import.meta.dirname, '..', 'docs', 'screenshots');
const PEOPLE = [
  ['Maya Lindqvist', 'manager'],
  ['Tomás Ortega', 'manager'],
  ['Aiko Tanaka', 'agent'],
  ['Kwame Mensah', 'agent'],
  ['Priya Raman', 'agent'],
  ['Lena Vogel', 'agent'],
  ['Omar Haddad', 'agent'],
] as const;

for (const scheme of ['light', 'dark'] as const) {
  test(`screenshots (${scheme})`, async ({ workplace, browser }) => {
    const { hub, owner } = workplace;
    const support = (await owner.mutate('team.create', { name: 'Support' })).team.id;
    await owner.mutate('team.create', { name: 'Sales' });
    const ids: string[] = [];
    for (const [name, level] of PEOPLE) {
      const email = `${(name.split(' ')[0] ?? name).normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase()}@acme.example`;
      const restrictions = name.startsWith('Lena') ? { contactVisibility: 'team_and_self', maskContactDetails: true } as const : {};
      const id = await hub.addMember(owner, email, level, restrictions, name);
      ids.push(id);
      if (level === 'agent') await owner.mutate('member.set_team', { memberId: id, teamId: support });
    }
    for (const [index, name] of ['Harbor Coffee', 'Northwind Bikes', 'Juniper Dental', 'Atlas Movers', 'Blue Fern Studio'].entries()) {
      await owner.mutate('contact.create', { name, phone: `+44 20 7946 0${100 + index}`, email: `hello@${name.split(' ')[0]?.toLowerCase()}.example`, assigneeId: ids[2 + (index % 4)] ?? null, teamId: null });
    }
    await owner.mutate('member.invite', { input: { email: 'new.hire@acme.example', level: 'agent' } });
    await hub.connect('aiko@acme.example', MEMBER_PASSWORD);
    await hub.connect('maya@acme.example', MEMBER_PASSWORD);

    const context = await browser.newContext({ colorScheme: scheme, viewport: { width: 1400, height: 860 } });
    const desktop = await startDesktop();
    await desktop.core.signIn(hub.hub.url, hub.ownerEmail, OWNER_PASSWORD);
    const page = await context.newPage();
    await page.goto(desktop.webConsole.url);
    const shot = async (name: string) => page.screenshot({ path: join(OUT, `${name}-${scheme}.png`) });
    const open = async (screen: string) => {
      await page.getByTestId(`nav-${screen}`).click();
      await page.getByRole('heading', { level: 1 }).waitFor();
      await page.waitForTimeout(300);
    };
    try {
      await open('users');
      await page.locator('[data-presence="online"]').first().waitFor();
      await shot('users');
      await page.getByTestId('add-user').click();
      await page.getByTestId('invite-email').getByRole('textbox').fill('sam@acme.example');
      await page.waitForTimeout(300);
      await shot('add-user');
      await page.keyboard.press('Escape');
      await page.getByTestId('revoke-aiko@acme.example').click();
      await page.waitForTimeout(300);
      await shot('revoke');
      await page.keyboard.press('Escape');
      for (const screen of ['matrix', 'teams', 'contacts', 'audit']) {
        await open(screen);
        await shot(screen);
      }
      await captureAgentView(browser, scheme, hub.hub.url);
      await captureFirstRun(browser, scheme);
    } finally {
      await desktop.stop();
      await context.close();
    }
  });
}

async function captureAgentView(browser: Browser, scheme: 'light' | 'dark', hubUrl: string): Promise<void> {
  const desktop = await startDesktop();
  const context = await browser.newContext({ colorScheme: scheme, viewport: { width: 1400, height: 860 } });
  try {
    await desktop.core.signIn(hubUrl, 'lena@acme.example', MEMBER_PASSWORD);
    const page = await context.newPage();
    await page.goto(desktop.webConsole.url);
    await page.getByRole('heading', { name: 'Messages' }).waitFor();
    await page.waitForTimeout(300);
    await page.screenshot({ path: join(OUT, `agent-messages-${scheme}.png`) });
  } finally {
    await context.close();
    await desktop.stop();
  }
}

async function captureFirstRun(browser: Browser, scheme: 'light' | 'dark'): Promise<void> {
  const desktop = await startDesktop();
  const context = await browser.newContext({ colorScheme: scheme, viewport: { width: 1400, height: 860 } });
  try {
    const page = await context.newPage();
    await page.goto(desktop.webConsole.url);
    await page.getByRole('heading', { name: 'Welcome to Gatehouse' }).waitFor();
    await page.screenshot({ path: join(OUT, `first-run-${scheme}.png`) });
  } finally {
    await context.close();
    await desktop.stop();
  }
}
