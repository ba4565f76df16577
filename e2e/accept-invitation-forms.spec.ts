// Issue 11 in the browser, the accept-invitation screen (A2, A3): its two
// forms used as a person uses them (typed, cleared, retyped, the password
// shown and hidden twice), then what the hub stored is compared with what the
// screen showed. Problems show on the field they concern, all at once, on
// blur and on submit, in plain words.
import type { Locator, Page } from '@playwright/test';
import { addOtherOrganization, OTHER_OWNER } from '../hub/testing/other-organization';
import { AcceptInvitationPage } from './pages/accept-invitation-page';
import { MyInvitationsDialog } from './pages/my-invitations-dialog';
import { expectPlainWords } from './pages/plain-words';
import { startDesktop } from './support/desktop';
import { expectAccessible } from './support/expect-accessible';
import { expect, test } from './support/fixtures';

const PASSWORD_A = 'river-stone-lamp-42';
const PASSWORD_B = 'cloud-bench-mirror-7';

/** A field of the screen by its test id: the whole field (label, message) and its text box. */
function field(page: Page, testId: string): { root: Locator; input: Locator } {
  const root = page.getByTestId(testId);
  return { root, input: root.getByRole('textbox') };
}

/** Shows the password, checks it, hides it again: twice, as a person checking what they typed. */
async function showAndHideTwice(page: Page, input: Locator, expected: string): Promise<void> {
  for (let round = 0; round < 2; round += 1) {
    await page.getByRole('button', { name: 'Show password' }).click();
    await expect(input).toHaveAttribute('type', 'text');
    await expect(input).toHaveValue(expected);
    await page.getByRole('button', { name: 'Hide password' }).click();
    await expect(input).toHaveAttribute('type', 'password');
  }
}

test('issue 11.1, 11.2 / A2, A3: a new account made on the accept screen has the name and password the screen showed', async ({ workplace, browser }) => {
  const { hub, owner } = workplace;
  const invited = await owner.mutate('member.invite', { input: { email: 'nell@example.com', level: 'agent' } });
  const desktop = await startDesktop();
  try {
    const page = await (await browser.newContext()).newPage();
    const accept = new AcceptInvitationPage(page);
    await accept.open(desktop.webConsole.url, hub.hub.url, invited.inviteUrl);
    await accept.confirmHub();
    const name = field(page, 'accept-name');
    const password = field(page, 'accept-password');

    // On blur: a field left empty says so at once, under its own label.
    await name.input.focus();
    await name.input.blur();
    await expect(name.root).toContainText('Your name');
    await expect(name.root).toContainText('Enter a name');

    // On submit: every problem at once, each on its field; nothing reaches the hub.
    await password.input.fill('short');
    await page.getByTestId('accept-submit').click();
    await expect(name.root).toContainText('Enter a name');
    await expect(password.root).toContainText('A password needs at least 10 characters');
    await expect(page.locator('.v-alert')).toHaveCount(0);
    await expectPlainWords(page, 'accept invitation, new account with problems');
    await expectAccessible(page, 'accept invitation, new account with problems');
    expect((await hub.hub.store.members.byId(invited.member.id))?.status).toBe('pending');

    // Typed, cleared, retyped; the password A, then B, then A again, shown and hidden twice.
    await name.input.fill('Nell');
    await expect(name.root).not.toContainText('Enter a name');
    await name.input.fill('');
    await expect(name.root).toContainText('Enter a name');
    await name.input.fill('Nell Newcomer-Ortiz');
    await password.input.fill(PASSWORD_A);
    await password.input.fill(PASSWORD_B);
    await password.input.fill('');
    await password.input.fill(PASSWORD_A);
    await expect(password.root).not.toContainText('A password needs');
    await showAndHideTwice(page, password.input, PASSWORD_A);
    const shownName = await name.input.inputValue();
    const shownPassword = await password.input.inputValue();
    expect([shownName, shownPassword]).toEqual(['Nell Newcomer-Ortiz', PASSWORD_A]);

    await page.getByTestId('accept-submit').click();
    await page.getByTestId('connection-state').filter({ hasText: 'Online' }).waitFor();

    // What the hub keeps is what the screen showed: the name, and the password that signs in.
    expect((await hub.hub.store.members.byId(invited.member.id))?.status).toBe('active');
    expect((await hub.hub.store.people.byEmail('nell@example.com'))?.displayName).toBe(shownName);
    await expect(hub.signIn('nell@example.com', shownPassword)).resolves.toBeTruthy();
    await expect(hub.signIn('nell@example.com', PASSWORD_B)).rejects.toThrow();
    expect(await desktop.api['session.getState'](undefined)).toMatchObject({ hub: { url: hub.hub.url }, person: { email: 'nell@example.com', displayName: shownName } });
  } finally {
    await desktop.stop();
  }
});

