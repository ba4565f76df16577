// Issue 13.5 with issue 9.1 in the browser: a person who already has an
// account with two-step sign-in on opens an invitation to another workspace
// while signed out. After the password, the accept screen asks for the code
// from the app (or a recovery code) in the same card; a wrong code is said on
// its field in words, the hub's limiter counts the codes as it counts
// passwords, and once the code is right the invitation waits to be accepted
// and the person joins the workspace.
import Database from 'better-sqlite3';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { generateSync } from 'otplib';
import { HUB_DATABASE_FILE } from '../hub';
import { bearer, postJson, signInFrom } from '../hub/testing/account-requests';
import { addOtherOrganization, OTHER_OWNER } from '../hub/testing/other-organization';
import type { TestHub } from '../hub/testing/test-hub';
import { AcceptInvitationPage } from './pages/accept-invitation-page';
import { MyInvitationsDialog } from './pages/my-invitations-dialog';
import { expectPlainWords } from './pages/plain-words';
import type { Desktop } from './support/desktop';
import { startDesktop } from './support/desktop';
import { expectAccessible } from './support/expect-accessible';
import { expect, test } from './support/fixtures';

const STEP_SECONDS = 30;

/** The code an authenticator app shows `stepsAhead` steps from now (the hub takes each step once and allows one step of drift). */
function codeFor(secret: string, stepsAhead = 0): string {
  return generateSync({ secret, epoch: Math.floor(Date.now() / 1000) + stepsAhead * STEP_SECONDS });
}

/** Turns two-step sign-in on for the other organization's Owner through the hub's own routes; the secret and recovery codes. */
async function turnOnForOtherOwner(hub: TestHub): Promise<{ secret: string; recoveryCodes: string[] }> {
  const signedIn = await signInFrom(hub.hub.url, OTHER_OWNER.email, OTHER_OWNER.password);
  const token = String(signedIn.body.token);
  const enrolled = await postJson(`${hub.hub.url}/api/account/two-step/enrol`, { currentPassword: OTHER_OWNER.password }, bearer(token));
  expect(enrolled.status).toBe(200);
  const secret = String(enrolled.body['secret']);
  const confirmed = await postJson(`${hub.hub.url}/api/account/two-step/confirm`, { code: codeFor(secret) }, bearer(token));
  expect(confirmed.status).toBe(200);
  return { secret, recoveryCodes: confirmed.body['recoveryCodes'] as string[] };
}

/** The address's sessions on the hub (how many, how many passed the second step) and its recovery codes used, read from the hub's file. */
function storedSessions(dataDir: string, email: string): { sessions: number; passedSecondStep: number; recoveryCodesUsed: number } {
  const sqlite = new Database(join(dataDir, HUB_DATABASE_FILE), { readonly: true, fileMustExist: true });
  try {
    sqlite.pragma('busy_timeout = 5000');
    const person = sqlite.prepare('SELECT id FROM people WHERE email = ?').get(email) as { id: string };
    const sessions = sqlite
      .prepare('SELECT count(*) AS sessions, count(second_step_at) AS passedSecondStep FROM sessions WHERE person_id = ?')
      .get(person.id) as { sessions: number; passedSecondStep: number };
    const used = sqlite.prepare('SELECT count(*) AS used FROM two_step_recovery_codes WHERE person_id = ? AND used_at IS NOT NULL').get(person.id) as { used: number };
    return { ...sessions, recoveryCodesUsed: used.used };
  } finally {
    sqlite.close();
  }
}

/** The accept screen's sign-in and its second step. */
class SignInToAcceptCard {
  constructor(readonly page: Page) {}

  get passwordInput() {
    return this.page.getByTestId('sign-in-to-accept-password').locator('input');
  }

  get codeField() {
    return this.page.getByTestId('second-step-code');
  }

  get recoveryField() {
    return this.page.getByTestId('second-step-recovery-code');
  }

