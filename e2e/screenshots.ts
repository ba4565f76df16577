// `npm run screenshots`: a PNG of each main screen at 1024 and 1440 px wide,
// light and dark, into docs/screenshots/ (users-1440-light.png), from a
// workspace filled with believable data.
import { join } from 'node:path';
import type { Browser, Page } from '@playwright/test';
import { generateSync } from 'otplib';
import type { Workplace } from './support/fixtures';
import { test } from './support/fixtures';
import { MEMBER_PASSWORD, OWNER_PASSWORD } from './support/fixtures';
import { startDesktop } from './support/desktop';
import { startHubRunner } from './support/hub-runner';
import type { TestClient } from '../hub/testing/test-client';
import type { TestHub } from '../hub/testing/test-hub';
import { UsersPage } from './pages/users-page';

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
/** A small laptop and a common desktop width: the layouts people meet most. */
const WIDTHS = [1024, 1440] as const;
const HEIGHT = 860;

/** Teams, the people above (Agents in Support, Lena restricted) and contacts assigned to the Agents; the members' ids in PEOPLE's order. */
async function seedWorkspace({ hub, owner }: Workplace): Promise<string[]> {
  const support = (await owner.mutate('team.create', { name: 'Support' })).team.id;
  await owner.mutate('team.create', { name: 'Sales' });
  const ids: string[] = [];
  for (const [name, level] of PEOPLE) {
    const restrictions = name.startsWith('Lena') ? { contactVisibility: 'team_and_self', maskContactDetails: true } as const : {};
    const id = await hub.addMember(owner, emailOf(name), level, restrictions, name);
    ids.push(id);
    if (level === 'agent') await owner.mutate('member.set_team', { memberId: id, teamId: support });
  }
  for (const [index, name] of ['Harbor Coffee', 'Northwind Bikes', 'Juniper Dental', 'Atlas Movers', 'Blue Fern Studio'].entries()) {
    await owner.mutate('contact.create', { name, phone: `+44 20 7946 0${100 + index}`, email: `hello@${name.split(' ')[0]?.toLowerCase()}.example`, assigneeId: ids[2 + (index % 4)] ?? null, teamId: null });
  }
  return ids;
}

/** "tomas@acme.example" for "Tomás Ortega". */
function emailOf(name: string): string {
  return `${(name.split(' ')[0] ?? name).normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase()}@acme.example`;
}

/** The page as it is now, once at each width; `name` is the screen. `isFromTop`: scrolled back to the top first. `bringIntoView`: what to show, run after each resize. */
async function shootAtEachWidth(page: Page, name: string, scheme: 'light' | 'dark', isFromTop = false, bringIntoView?: () => Promise<void>): Promise<void> {
  for (const width of WIDTHS) {
    await page.setViewportSize({ width, height: HEIGHT });
    // Let the layout (the navigation drawer, virtual tables) settle at the new width.
    await page.waitForTimeout(250);
    // A narrower window can leave the page scrolled to the control last used.
    if (isFromTop) await page.evaluate(() => window.scrollTo(0, 0));
    if (bringIntoView) await bringIntoView();
    await page.screenshot({ path: join(OUT, `${name}-${width}-${scheme}.png`) });
  }
}

for (const scheme of ['light', 'dark'] as const) {
  test(`screenshots (${scheme})`, async ({ workplace, browser }) => {
    test.setTimeout(240_000);
    const { hub, owner } = workplace;
    await seedWorkspace(workplace);
    const invited = await owner.mutate('member.invite', { input: { email: 'new.hire@acme.example', level: 'agent' } });
    await hub.connect('aiko@acme.example', MEMBER_PASSWORD);
    await hub.connect('maya@acme.example', MEMBER_PASSWORD);

    const context = await browser.newContext({ colorScheme: scheme, viewport: { width: 1440, height: HEIGHT } });
    const desktop = await startDesktop();
    await desktop.api['session.signIn']({ hubUrl: hub.hub.url, email: hub.ownerEmail, password: OWNER_PASSWORD });
    const page = await context.newPage();
    await page.goto(desktop.webConsole.url);
    const shot = (name: string) => shootAtEachWidth(page, name, scheme);
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
      // The typed address is a change: closing asks before it is discarded.
      await page.getByRole('button', { name: 'Discard' }).click();
      await page.getByRole('dialog', { name: 'Add user' }).waitFor({ state: 'hidden' });
      await page.getByTestId('revoke-aiko@acme.example').click();
      await page.waitForTimeout(300);
      await shot('revoke');
      await page.keyboard.press('Escape');
      for (const screen of ['matrix', 'teams', 'contacts', 'messages', 'audit', 'notifications', 'profile']) {
        await open(screen);
        await shot(screen);
      }
      // The matrix for a restricted Agent: the member's own closed cells, each with its "Why?".
      await open('matrix');
      await page.getByTestId('matrix-member').click();
      await page.getByRole('option', { name: 'Lena Vogel · Agent' }).click();
      await page.waitForTimeout(300);
      await shootAtEachWidth(page, 'matrix-agent', scheme, true);
      await captureInviteMany(page, scheme);
      await captureAccessReview(page, scheme);
      // The hub's own page behind the invitation link, as the invited person sees it.
      await page.goto(`${hub.hub.url}${new URL(invited.inviteUrl ?? '').pathname}`);
      await page.getByRole('heading', { level: 1 }).waitFor();
      await shot('invitation');
      await captureAgentView(browser, scheme, hub.hub.url);
      await captureTwoStep(browser, scheme, hub.hub.url);
      await captureFirstRun(browser, scheme);
      await captureHubSettings(browser, scheme);
      const another = await owner.mutate('member.invite', { input: { email: 'rosa.newcomer@acme.example', level: 'agent' } });
      await captureAcceptInvitation(browser, scheme, hub.hub.url, another.inviteUrl ?? '');
    } finally {
      await desktop.stop();
      await context.close();
    }
  });
}

