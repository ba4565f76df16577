// Issue 9.2 in the browser: change the password and sign in with the new one;
// sign out the other sessions; "forgot password" through the SMTP sink and
// the hub's page behind the emailed link, offered only by a hub that can send
// email. Issue 9.7: a session that expires while the app is open sends it back
// to sign-in, saying why. Each form is scanned by axe with its errors shown,
// hovered and focused too (the error colour's contrast on a filled field).
import { startTestHub } from '../hub/testing/test-hub';
import { CLOSE_CODES } from '../shared/protocol';
import { startDesktop } from './support/desktop';
import { expectAccessible } from './support/expect-accessible';
import { settleAnimations } from './support/settle-animations';
import { ProfileAccountPage, SignInScreen } from './pages/account-pages';
import { expect, OWNER_PASSWORD, test } from './support/fixtures';

const NEW_PASSWORD = 'a-brand-new-password';

test('issue 9.2: change the password on Profile, then sign in with the new one', async ({ workplace }) => {
  const { page } = await workplace.openDesktop(workplace.hub.ownerEmail, OWNER_PASSWORD);
  const profile = new ProfileAccountPage(page);
  await profile.open();

  await profile.changePassword('not-my-password', NEW_PASSWORD);
  await expect(page.getByTestId('current-password')).toContainText('Your current password is not right.');
  await page.getByRole('button', { name: 'Show current password' }).click();
  await expect(page.getByTestId('current-password').locator('input')).toHaveAttribute('type', 'text');
  // A hovered, then a focused, filled field darkens behind its error-coloured label: the hardest place to read it.
  await page.getByTestId('current-password').locator('input').hover();
  await expectAccessible(page, 'change password with an error, hovered');
  await page.getByTestId('current-password').locator('input').focus();
  await expectAccessible(page, 'change password with an error, focused');
  await profile.changePassword(OWNER_PASSWORD, NEW_PASSWORD, 'a-different-password');
  await expect(page.getByTestId('confirm-password')).toContainText('The two new passwords are not the same.');

  await profile.changePassword(OWNER_PASSWORD, NEW_PASSWORD);
  await expect(page.getByText('Password changed. Your other sessions are signed out; this one stays signed in.')).toBeVisible();
  await expect(page.getByTestId('connection-state')).toContainText('Online');

  await profile.signOut();
  await new SignInScreen(page).signIn(workplace.hub.hub.url, workplace.hub.ownerEmail, NEW_PASSWORD);
  await expect(page.getByTestId('connection-state')).toContainText('Online');
});

test('issue 9.2: sign out the other sessions, after a confirmation, and see how many', async ({ workplace }) => {
  const { page } = await workplace.openDesktop(workplace.hub.ownerEmail, OWNER_PASSWORD);
  const elsewhere = workplace.owner.closed();
  const profile = new ProfileAccountPage(page);
  await profile.open();
  await page.getByTestId('sign-out-others').click();
  await page.getByRole('dialog').waitFor();
  await expectAccessible(page, 'sign out other sessions dialog');
  await page.getByTestId('sign-out-others-confirm').click();
  await expect(page.getByTestId('sign-out-others-result')).toHaveText('1 other session was signed out.');
  expect(await elsewhere).toBe(CLOSE_CODES.sessionEnded);
  await expect(page.getByTestId('connection-state')).toContainText('Online');
});

test('issue 9.2: forgot password: the link in the email sets a new password, which then signs in', async ({ workplace }) => {
  const { page } = await workplace.openDesktop(workplace.hub.ownerEmail, OWNER_PASSWORD);
  await new ProfileAccountPage(page).signOut();
  const signIn = new SignInScreen(page);
  await expect(signIn.forgotPasswordLink).toBeVisible();
  await expect(signIn.cannotMailNote).toBeHidden();
  await signIn.askForNewPassword(workplace.hub.hub.url, workplace.hub.ownerEmail);
  await expect(page.getByTestId('forgot-password-sent')).toContainText(`If ${workplace.hub.ownerEmail} has an account on this hub`);
  await expectAccessible(page, 'forgot password dialog');

  const mail = await workplace.smtp.next();
  const link = /(http:\/\/\S+\/reset-password\/[A-Za-z0-9_-]+)/.exec(mail.text)?.[1] ?? '';
  const resetPage = await page.context().newPage();
  await resetPage.goto(link);
  await resetPage.getByLabel('New password (at least 10 characters)').fill(NEW_PASSWORD);
  await resetPage.getByLabel('The same password again').fill(NEW_PASSWORD);
  await resetPage.getByRole('button', { name: 'Save the new password' }).click();
  await expect(resetPage.getByRole('heading', { name: 'Your password is changed' })).toBeVisible();
  await resetPage.close();

  await page.getByRole('button', { name: 'Close' }).click();
  await signIn.signIn(workplace.hub.hub.url, workplace.hub.ownerEmail, NEW_PASSWORD);
  await expect(page.getByTestId('connection-state')).toContainText('Online');
});