  async signIn(password: string): Promise<void> {
    await this.passwordInput.fill(password);
    await this.page.getByTestId('sign-in-to-accept-submit').click();
  }

  /** Types into the field that has the focus and sends with Enter, as a person at the keyboard would. */
  async typeAndSend(code: string): Promise<void> {
    await this.page.keyboard.press('ControlOrMeta+a');
    await this.page.keyboard.type(code);
    await this.page.keyboard.press('Enter');
  }
}

/** A desktop never used before opens the invitation link, confirms the hub, and goes to "Sign in to accept". */
async function openInvitationSignedOut(page: Page, desktop: Desktop, hub: TestHub, inviteUrl: string | null): Promise<SignInToAcceptCard> {
  const accept = new AcceptInvitationPage(page);
  await accept.open(desktop.webConsole.url, hub.hub.url, inviteUrl);
  await accept.confirmHub();
  await page.getByTestId('sign-in-to-accept-link').click();
  await expect(page.getByTestId('sign-in-to-accept-email').locator('input')).toHaveValue(OTHER_OWNER.email);
  return new SignInToAcceptCard(page);
}

test('issue 13.5 / issue 9.1: signing in to accept asks for the code after the password; a wrong one is said on its field; then the invitation is accepted', async ({
  workplace,
  browser,
}) => {
  const store = workplace.hub.hub.store;
  await addOtherOrganization(workplace.hub);
  const { secret } = await turnOnForOtherOwner(workplace.hub);
  const invited = await workplace.owner.mutate('member.invite', { input: { email: OTHER_OWNER.email, level: 'manager' } });

  const desktop = await startDesktop();
  try {
    const page = await (await browser.newContext()).newPage();
    const card = await openInvitationSignedOut(page, desktop, workplace.hub, invited.inviteUrl);
    await card.signIn(OTHER_OWNER.password);

    // The same card asks for the code, with the focus in its field; the invitation stays on screen above it.
    await expect(page.getByTestId('second-step-prompt')).toContainText('Enter the 6-digit code from your authenticator app.');
    await expect(page.getByTestId('second-step-prompt')).toContainText(`Signing in as ${OTHER_OWNER.email}`);
    await expect(page.getByTestId('invitation-summary')).toContainText('to Support');
    await expect(card.codeField.locator('input')).toBeFocused();
    await expect(page.getByTestId('sign-in-to-accept-error')).toHaveCount(0);
    await expectAccessible(page, 'second step of signing in to accept');

    const right = codeFor(secret, 1);
    await card.typeAndSend(right === '000000' ? '111111' : '000000');
    await expect(card.codeField).toContainText('That code is not right.');
    await expectPlainWords(page, 'second step of signing in to accept, wrong code');
    expect((await store.members.byId(invited.member.id))?.status).toBe('pending');
    await expectAccessible(page, 'second step of signing in to accept, wrong code');

    await card.typeAndSend(right);
    const invitations = new MyInvitationsDialog(page);
    await expect(invitations.invitation('Support')).toContainText('Olive Owner invited you as Manager');
    // The session that turned it on, and this one: a session only once the code was right.
    expect(storedSessions(workplace.hub.dataDir, OTHER_OWNER.email)).toEqual({ sessions: 2, passedSecondStep: 2, recoveryCodesUsed: 0 });
    await invitations.accept('Support');
    await expect(invitations.dialog).toContainText('You have no pending invitations.');
    await invitations.close();
    expect((await store.members.byId(invited.member.id))?.status).toBe('active');

    // The person is in the workspace they were invited to: it opens from the switcher, online.
    await page.getByTestId('workspace-switcher').click();
    await page.getByRole('option', { name: 'Support', exact: true }).click();
    await expect(page.getByTestId('workspace-switcher')).toContainText('Support');
    await expect(page.getByTestId('workspace-switcher')).not.toContainText('Globex');
    await expect(page.getByTestId('connection-state')).toContainText('Online');
  } finally {
    await desktop.stop();
  }
});