/** Issue 13: "Invite many people" with a checked list (ready rows, and rows that say why not), then its results. */
async function captureInviteMany(page: Page, scheme: 'light' | 'dark'): Promise<void> {
  await page.getByTestId('nav-users').click();
  await page.getByTestId('add-user').click();
  await page.getByTestId('invite-many').click();
  await page.getByRole('heading', { name: 'Invite many people' }).waitFor();
  const list = ['sam.rivera@acme.example', 'noor.ali@acme.example, Manager', 'aiko@acme.example', 'jo.baker@acme', 'sam.rivera@acme.example', 'ines.costa@acme.example, Agent, Support'];
  await page.getByTestId('bulk-paste').getByRole('textbox').fill(list.join('\n'));
  await page.getByTestId('bulk-read').click();
  await page.getByTestId('bulk-row-count').filter({ hasText: '6 rows' }).waitFor();
  await page.getByTestId('bulk-check').click();
  await page.getByTestId('bulk-check-summary').waitFor();
  // From the top of the screen: where the list came from, then its rows.
  await page.getByTestId('bulk-invite-body').evaluate((element) => element.scrollTo(0, 0));
  await page.waitForTimeout(300);
  await shootAtEachWidth(page, 'invite-many', scheme);
  await page.getByTestId('bulk-send').click();
  await page.getByTestId('bulk-results').waitFor();
  await page.waitForTimeout(300);
  await shootAtEachWidth(page, 'invite-many-results', scheme);
  await page.getByTestId('bulk-done').click();
}

const DAY = 24 * 60 * 60 * 1000;

// Issue 13.2, temporary access, in a workspace of its own so that
// `-g "temporary access"` regenerates these alone and the other screens keep
// members without end dates.
for (const scheme of ['light', 'dark'] as const) {
  test(`temporary access screenshots (${scheme})`, async ({ workplace, browser }) => {
    test.setTimeout(120_000);
    const { hub, owner } = workplace;
    const ids = await seedWorkspace(workplace);
    await giveEndDates(hub, owner, ids);
    await hub.connect('aiko@acme.example', MEMBER_PASSWORD);
    const context = await browser.newContext({ colorScheme: scheme, viewport: { width: 1440, height: HEIGHT } });
    const desktop = await startDesktop();
    try {
      await desktop.api['session.signIn']({ hubUrl: hub.hub.url, email: hub.ownerEmail, password: OWNER_PASSWORD });
      const page = await context.newPage();
      await page.goto(desktop.webConsole.url);
      await page.getByTestId('connection-state').filter({ hasText: 'Online' }).waitFor();
      await captureTemporaryAccess(page, scheme);
    } finally {
      await desktop.stop();
      await context.close();
    }
  });
}

/**
 * End dates at a round time of day, as a person would pick them: Priya's and
 * Kwame's within the workspace's 7 warning days (ending soon), Tomás's and
 * Omar's later. Each hands their contacts to a colleague.
 */