test('issue 9.2: "Forgot password?" shows only for a hub that can send email', async ({ browser, workplace }) => {
  const hubWithoutMail = await startTestHub();
  const desktop = await startDesktop();
  try {
    const page = await (await browser.newContext()).newPage();
    await page.goto(desktop.webConsole.url);
    await page.getByTestId('choose-connect').click();
    const signIn = new SignInScreen(page);

    await signIn.typeHubUrl(hubWithoutMail.hub.url);
    await expect(signIn.cannotMailNote).toHaveText('Forgot your password? This hub cannot send email, so ask the person who runs it.');
    await expect(signIn.forgotPasswordLink).toBeHidden();
    await expectAccessible(page, 'sign in to a hub without email');

    await signIn.typeHubUrl(workplace.hub.hub.url);
    await expect(signIn.forgotPasswordLink).toBeVisible();
    await expect(signIn.cannotMailNote).toBeHidden();

    // Errors shown, then the email field hovered and focused: axe checks the error colour where it is hardest to read.
    await page.getByTestId('sign-in-email').locator('input').fill(`${'a'.repeat(250)}@example.com`);
    await expect(page.getByTestId('sign-in-email')).toContainText('An email address is at most 254 characters');
    // Issue 11.2: a malformed hub address is refused on its field, in words, not in an alert below.
    await signIn.signIn('not a hub address', 'ada@example.com', 'wrong');
    await expect(page.getByTestId('hub-url')).toContainText('Enter the hub address, such as http://192.168.1.20:4717');
    await expect(page.getByTestId('sign-in-error')).toBeHidden();
    await page.getByTestId('sign-in-email').locator('input').fill(`${'a'.repeat(250)}@example.com`);
    await page.getByTestId('sign-in-email').locator('input').hover();
    await settleAnimations(page);
    await expectAccessible(page, 'sign in with errors, hovered');
    await page.getByTestId('sign-in-email').locator('input').focus();
    await expectAccessible(page, 'sign in with errors, focused');
    // The same in the dark theme, on a dialog's surface, where the error colour has least room.
    await page.emulateMedia({ colorScheme: 'dark' });
    await signIn.typeHubUrl(workplace.hub.hub.url);
    await signIn.forgotPasswordLink.click();
    const forgotEmail = page.getByTestId('forgot-password-email');
    await forgotEmail.locator('input').fill(`${'b'.repeat(250)}@example.com`);
    await expect(forgotEmail).toContainText('An email address is at most 254 characters');
    await forgotEmail.locator('input').hover();
    await expectAccessible(page, 'forgot password with an error, hovered, dark');
    await forgotEmail.locator('input').focus();
    await expectAccessible(page, 'forgot password with an error, focused, dark');
  } finally {
    await desktop.stop();
    await hubWithoutMail.stop();
  }
});

test('issue 9.7: when the session expires the app goes back to sign-in and says why', async ({ browser }) => {
  const hub = await startTestHub({ sessionTtlMs: 4_000 });
  const desktop = await startDesktop();
  try {
    await desktop.api['session.signIn']({ hubUrl: hub.hub.url, email: hub.ownerEmail, password: OWNER_PASSWORD });
    const page = await (await browser.newContext()).newPage();
    await page.goto(desktop.webConsole.url);
    await expect(page.getByTestId('connection-state')).toContainText('Online');
    await expect(page.getByTestId('session-end-reason')).toHaveText('Your session expired; sign in again.', { timeout: 8_000 });
    await expect(page.getByTestId('sign-in')).toBeVisible();
  } finally {
    await desktop.stop();
    await hub.stop();
  }
});
