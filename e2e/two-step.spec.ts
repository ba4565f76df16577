// Issue 13.5 in the browser: turning two-step sign-in on from Profile (the
// secret read from the page, the code computed here as an authenticator app
// would), a wrong code shown on its field, the recovery codes shown once;
// signing in again with the password and then a code, or a recovery code that
// works once; an Owner requiring it for the workspace, and a member told the
// deadline in their own time zone, on every page. The screenshots project
// (e2e/screenshots.ts) shoots the enrol dialog and the second step.
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import Database from 'better-sqlite3';
import { generateSync } from 'otplib';
import { HUB_DATABASE_FILE } from '../hub';
import { ProfileAccountPage, SignInScreen } from './pages/account-pages';
import { startDesktop } from './support/desktop';
import { expectAccessible } from './support/expect-accessible';
import { expect, MEMBER_PASSWORD, OWNER_PASSWORD, test } from './support/fixtures';

const STEP_SECONDS = 30;

/**
 * The code an authenticator app shows for the secret as the page shows it (in groups of four),
 * `stepsAhead` steps from now. The hub takes each step once and accepts one step of clock drift,
 * so a sign-in right after the confirming code uses the next step's code, as a phone a little
 * ahead would show it.
 */
function codeFor(shownSecret: string, stepsAhead = 0): string {
  return generateSync({ secret: shownSecret.replace(/\s/g, ''), epoch: Math.floor(Date.now() / 1000) + stepsAhead * STEP_SECONDS });
}

/** Turns two-step sign-in on from Profile; the key as shown and the recovery codes as listed. */
async function turnOnFromProfile(page: Page, password: string): Promise<{ shownSecret: string; recoveryCodes: string[] }> {
  await page.getByTestId('nav-profile').click();
  await page.getByTestId('two-step-turn-on').click();
  await page.getByTestId('two-step-password').locator('input').fill(password);
  await page.getByTestId('two-step-start').click();
  const shownSecret = (await page.getByTestId('two-step-secret').textContent()) ?? '';
  await page.getByTestId('two-step-code').locator('input').fill(codeFor(shownSecret));
  await page.getByTestId('two-step-confirm').click();
  await expect(page.getByTestId('recovery-codes').locator('li')).toHaveCount(10);
  const recoveryCodes = await page.getByTestId('recovery-codes').locator('li').allTextContents();
  await page.getByTestId('two-step-done').click();
  await expect(page.getByTestId('two-step-state')).toContainText('Two-step sign-in is on since');
  return { shownSecret, recoveryCodes: recoveryCodes.map((code) => code.trim()) };
}

/** What the hub stored about the person's sessions and recovery codes, read from its file on a read-only connection. */
function storedSecondStep(dataDir: string, email: string): { newestSessionPassed: boolean; recoveryCodesUsed: number } {
  const sqlite = new Database(join(dataDir, HUB_DATABASE_FILE), { readonly: true, fileMustExist: true });
  try {
      sqlite.pragma('busy_timeout = 5000');
      const person = sqlite.prepare('SELECT id FROM people WHERE email = ?').get(email) as { id: string };
      const newest = sqlite.prepare('SELECT second_step_at AS passedAt FROM sessions WHERE person_id = ? ORDER BY created_at DESC LIMIT 1').get(person.id) as {
        passedAt: number | null;
      };
      const used = sqlite.prepare('SELECT count(*) AS used FROM two_step_recovery_codes WHERE person_id = ? AND used_at IS NOT NULL').get(person.id) as { used: number };
      return { newestSessionPassed: newest.passedAt !== null, recoveryCodesUsed: used.used };
  } finally {
    sqlite.close();
  }
}

/** The second step of the sign-in card. */
class SecondStepCard {
  constructor(readonly page: Page) {}

  get codeField() {
    return this.page.getByTestId('second-step-code');
  }

  get recoveryField() {
    return this.page.getByTestId('second-step-recovery-code');
  }

  /** Types into the field that has the focus and sends with Enter, as a person at the keyboard would. */
  async typeAndSend(code: string): Promise<void> {
    await this.page.keyboard.press('ControlOrMeta+a');
    await this.page.keyboard.type(code);
    await this.page.keyboard.press('Enter');
  }
}