async function giveEndDates(hub: TestHub, owner: TestClient, ids: string[]): Promise<void> {
  await owner.mutate('workspace.set_access_warning', { days: 7 });
  const [, tomas, aiko, kwame, priya, lena, omar] = ids;
  const ends = [
    { memberId: priya, level: 'agent', daysAhead: 2, heir: aiko },
    { memberId: kwame, level: 'agent', daysAhead: 5, heir: aiko },
    { memberId: tomas, level: 'manager', daysAhead: 21, heir: null },
    { memberId: omar, level: 'agent', daysAhead: 45, heir: lena },
  ] as const;
  for (const { memberId, level, daysAhead, heir } of ends) {
    if (memberId === undefined) throw new Error('the screenshot workspace is missing a member');
    const end = new Date(Date.now() + daysAhead * DAY);
    end.setHours(17, 30, 0, 0);
    const baseVersion = (await hub.hub.store.members.byId(memberId))?.version ?? 1;
    await owner.mutate('member.edit', { input: { memberId, level, accessUntil: end.getTime(), accessHeirId: heir ?? null, baseVersion } });
  }
}

/** The Users page filtered to "Access ending soon"; the Edit dialog of a member with an end date and an heir; the Owner's warning setting. */
async function captureTemporaryAccess(page: Page, scheme: 'light' | 'dark'): Promise<void> {
  const users = new UsersPage(page);
  await users.open();
  await users.row('omar@acme.example').getByTestId('access-until').waitFor();
  await users.chooseLevel('filter-status', 'Access ending soon');
  await page.getByTestId('member-count').filter({ hasText: /^2 of / }).waitFor();
  // The menu's closing animation done, nothing left over the list.
  await page.getByRole('listbox').waitFor({ state: 'hidden' });
  await page.waitForTimeout(300);
  await shootAtEachWidth(page, 'users-ending-soon', scheme);
  await page.setViewportSize({ width: 1440, height: HEIGHT });
  await users.row('kwame@acme.example').getByRole('button', { name: 'Edit' }).click();
  await page.getByRole('dialog').getByTestId('access-until-fields').waitFor();
  await page.getByRole('dialog').getByTestId('access-heir').filter({ hasText: 'Aiko Tanaka' }).waitFor();
  await page.waitForTimeout(300);
  // The dialog scrolls: down to its "Access until" part, the heir at the bottom edge.
  const heir = page.getByRole('dialog').getByTestId('access-heir');
  await shootAtEachWidth(page, 'edit-access-until', scheme, false, () => heir.evaluate((element) => element.scrollIntoView({ block: 'end' })));
  await page.keyboard.press('Escape');
  await page.getByRole('dialog').waitFor({ state: 'hidden' });
  await page.getByTestId('nav-profile').click();
  await page.getByTestId('access-warning-setting').filter({ hasText: 'Now 7 days before.' }).scrollIntoViewIfNeeded();
  await page.waitForTimeout(300);
  await shootAtEachWidth(page, 'access-warning', scheme);
}

/** Issue 13.1: Access reviews before a review starts, then an open review of those who never signed in since they were invited. */
async function captureAccessReview(page: Page, scheme: 'light' | 'dark'): Promise<void> {
  await page.getByTestId('nav-access-reviews').click();
  await page.getByTestId('review-start').waitFor();
  await page.waitForTimeout(300);
  await shootAtEachWidth(page, 'access-reviews', scheme);
  await page.getByRole('radio', { name: 'Members who never signed in since they were invited' }).check();
  await page.getByTestId('review-start-button').click();
  await page.getByTestId('review-candidates').waitFor();
  await page.waitForTimeout(300);
  await shootAtEachWidth(page, 'access-review-open', scheme, true);
}

async function captureAgentView(browser: Browser, scheme: 'light' | 'dark', hubUrl: string): Promise<void> {
  const desktop = await startDesktop();
  const context = await browser.newContext({ colorScheme: scheme, viewport: { width: 1440, height: HEIGHT } });
  try {
    await desktop.api['session.signIn']({ hubUrl, email: 'lena@acme.example', password: MEMBER_PASSWORD });
    const page = await context.newPage();
    await page.goto(desktop.webConsole.url);
    await page.getByRole('heading', { name: 'Messages' }).waitFor();
    await page.waitForTimeout(300);
    await shootAtEachWidth(page, 'agent-messages', scheme);
    // Their own access, in words addressed to them.
    await page.getByTestId('nav-profile').click();
    await page.getByTestId('your-access').scrollIntoViewIfNeeded();
    await page.waitForTimeout(300);
    await shootAtEachWidth(page, 'agent-profile', scheme);
  } finally {
    await context.close();
    await desktop.stop();
  }
}

