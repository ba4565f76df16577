// Issue 13.1 in the browser: an Owner in Paris reviews the members not seen
// for 30 days (the days typed, wrongly first, as a person types them), keeps
// or revokes each by keyboard, gives the revoked members' contacts to one
// member, confirms once and reads what became of each, including a member
// seen since the review started, whose revoke is refused (A4, V1-V3, X1).
// Then a schedule every 90 days, its next due date in Paris time, kept by the
// hub. A Manager reviews Agents only and an Agent has no such page (U1, E3).
// A real hub (its clock untouched: the members' last-seen times are set in
// its store), the real core, Debian's Chromium, axe.
import type { Browser, Page } from '@playwright/test';
import type { TestHub } from '../hub/testing/test-hub';
import type { Desktop } from './support/desktop';
import { startDesktop } from './support/desktop';
import { expectAccessible } from './support/expect-accessible';
import { expect, MEMBER_PASSWORD, OWNER_PASSWORD, test } from './support/fixtures';

const DAY = 24 * 60 * 60 * 1000;
const PARIS = { timezoneId: 'Europe/Paris', locale: 'en-GB' } as const;

const desktops: Desktop[] = [];
test.afterEach(async () => {
  while (desktops.length > 0) await desktops.pop()?.stop();
});

/** A desktop signed in as `email`, its window in Paris, on the Access reviews page. */
async function openReviews(browser: Browser, hub: TestHub, email: string, password: string): Promise<Page> {
  const desktop = await startDesktop();
  desktops.push(desktop);
  await desktop.api['session.signIn']({ hubUrl: hub.hub.url, email, password });
  const page = await (await browser.newContext(PARIS)).newPage();
  await page.goto(desktop.webConsole.url);
  await page.getByTestId('connection-state').filter({ hasText: 'Online' }).waitFor();
  await page.getByTestId('nav-access-reviews').click();
  await expect(page.getByRole('heading', { level: 1, name: 'Access reviews' })).toBeVisible();
  return page;
}

const daysField = (page: Page) => page.getByTestId('review-days').getByRole('textbox');
const row = (page: Page, email: string) => page.getByTestId(`review-row-${email}`);