test('issue 13.5: turn on two-step sign-in from Profile: a wrong code is shown on its field, the right one turns it on', async ({ workplace }) => {
  const { page } = await workplace.openDesktop(workplace.hub.ownerEmail, OWNER_PASSWORD);
  await page.getByTestId('nav-profile').click();
  await expect(page.getByTestId('two-step-state')).toHaveText('Two-step sign-in is off.');
  await page.getByTestId('two-step-turn-on').click();
  await page.getByTestId('two-step-password').locator('input').fill('not-my-password');
  await page.getByTestId('two-step-start').click();
  await expect(page.getByTestId('two-step-password')).toContainText('Your current password is not right.');
  await page.getByTestId('two-step-password').locator('input').fill(OWNER_PASSWORD);
  await page.getByTestId('two-step-start').click();

  await expect(page.getByTestId('two-step-qr')).toBeVisible();
  const shownSecret = (await page.getByTestId('two-step-secret').textContent()) ?? '';
  expect(shownSecret.replace(/\s/g, '')).toMatch(/^[A-Z2-7]{32}$/);
  await expectAccessible(page, 'two-step enrol dialog');

  const right = codeFor(shownSecret);
  const wrong = right === '000000' ? '111111' : '000000';
  await page.getByTestId('two-step-code').locator('input').fill(wrong);
  await page.getByTestId('two-step-confirm').click();
  await expect(page.getByTestId('two-step-code')).toContainText('That code is not right.');
  await page.getByTestId('two-step-code').locator('input').fill('１２３４５６');
  await page.getByTestId('two-step-confirm').click();
  await expect(page.getByTestId('two-step-code')).toContainText('Enter the 6-digit code from your authenticator app.');

  await page.getByTestId('two-step-code').locator('input').fill(right);
  await page.getByTestId('two-step-confirm').click();
  await expect(page.getByTestId('recovery-codes').locator('li')).toHaveCount(10);
  await page.getByTestId('two-step-done').click();
  await expect(page.getByTestId('two-step-state')).toContainText('Two-step sign-in is on since');
  await expect(page.getByTestId('two-step-state')).toContainText('Recovery codes left: 10.');
  // The person's own session stays connected: it passed the second step when it turned it on.
  await expect(page.getByTestId('connection-state')).toContainText('Online');
});

test('issue 13.5: an Owner requires it with a grace period; a member without it sees the deadline in their time zone', async ({ workplace, browser }) => {
  await workplace.hub.addMember(workplace.owner, 'agent@example.com', 'agent');
  const { page } = await workplace.openDesktop(workplace.hub.ownerEmail, OWNER_PASSWORD);
  await page.getByTestId('nav-profile').click();
  // Without it on their own account, the Owner cannot require it yet.
  await expect(page.getByTestId('two-step-requirement-on')).toBeDisabled();
  await turnOnFromProfile(page, OWNER_PASSWORD);

  await page.getByTestId('two-step-grace-days').locator('input').fill('14');
  await page.getByTestId('two-step-requirement-on').click();
  await expect(page.getByTestId('two-step-requirement-state')).toContainText('Required from');

  // The member's window runs in another time zone: the deadline is shown in theirs, with the zone named.
  // Its own desktop: a web console's sign-in link opens one browser context only, and this one needs the time zone.
  const desktop = await startDesktop();
  const context = await browser.newContext({ timezoneId: 'Asia/Tokyo' });
  try {
    await desktop.api['session.signIn']({ hubUrl: workplace.hub.hub.url, email: 'agent@example.com', password: MEMBER_PASSWORD });
    const memberPage = await context.newPage();
    await memberPage.goto(desktop.webConsole.url);
    // On whichever page the app opens, with a way to Profile, where the banner stays (without the way there).
    const banner = memberPage.getByTestId('two-step-grace-banner');
    await expect(banner).toContainText('Support requires two-step sign-in from');
    await expect(banner).toContainText('GMT+9');
    await memberPage.getByTestId('two-step-set-up').click();
    await expect(memberPage.getByRole('heading', { name: 'Two-step sign-in', exact: true })).toBeFocused();
    await expect(banner).toHaveCount(1);
    await expect(banner).toContainText('GMT+9');
    await expect(memberPage.getByTestId('two-step-set-up')).toHaveCount(0);
    await expectAccessible(memberPage, 'profile with the two-step banner');
  } finally {
    await context.close();
    await desktop.stop();
  }
});