/** Issue 13.5: turning two-step sign-in on (the QR code and its key, then the recovery codes), and the code asked after the password. */
async function captureTwoStep(browser: Browser, scheme: 'light' | 'dark', hubUrl: string): Promise<void> {
  const desktop = await startDesktop();
  const context = await browser.newContext({ colorScheme: scheme, viewport: { width: 1440, height: HEIGHT } });
  try {
    await desktop.api['session.signIn']({ hubUrl, email: 'maya@acme.example', password: MEMBER_PASSWORD });
    const page = await context.newPage();
    await page.goto(desktop.webConsole.url);
    await page.getByTestId('nav-profile').click();
    await page.getByTestId('two-step-turn-on').click();
    await page.getByTestId('two-step-password').getByRole('textbox').fill(MEMBER_PASSWORD);
    await page.getByTestId('two-step-start').click();
    await page.getByTestId('two-step-qr').waitFor();
    await page.waitForTimeout(300);
    await shootAtEachWidth(page, 'two-step-enrol', scheme);
    const secret = ((await page.getByTestId('two-step-secret').textContent()) ?? '').replace(/\s/g, '');
    await page.getByTestId('two-step-code').getByRole('textbox').fill(generateSync({ secret, epoch: Math.floor(Date.now() / 1000) }));
    await page.getByTestId('two-step-confirm').click();
    await page.getByTestId('recovery-codes').waitFor();
    await page.waitForTimeout(300);
    await shootAtEachWidth(page, 'two-step-recovery-codes', scheme);
    await page.getByTestId('two-step-done').click();
    await page.getByRole('button', { name: 'Account menu' }).click();
    await page.getByTestId('sign-out').click();
    await page.getByTestId('hub-url').getByRole('textbox').fill(hubUrl);
    await page.getByTestId('sign-in-email').getByRole('textbox').fill('maya@acme.example');
    await page.getByTestId('sign-in-password').getByRole('textbox').fill(MEMBER_PASSWORD);
    await page.getByTestId('sign-in').click();
    await page.getByTestId('second-step-code').waitFor();
    await page.waitForTimeout(300);
    await shootAtEachWidth(page, 'two-step-sign-in', scheme);
  } finally {
    await context.close();
    await desktop.stop();
  }
}

/** Hub settings, as the person who runs the hub on this computer sees it, with invitation email set. */
async function captureHubSettings(browser: Browser, scheme: 'light' | 'dark'): Promise<void> {
  const desktop = await startHubRunner('starttls');
  const context = await browser.newContext({ colorScheme: scheme, viewport: { width: 1440, height: HEIGHT } });
  try {
    const page = await context.newPage();
    await page.goto(desktop.webConsole.url);
    await page.getByTestId('connection-state').filter({ hasText: 'Online' }).waitFor();
    await page.getByTestId('nav-hub-settings').click();
    await page.getByTestId('hub-workspace').first().waitFor();
    await page.waitForTimeout(300);
    await shootAtEachWidth(page, 'hub-settings', scheme, true);
  } finally {
    await context.close();
    await desktop.stop();
  }
}

async function captureFirstRun(browser: Browser, scheme: 'light' | 'dark'): Promise<void> {
  const desktop = await startDesktop();
  const context = await browser.newContext({ colorScheme: scheme, viewport: { width: 1440, height: HEIGHT } });
  try {
    const page = await context.newPage();
    await page.goto(desktop.webConsole.url);
    await page.getByRole('heading', { name: 'Welcome to Gatehouse' }).waitFor();
    await shootAtEachWidth(page, 'first-run', scheme);
  } finally {
    await context.close();
    await desktop.stop();
  }
}

/** The app's own accept screen (not the hub's page): a new address choosing a name and a password, one problem shown. */
async function captureAcceptInvitation(browser: Browser, scheme: 'light' | 'dark', hubUrl: string, inviteUrl: string): Promise<void> {
  const desktop = await startDesktop();
  const context = await browser.newContext({ colorScheme: scheme, viewport: { width: 1440, height: HEIGHT } });
  try {
    const page = await context.newPage();
    await page.goto(desktop.webConsole.url);
    const token = new URL(inviteUrl).pathname.split('/').pop() ?? '';
    await page.goto(`${new URL(desktop.webConsole.url).origin}/?invite=${encodeURIComponent(token)}&hub=${encodeURIComponent(hubUrl)}`);
    await page.getByTestId('confirm-hub').click();
    await page.getByTestId('accept-name').getByRole('textbox').fill('Rosa Newcomer');
    await page.getByTestId('accept-password').getByRole('textbox').fill('too-short');
    await page.getByTestId('accept-password').getByRole('textbox').blur();
    await page.waitForTimeout(300);
    await shootAtEachWidth(page, 'accept-invitation', scheme);
  } finally {
    await context.close();
    await desktop.stop();
  }
}