test('13.1: an Owner keeps or revokes each unseen member by keyboard, gives the contacts to one member, confirms once and reads each result', async ({ workplace, browser }) => {
  test.setTimeout(120_000);
  const { hub, owner } = workplace;
  const store = hub.hub.store;
  const ada = await hub.addMember(owner, 'ada@example.com', 'agent', {}, 'Ada Lovelace');
  const bo = await hub.addMember(owner, 'bo@example.com', 'agent', {}, 'Bo Svensson');
  const cy = await hub.addMember(owner, 'cy@example.com', 'manager', {}, 'Cy Marsh');
  const dee = await hub.addMember(owner, 'dee@example.com', 'agent', {}, 'Dee Recent');
  const heir = await hub.addMember(owner, 'heir@example.com', 'agent', {}, 'Hal Heir');
  for (const name of ['Ann', 'Ben']) await owner.mutate('contact.create', { name, phone: null, email: null, assigneeId: ada, teamId: null });
  await owner.mutate('contact.create', { name: 'Cat', phone: null, email: null, assigneeId: bo, teamId: null });
  const now = Date.now();
  const adaSeen = now - 200 * DAY;
  await store.members.setLastSeen(ada, adaSeen);
  await store.members.setLastSeen(bo, now - 45 * DAY);
  await store.members.setLastSeen(cy, now - 40 * DAY);
  await store.members.setLastSeen(dee, now - 5 * DAY);
  await store.members.setLastSeen(heir, now - DAY);

  const page = await openReviews(browser, hub, hub.ownerEmail, OWNER_PASSWORD);
  await expectAccessible(page, 'access reviews, nothing started');
  // The days typed wrongly, cleared and typed again: the field says what is wrong, in words.
  await expect(daysField(page)).toHaveValue('30');
  await daysField(page).fill('');
  await expect(page.getByTestId('review-days')).toContainText('Enter a number of days');
  await expect(page.getByTestId('review-start-button')).toBeDisabled();
  await daysField(page).pressSequentially('0');
  await expect(page.getByTestId('review-days')).toContainText('Enter at least 1 day');
  await daysField(page).clear();
  await daysField(page).pressSequentially('30');
  await expect(page.getByTestId('review-days')).not.toContainText('Enter');
  await page.getByTestId('review-start-button').click();

  // Longest unseen first; Dee (5 days) and Hal (1 day) are not held, nor the Owner.
  await expect(page.getByTestId('review-candidates').locator('tbody tr')).toHaveCount(3);
  await expect(page.getByTestId('review-candidates').locator('tbody tr').first()).toContainText('Ada Lovelace');
  await expect(page.getByTestId('review-candidates').locator('tbody tr').last()).toContainText('Cy Marsh');
  await expect(row(page, 'cy@example.com')).toContainText('Manager');
  const adaDay = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'Europe/Paris' }).format(adaSeen);
  await expect(row(page, 'ada@example.com').locator('[title]')).toHaveAttribute('title', new RegExp(adaDay));
  await expect(row(page, 'ada@example.com').locator('[title]')).toHaveText(/ago/);
  await expect(page.getByTestId('review-summary')).toHaveText('Keep 3, revoke 0');

  // Ada: revoke. Bo: revoke, back to keep, revoke again. Cy: revoke then keep. All by arrow keys.
  await page.getByRole('radio', { name: 'Keep Ada Lovelace' }).focus();
  await page.keyboard.press('ArrowRight');
  await expect(page.getByRole('radio', { name: 'Revoke Ada Lovelace' })).toBeChecked();
  await page.getByRole('radio', { name: 'Keep Bo Svensson' }).focus();
  for (const key of ['ArrowRight', 'ArrowLeft', 'ArrowRight']) await page.keyboard.press(key);
  await expect(page.getByRole('radio', { name: 'Revoke Bo Svensson' })).toBeChecked();
  await page.getByRole('radio', { name: 'Keep Cy Marsh' }).focus();
  await page.keyboard.press('ArrowRight');
  await expect(page.getByTestId('review-summary')).toHaveText('Keep 0, revoke 3');
  await page.keyboard.press('ArrowLeft');
  await expect(page.getByRole('radio', { name: 'Keep Cy Marsh' })).toBeChecked();
  await expect(page.getByTestId('review-summary')).toHaveText('Keep 1, revoke 2');
  await expectAccessible(page, 'access review with choices');

  // Bo signs in somewhere after the review started: their revoke must be refused.
  await store.members.setLastSeen(bo, Date.now());

  await page.getByTestId('review-apply').click();
  const dialog = page.getByRole('dialog', { name: 'Apply this review' });
  await expect(dialog.getByTestId('review-confirm-summary')).toHaveText('Keep 1, revoke 2.');
  await expect(dialog.getByTestId('review-confirm-names')).toHaveText('Ada Lovelace, Bo Svensson');
  await expect(dialog.getByTestId('review-confirm-submit')).toBeDisabled();
  // The heir, found by typing; those being revoked are not offered.
  const heirField = dialog.getByRole('combobox', { name: 'Give their contacts to' });
  await heirField.click();
  await expect(page.getByRole('option', { name: 'Leave unassigned' })).toBeVisible();
  await expect(page.getByRole('option', { name: /Cy Marsh/ })).toBeVisible();
  await expect(page.getByRole('option', { name: /Ada Lovelace|Bo Svensson/ })).toHaveCount(0);
  await heirField.fill('Hal');
  await page.getByRole('option', { name: /Hal Heir/ }).click();
  await dialog.getByTestId('review-confirm-check').getByRole('checkbox').check();
  await expectAccessible(page, 'access review confirmation');
  await dialog.getByTestId('review-confirm-submit').click();
  await expect(dialog).toBeHidden();

  await expect(page.getByTestId('review-results-summary')).toHaveText('1 kept, 1 revoked, 1 not revoked.');
  await expect(page.getByTestId('review-result-ada@example.com')).toContainText('Access revoked; 2 contacts moved');
  await expect(page.getByTestId('review-result-bo@example.com')).toContainText('Not revoked: Bo Svensson was seen since the review started');
  await expect(page.getByTestId('review-result-cy@example.com')).toContainText('Kept');
  await expectAccessible(page, 'access review results');

  // The hub: Ada gone and her contacts Hal's; Bo and his contact stay; the review in the audit log.
  const memberIds = (await store.members.inWorkspace(hub.workspaceId)).map((member) => member.id);
  expect(memberIds).not.toContain(ada);
  expect(memberIds).toEqual(expect.arrayContaining([bo, cy, dee, heir]));
  const assignees = Object.fromEntries((await store.contacts.inWorkspace(hub.workspaceId)).map((contact) => [contact.name, contact.assigneeId]));
  expect(assignees).toEqual({ Ann: heir, Ben: heir, Cat: bo });
  const actions = (await store.audit.all(hub.workspaceId)).map((entry) => entry.action);
  expect(actions).toEqual(expect.arrayContaining(['review.started', 'member.revoked', 'review.completed']));

  // Back to the start form.
  await page.getByTestId('review-another').click();
  await expect(page.getByTestId('review-start')).toBeVisible();
});

