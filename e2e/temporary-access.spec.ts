// Issue 13.2 in the browser: an Owner in Paris invites someone whose access
// ends on a date (typed as a person types: filled, cleared, typed again,
// "No end date" switched on and off), with the member who then receives their
// contacts; the hub stores the Paris moment in UTC and the heir. Extending is
// an edit. The Users list shows when access ends ("ends in 2 days", the exact
// moment on hover) and filters those ending soon. A member whose access ends
// a few seconds ahead is told why on their own screen. A real hub, the real
// core, Debian's Chromium, axe.
import type { Browser, Page } from '@playwright/test';
import type { TestHub } from '../hub/testing/test-hub';
import type { Desktop } from './support/desktop';
import { startDesktop } from './support/desktop';
import { expectAccessible } from './support/expect-accessible';
import { expect, MEMBER_PASSWORD, OWNER_PASSWORD, test } from './support/fixtures';
import { AccessUntilFields, storedAccessEnd } from './pages/access-until-fields';
import { UsersPage } from './pages/users-page';

const DAY = 24 * 60 * 60 * 1000;
const PARIS_ZONE = 'Europe/Paris';
const PARIS = { timezoneId: PARIS_ZONE, locale: 'en-GB' } as const;

const desktops: Desktop[] = [];
test.afterEach(async () => {
  while (desktops.length > 0) await desktops.pop()?.stop();
});

/** A desktop signed in as `email`, its window in Paris. */
async function openInParis(browser: Browser, hub: TestHub, email: string, password: string): Promise<Page> {
  const desktop = await startDesktop();
  desktops.push(desktop);
  await desktop.api['session.signIn']({ hubUrl: hub.hub.url, email, password });
  const page = await (await browser.newContext(PARIS)).newPage();
  await page.goto(desktop.webConsole.url);
  await page.getByTestId('connection-state').filter({ hasText: 'Online' }).waitFor();
  return page;
}

/** "2026-12-10": the day `daysAhead` from now, as a Paris calendar reads it. */
function parisDay(daysAhead: number): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: PARIS_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' }).format(Date.now() + daysAhead * DAY);
}