test('issue 13.5 / issue 9.1: a recovery code finishes signing in to accept; Back asks for the password again', async ({ workplace, browser }) => {
  await addOtherOrganization(workplace.hub);
  const { recoveryCodes } = await turnOnForOtherOwner(workplace.hub);
  const invited = await workplace.owner.mutate('member.invite', { input: { email: OTHER_OWNER.email, level: 'agent' } });

  const desktop = await startDesktop();
  try {
    const page = await (await browser.newContext()).newPage();
    const card = await openInvitationSignedOut(page, desktop, workplace.hub, invited.inviteUrl);
    await card.signIn(OTHER_OWNER.password);
    await expect(card.codeField.locator('input')).toBeFocused();

    // Back returns to the password, emptied and focused; the email stays.
    await page.getByTestId('second-step-back').click();
    await expect(card.passwordInput).toBeFocused();
    await expect(card.passwordInput).toHaveValue('');
    await expect(page.getByTestId('sign-in-to-accept-email').locator('input')).toHaveValue(OTHER_OWNER.email);

    await card.signIn(OTHER_OWNER.password);
    await page.getByTestId('second-step-toggle').click();
    await expect(card.recoveryField.locator('input')).toBeFocused();
    await expect(page.getByTestId('second-step-prompt')).toContainText('recovery codes');
    await card.typeAndSend('not-a-code');
    await expect(card.recoveryField).toContainText('Enter one of your recovery codes');
    await card.typeAndSend((recoveryCodes[0] ?? '').toUpperCase());

    const invitations = new MyInvitationsDialog(page);
    await expect(invitations.invitation('Support')).toContainText('invited you as Agent');
    expect(storedSessions(workplace.hub.dataDir, OTHER_OWNER.email)).toEqual({ sessions: 2, passedSecondStep: 2, recoveryCodesUsed: 1 });
  } finally {
    await desktop.stop();
  }
});

test('issue 13.5: codes tried on the accept screen go through the hub\'s limiter, and its refusal is said on the field', async ({ workplace, browser }) => {
  await addOtherOrganization(workplace.hub);
  const { secret } = await turnOnForOtherOwner(workplace.hub);
  const invited = await workplace.owner.mutate('member.invite', { input: { email: OTHER_OWNER.email, level: 'agent' } });

  const desktop = await startDesktop();
  try {
    const page = await (await browser.newContext()).newPage();
    const card = await openInvitationSignedOut(page, desktop, workplace.hub, invited.inviteUrl);
    await card.signIn(OTHER_OWNER.password);
    await expect(card.codeField.locator('input')).toBeFocused();

    // Five wrong codes use up the attempts the pair of account and address has, as five wrong passwords would.
    const right = codeFor(secret, 1);
    const wrong = right === '000000' ? '111111' : '000000';
    for (let attempt = 0; attempt < 5; attempt += 1) {
      await card.typeAndSend(wrong);
      await expect(card.codeField).toContainText('That code is not right.');
      await card.codeField.locator('input').fill('');
      await expect(card.codeField).not.toContainText('That code is not right.');
      await card.codeField.locator('input').focus();
    }
    // Then even the right code is refused, in words, on the field, and nothing is accepted.
    await card.typeAndSend(right);
    await expect(card.codeField).toContainText('Too many code attempts. Try again in');
    await expectPlainWords(page, 'second step of signing in to accept, too many codes');
    await expectAccessible(page, 'second step of signing in to accept, too many codes');
    expect((await workplace.hub.hub.store.members.byId(invited.member.id))?.status).toBe('pending');
    // Only the session that turned it on: the refused codes made none.
    expect(storedSessions(workplace.hub.dataDir, OTHER_OWNER.email)).toEqual({ sessions: 1, passedSecondStep: 1, recoveryCodesUsed: 0 });
  } finally {
    await desktop.stop();
  }
});