test('issue 13.5: with two-step sign-in on, the password is followed by a code; a wrong one is said on its field; a recovery code works once', async ({ workplace }) => {
  const { page } = await workplace.openDesktop(workplace.hub.ownerEmail, OWNER_PASSWORD);
  const { shownSecret, recoveryCodes } = await turnOnFromProfile(page, OWNER_PASSWORD);
  const account = new ProfileAccountPage(page);
  const signIn = new SignInScreen(page);
  const secondStep = new SecondStepCard(page);
  const hubUrl = workplace.hub.hub.url;
  const email = workplace.hub.ownerEmail;

  await account.signOut();
  await signIn.signIn(hubUrl, email, OWNER_PASSWORD);
  // The same card asks for the code, and the focus is already in its field.
  await expect(page.getByTestId('second-step-prompt')).toContainText('Enter the 6-digit code from your authenticator app.');
  await expect(secondStep.codeField.locator('input')).toBeFocused();
  await expect(secondStep.codeField.locator('input')).toHaveAttribute('inputmode', 'numeric');
  await expect(secondStep.codeField.locator('input')).toHaveAttribute('autocomplete', 'one-time-code');
  await expectAccessible(page, 'second step of sign-in');

  const right = codeFor(shownSecret, 1);
  await secondStep.typeAndSend(right === '000000' ? '111111' : '000000');
  await expect(secondStep.codeField).toContainText('That code is not right.');
  await expect(page.getByTestId('second-step')).not.toContainText('invalid_code');
  await expectAccessible(page, 'second step of sign-in, wrong code');
  await secondStep.typeAndSend(right);
  await expect(page.getByTestId('connection-state')).toContainText('Online');
  expect(storedSecondStep(workplace.hub.dataDir, email).newestSessionPassed).toBe(true);

  // A recovery code, all from the keyboard: Tab past "Sign in" to the toggle, Enter, and the recovery field takes the focus.
  const recoveryCode = recoveryCodes[0] ?? '';
  expect(recoveryCode).toMatch(/^[a-z2-7]{5}-[a-z2-7]{5}$/);
  await account.signOut();
  await signIn.signIn(hubUrl, email, OWNER_PASSWORD);
  await expect(secondStep.codeField.locator('input')).toBeFocused();
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  await expect(page.getByTestId('second-step-toggle')).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(secondStep.recoveryField.locator('input')).toBeFocused();
  await expect(page.getByTestId('second-step-prompt')).toContainText('recovery codes');
  await secondStep.typeAndSend(recoveryCode.toUpperCase());
  await expect(page.getByTestId('connection-state')).toContainText('Online');
  expect(storedSecondStep(workplace.hub.dataDir, email)).toEqual({ newestSessionPassed: true, recoveryCodesUsed: 1 });

  // The same recovery code a second time is refused on its field; Back returns to the password, which takes the focus.
  await account.signOut();
  await signIn.signIn(hubUrl, email, OWNER_PASSWORD);
  await page.getByTestId('second-step-toggle').click();
  await expect(secondStep.recoveryField.locator('input')).toBeFocused();
  await secondStep.typeAndSend(recoveryCode);
  await expect(secondStep.recoveryField).toContainText('That code is not right.');
  await page.getByTestId('second-step-back').click();
  await expect(page.getByTestId('sign-in-password').locator('input')).toBeFocused();
  await expect(page.getByTestId('sign-in-password').locator('input')).toHaveValue('');
  expect(storedSecondStep(workplace.hub.dataDir, email).recoveryCodesUsed).toBe(1);
});

test('issue 13.5: after the deadline a member without it is told why the app cannot connect, and sets it up from the banner', async ({ workplace, browser }) => {
  await workplace.hub.addMember(workplace.owner, 'agent@example.com', 'agent');
  const { page } = await workplace.openDesktop(workplace.hub.ownerEmail, OWNER_PASSWORD);
  await turnOnFromProfile(page, OWNER_PASSWORD);
  await page.getByTestId('two-step-grace-days').locator('input').fill('0');
  await page.getByTestId('two-step-requirement-on').click();
  await expect(page.getByTestId('two-step-requirement-state')).toContainText('Required from');

  // A desktop that never had a copy of the workspace: the hub refuses its first connection, so no page but the banner can help.
  const desktop = await startDesktop();
  const context = await browser.newContext();
  try {
    await desktop.api['session.signIn']({ hubUrl: workplace.hub.hub.url, email: 'agent@example.com', password: MEMBER_PASSWORD });
    const memberPage = await context.newPage();
    await memberPage.goto(desktop.webConsole.url);
    const banner = memberPage.getByTestId('two-step-grace-banner');
    await expect(banner).toContainText('Support requires two-step sign-in since');
    await expect(banner).toContainText('so Gatehouse cannot connect to it. Turn it on to connect again.');
    await expect(memberPage.getByTestId('connection-state')).not.toContainText('Online');
    await expectAccessible(memberPage, 'the two-step refusal banner');

    await memberPage.getByTestId('two-step-set-up').click();
    await memberPage.getByTestId('two-step-password').locator('input').fill(MEMBER_PASSWORD);
    await memberPage.getByTestId('two-step-start').click();
    const shownSecret = (await memberPage.getByTestId('two-step-secret').textContent()) ?? '';
    await memberPage.getByTestId('two-step-code').locator('input').fill(codeFor(shownSecret));
    await memberPage.getByTestId('two-step-confirm').click();
    // The codes stay on screen while the workspace connects and loads behind the dialog.
    await expect(memberPage.getByTestId('connection-state')).toContainText('Online');
    await expect(memberPage.getByTestId('recovery-codes').locator('li')).toHaveCount(10);
    await memberPage.getByTestId('two-step-done').click();
    await expect(banner).toHaveCount(0);
    await expect(memberPage.getByTestId('nav-profile')).toBeVisible();
  } finally {
    await context.close();
    await desktop.stop();
  }
});