/** The UTC moment a Paris wall clock shows `time` on `day`. */
function parisMoment(day: string, time: string): number {
  const [year, month, date] = day.split('-').map(Number) as [number, number, number];
  const [hour, minute] = time.split(':').map(Number) as [number, number];
  const wall = Date.UTC(year, month - 1, date, hour, minute);
  const shown = (at: number) => new Intl.DateTimeFormat('en-GB', { timeZone: PARIS_ZONE, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(at);
  // Paris is one or two hours ahead of UTC: the offset whose moment reads back as the time typed.
  const moment = [60, 120].map((minutes) => wall - minutes * 60_000).find((at) => shown(at) === time);
  if (moment === undefined) throw new Error(`no Paris moment for ${day} ${time}`);
  return moment;
}

const longParisDate = (at: number) => new Intl.DateTimeFormat('en-GB', { dateStyle: 'full', timeZone: PARIS_ZONE }).format(at);

test('13.2: an Owner invites with an end date and an heir, the hub stores the Paris moment; extending is an edit; the list shows and filters the end', async ({ workplace, browser }) => {
  test.setTimeout(120_000);
  const { hub, owner } = workplace;
  const store = hub.hub.store;
  const halId = await hub.addMember(owner, 'hal@example.com', 'agent', {}, 'Hal Heir');
  await hub.addMember(owner, 'pat@example.com', 'agent', {}, 'Pat Permanent');

  const page = await openInParis(browser, hub, hub.ownerEmail, OWNER_PASSWORD);
  const users = new UsersPage(page);
  await users.open();
  await page.getByTestId('add-user').click();
  const fields = new AccessUntilFields(page);
  await page.getByTestId('invite-email').getByRole('textbox').fill('tia@example.com');
  // No end date is the first choice; choosing an end asks for the day before "Add" can be pressed.
  await expect(fields.noEnd).toBeChecked();
  await expect(fields.date).toBeHidden();
  await fields.noEnd.uncheck();
  await expect(fields.root).toContainText('Enter the last day of access');
  await expect(page.getByTestId('invite-submit')).toBeDisabled();
  await expect(fields.root).toContainText(`Times are in your time zone (${PARIS_ZONE})`);

  // A day typed, cleared, a past day typed (refused on the field), then the right one.
  const endDay = parisDay(10);
  await fields.date.fill(endDay);
  await fields.date.clear();
  await fields.date.fill(parisDay(-2));
  await expect(page.getByTestId('access-until-date')).toContainText('Choose a moment in the future');
  await fields.date.fill(endDay);
  await fields.time.fill('17:30');
  await expect(page.getByTestId('access-until-date')).not.toContainText('Choose');
  // "No end date" on and off again keeps what was typed.
  await fields.noEnd.check();
  await expect(fields.date).toBeHidden();
  await fields.noEnd.uncheck();
  await expect(fields.date).toHaveValue(endDay);
  await expect(fields.time).toHaveValue('17:30');

  // The heir: the searchable member picker, and what leaving it empty means, said in words.
  await expect(fields.root).toContainText('their contacts are left unassigned');
  await fields.heir.click();
  await expect(page.getByRole('option', { name: 'Nobody: leave them unassigned' })).toBeVisible();
  await fields.heir.pressSequentially('Hal');
  await page.getByRole('option', { name: /Hal Heir/ }).click();
  await expectAccessible(page, 'invite with an end date');
  await page.getByTestId('invite-submit').click();
  await page.getByTestId('invite-link').waitFor();
  await page.getByRole('button', { name: 'Done' }).click();

  const tia = async () => (await store.members.inWorkspace(hub.workspaceId)).find((member) => member.email === 'tia@example.com');
  const endsAt = parisMoment(endDay, '17:30');
  await expect.poll(async () => storedAccessEnd(await tia())).toEqual({ accessUntil: endsAt, accessHeirId: halId });

  // Extending: the same dialog, the stored day shown in Paris time, moved 10 days later.
  await users.row('tia@example.com').getByRole('button', { name: 'Edit' }).click();
  await expect(fields.date).toHaveValue(endDay);
  await expect(fields.time).toHaveValue('17:30');
  await expect(page.getByTestId('access-heir')).toContainText('Hal Heir');
  const laterDay = parisDay(20);
  await fields.date.fill(laterDay);
  await expectAccessible(page, 'edit with an end date');
  await page.getByTestId('edit-submit').click();
  await expect(page.getByRole('dialog')).toBeHidden();
  const extended = parisMoment(laterDay, '17:30');
  await expect.poll(async () => storedAccessEnd(await tia())).toEqual({ accessUntil: extended, accessHeirId: halId });

  // A member whose access ends in two days, set by another admin: the list shows both ends, the exact moment on hover.
  const soonEnd = Date.now() + 2 * DAY + 3_600_000;
  const bo = await hub.addMember(owner, 'bo@example.com', 'agent', {}, 'Bo Brief');
  await owner.mutate('member.edit', { input: { memberId: bo, level: 'agent', accessUntil: soonEnd, baseVersion: (await store.members.byId(bo))?.version ?? 1 } });
  await expect(users.row('bo@example.com').getByTestId('access-until')).toHaveText('ends in 2 days');
  await expect(users.row('bo@example.com').getByTestId('access-until')).toHaveAttribute('title', new RegExp(longParisDate(soonEnd)));
  await expect(users.row('tia@example.com').getByTestId('access-until')).toHaveAttribute('title', new RegExp(longParisDate(extended)));
  await expect(users.row('pat@example.com').getByTestId('access-until')).toHaveCount(0);

  // "Access ending soon": within the workspace's 3 days, so Bo alone; "has an end date" finds Tia too.
  await users.chooseLevel('filter-status', 'Access ending soon');
  await expect(page.getByTestId('member-count')).toHaveText(/^1 of \d+ members$/);
  await expect(users.row('bo@example.com')).toBeVisible();
  await expect(users.row('tia@example.com')).toHaveCount(0);
  await expectAccessible(page, 'users filtered by access ending soon');
  await users.chooseLevel('filter-status', 'Access has an end date');
  await expect(page.getByTestId('member-count')).toHaveText(/^2 of \d+ members$/);
});

test('13.2: a member whose access ends a few seconds ahead is told on their screen when it ended, as set by an admin', async ({ workplace, browser }) => {
  test.setTimeout(90_000);
  const { hub, owner } = workplace;
  const memberId = await hub.addMember(owner, 'eve@example.com', 'agent', {}, 'Eve Ending');
  const page = await openInParis(browser, hub, 'eve@example.com', MEMBER_PASSWORD);

  const endsAt = Date.now() + 5_000;
  await owner.mutate('member.edit', { input: { memberId, level: 'agent', accessUntil: endsAt, baseVersion: (await hub.hub.store.members.byId(memberId))?.version ?? 1 } });
  // The core writes the sentence in its own time zone: on a desktop, the person's; here, this test process's.
  const when = new Intl.DateTimeFormat('en-GB', { weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(endsAt);
  await expect(page.getByTestId('session-end-reason')).toHaveText(`Your access to Support ended on ${when}, as set by an admin.`, { timeout: 30_000 });
  await expectAccessible(page, 'signed out because access ended');
});

test('13.2: an Owner sets how many days ahead the hub warns, beside the two-step requirement; a wrong number is refused on the field', async ({ workplace, browser }) => {
  const { hub } = workplace;
  const page = await openInParis(browser, hub, hub.ownerEmail, OWNER_PASSWORD);
  await page.getByTestId('nav-profile').click();
  const setting = page.getByTestId('access-warning-setting');
  const days = page.getByTestId('access-warning-days').getByRole('spinbutton');
  await expect(setting).toContainText('Now 3 days before.');
  await days.fill('31');
  await expect(setting).toContainText('Enter a whole number of days from 0 to 30');
  await expect(page.getByTestId('access-warning-save')).toBeDisabled();
  await days.fill('');
  await days.pressSequentially('5');
  await expectAccessible(page, 'profile with the access warning setting');
  await page.getByTestId('access-warning-save').click();
  await expect(setting).toContainText('Now 5 days before.');
  await expect.poll(async () => (await hub.hub.store.workspaces.byId(hub.workspaceId))?.accessEndWarningDays).toBe(5);
});

test('13.2: a date the hub refuses is shown on the date field, and the dialog stays open to fix it', async ({ workplace, browser }) => {
  const { hub } = workplace;
  const page = await openInParis(browser, hub, hub.ownerEmail, OWNER_PASSWORD);
  const users = new UsersPage(page);
  await users.open();
  // The window's clock two days behind the hub's: yesterday looks like tomorrow here, and only the hub can refuse it.
  await page.clock.setFixedTime(Date.now() - 2 * DAY);
  await page.getByTestId('add-user').click();
  const fields = new AccessUntilFields(page);
  await page.getByTestId('invite-email').getByRole('textbox').fill('late@example.com');
  await fields.noEnd.uncheck();
  await fields.date.fill(parisDay(-1));
  await fields.time.fill('09:00');
  await page.getByTestId('invite-submit').click();
  await expect(page.getByTestId('access-until-date')).toContainText(/future/i);
  await expect(page.getByTestId('invite-error')).toHaveCount(0);
  await expect(page.getByRole('dialog')).toBeVisible();
  expect((await hub.hub.store.members.inWorkspace(hub.workspaceId)).some((member) => member.email === 'late@example.com')).toBe(false);
});