test('issue 11.1, 11.2 / A3: an existing account signs in to accept with what the screen showed; problems show on their fields', async ({ workplace, browser }) => {
  const { hub, owner } = workplace;
  await addOtherOrganization(hub);
  const invited = await owner.mutate('member.invite', { input: { email: OTHER_OWNER.email, level: 'manager' } });
  const desktop = await startDesktop();
  try {
    const page = await (await browser.newContext()).newPage();
    const accept = new AcceptInvitationPage(page);
    await accept.open(desktop.webConsole.url, hub.hub.url, invited.inviteUrl);
    await accept.confirmHub();
    await page.getByTestId('sign-in-to-accept-link').click();
    const email = field(page, 'sign-in-to-accept-email');
    const password = field(page, 'sign-in-to-accept-password');
    await expect(email.input).toHaveValue(OTHER_OWNER.email);

    // Every problem at once, each on its field, in plain words.
    await email.input.fill('');
    await page.getByTestId('sign-in-to-accept-submit').click();
    await expect(email.root).toContainText('Enter a valid email address, such as name@example.com');
    await expect(password.root).toContainText('Enter your password');
    await expect(page.locator('.v-alert')).toHaveCount(0);
    await expectPlainWords(page, 'sign in to accept with problems');
    await expectAccessible(page, 'sign in to accept with problems');

    // A wrong password is the hub's refusal, said for the form; nothing is accepted.
    await email.input.fill('someone.else@example.com');
    await email.input.fill(OTHER_OWNER.email.toUpperCase());
    await password.input.fill('not-the-password-1');
    await page.getByTestId('sign-in-to-accept-submit').click();
    await expect(page.getByTestId('sign-in-to-accept-error')).toHaveText('The email or password is not right.');
    expect((await hub.hub.store.members.byId(invited.member.id))?.status).toBe('pending');

    // Cleared, retyped, shown and hidden twice; then signed in, the invitation waits in the app.
    await password.input.fill('');
    await expect(password.root).toContainText('Enter your password');
    await password.input.fill(OTHER_OWNER.password);
    await showAndHideTwice(page, password.input, OTHER_OWNER.password);
    const shownEmail = await email.input.inputValue();
    await page.getByTestId('sign-in-to-accept-submit').click();
    const invitations = new MyInvitationsDialog(page);
    await expect(invitations.invitation('Support')).toContainText('Olive Owner invited you as Manager');
    await invitations.accept('Support');
    await expect(invitations.invitation('Support')).toHaveCount(0);

    expect((await hub.hub.store.members.byId(invited.member.id))?.status).toBe('active');
    expect((await desktop.api['session.getState'](undefined)).person?.email).toBe(shownEmail.toLowerCase());
  } finally {
    await desktop.stop();
  }
});

test('issue 11.1 / A3: an address the hub already knows is sent to sign in, and the form says why', async ({ workplace, browser }) => {
  const { hub, owner } = workplace;
  await addOtherOrganization(hub);
  const invited = await owner.mutate('member.invite', { input: { email: OTHER_OWNER.email, level: 'agent' } });
  const desktop = await startDesktop();
  try {
    const page = await (await browser.newContext()).newPage();
    const accept = new AcceptInvitationPage(page);
    await accept.open(desktop.webConsole.url, hub.hub.url, invited.inviteUrl);
    await accept.confirmHub();
    await accept.createAccount('Anyone at all', 'a-new-password-1');
    await expect(page.getByTestId('has-account')).toHaveText('This address already has a Gatehouse account on this hub.');
    await expect(field(page, 'sign-in-to-accept-password').input).toHaveValue('');
    expect((await hub.hub.store.people.byEmail(OTHER_OWNER.email))?.displayName).toBe(OTHER_OWNER.name);
    expect((await hub.hub.store.members.byId(invited.member.id))?.status).toBe('pending');
  } finally {
    await desktop.stop();
  }
});