test('13.1: a review every 90 days, its next due day shown in Paris time and kept by the hub; off again', async ({ workplace, browser }) => {
  const { hub } = workplace;
  const page = await openReviews(browser, hub, hub.ownerEmail, OWNER_PASSWORD);
  await expect(page.getByTestId('review-next-due')).toHaveText('No review is scheduled.');
  await page.getByTestId('review-schedule-choice').click();
  await page.getByRole('option', { name: 'Every 90 days' }).click();
  await expect(page.getByTestId('review-next-due')).toContainText('Next review due on');

  const ownerId = (await hub.hub.store.members.inWorkspace(hub.workspaceId)).find((member) => member.email === hub.ownerEmail)?.id ?? '';
  const stored = await hub.hub.store.accessReviews.scheduleOf(ownerId);
  expect(stored?.everyDays).toBe(90);
  expect(Math.abs((stored?.nextDueAt ?? 0) - (Date.now() + 90 * DAY))).toBeLessThan(60_000);
  const dueDay = new Intl.DateTimeFormat('en-GB', { dateStyle: 'full', timeZone: 'Europe/Paris' }).format(stored?.nextDueAt);
  await expect(page.getByTestId('review-next-due')).toHaveText(`Next review due on ${dueDay} (your time zone: Europe/Paris).`);

  // Kept by the hub: read again after a reload.
  await page.reload();
  await expect(page.getByTestId('review-next-due')).toHaveText(`Next review due on ${dueDay} (your time zone: Europe/Paris).`);
  await expect(page.getByTestId('review-schedule-choice')).toContainText('Every 90 days');
  await expectAccessible(page, 'access reviews with a schedule');

  await page.getByTestId('review-schedule-choice').click();
  await page.getByRole('option', { name: 'Off' }).click();
  await expect(page.getByTestId('review-next-due')).toHaveText('No review is scheduled.');
  expect(await hub.hub.store.accessReviews.scheduleOf(ownerId)).toBeUndefined();
});

test('13.1, E3, U1: a Manager reviews Agents only and is told when nobody matches; an Agent has no Access reviews page', async ({ workplace, browser }) => {
  const { hub, owner } = workplace;
  await hub.addMember(owner, 'manager@example.com', 'manager', {}, 'Mona Manager');
  await hub.addMember(owner, 'agent@example.com', 'agent', {}, 'Aki Agent');
  await owner.mutate('member.invite', { input: { email: 'pending.manager@example.com', level: 'manager' } });

  const page = await openReviews(browser, hub, 'manager@example.com', MEMBER_PASSWORD);
  await page.getByTestId('review-kind').getByRole('radio', { name: 'Members who never signed in since they were invited' }).check();
  await expect(page.getByTestId('review-days')).toHaveCount(0);
  await page.getByTestId('review-start-button').click();
  // The pending Manager is not the Manager's to review: only the Agent.
  await expect(page.getByTestId('review-candidates').locator('tbody tr')).toHaveCount(1);
  await expect(row(page, 'agent@example.com')).toContainText('Never signed in');

  // Another review, which nobody matches: the page says so in words.
  await page.getByTestId('review-start-over').click();
  await page.getByTestId('review-start-button').click();
  await expect(page.getByTestId('review-empty')).toHaveText(/Nobody to review: everyone whose access you may manage has been seen in the last 30 days/);
  await expectAccessible(page, 'access reviews, nobody to review');

  const agentDesktop = await startDesktop();
  desktops.push(agentDesktop);
  await agentDesktop.api['session.signIn']({ hubUrl: hub.hub.url, email: 'agent@example.com', password: MEMBER_PASSWORD });
  const agentPage = await (await browser.newContext(PARIS)).newPage();
  await agentPage.goto(`${agentDesktop.webConsole.url}#/access-reviews`);
  await agentPage.getByTestId('connection-state').filter({ hasText: 'Online' }).waitFor();
  await expect(agentPage.getByTestId('nav-access-reviews')).toHaveCount(0);
  await expect(agentPage.getByRole('heading', { level: 1, name: 'Access reviews' })).toHaveCount(0);
});
