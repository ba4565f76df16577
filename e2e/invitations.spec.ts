// A1-A6 in the browser: an Owner invites a Manager and an Agent, the mail
// reaches a real SMTP sink, its link is accepted, the pending badge goes. An
// invitation link names its hub, and one this app never used must be
// confirmed (issue 9.6); an existing account signs in to accept (issue 9.1).
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { bootstrapWorkspace } from '../hub/bootstrap';
import { addOtherOrganization, OTHER_OWNER } from '../hub/testing/other-organization';
import { startTestHub } from '../hub/testing/test-hub';
import { AcceptInvitationPage } from './pages/accept-invitation-page';
import { MyInvitationsDialog } from './pages/my-invitations-dialog';
import { expect, test } from './support/fixtures';
import { MEMBER_PASSWORD, OWNER_PASSWORD } from './support/fixtures';
import { startDesktop } from './support/desktop';
import { UsersPage } from './pages/users-page';

test('A2: invitations are mailed, accepted through their link, and the pending badge disappears', async ({ workplace, browser }) => {
  const { page } = await workplace.openDesktop(workplace.hub.ownerEmail, OWNER_PASSWORD);
  const users = new UsersPage(page);
  await users.open();

  for (const [email, level] of [
    ['mia.manager@example.com', 'Manager'],
    ['abe.agent@example.com', 'Agent'],
  ] as const) {
    const mailed = workplace.smtp.next();
    await users.invite(email, level);
    await expect(users.row(email).getByTestId('pending-badge')).toBeVisible();
    const mail = await mailed;
    expect(mail.to).toBe(email);
    const link = /(http:\/\/\S+\/invite\/\S+)/.exec(mail.text)?.[1] ?? '';

    // The invited person opens the link from the mail in their own browser.
    const invitee = await (await browser.newContext()).newPage();
    await invitee.goto(link);
    await invitee.getByLabel('Your name').fill(email.split('@')[0] ?? email);
    await invitee.getByLabel(/Password/).fill(MEMBER_PASSWORD);
    await invitee.getByRole('button', { name: 'Accept invitation' }).click();
    await expect(invitee.getByText('Your invitation is accepted')).toBeVisible();

    await expect(users.row(email).getByTestId('pending-badge')).toHaveCount(0);
  }
});

/** The new screens pass axe like the others: no serious or critical violation. */
async function expectAccessible(page: Page, screen: string): Promise<void> {
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical');
  expect(serious.map((violation) => `${screen}: ${violation.id} ${violation.help}`)).toEqual([]);
}

test('issue 9.6: a link naming a hub this app never used shows its address, and sends nothing there before the person confirms', async ({ workplace }) => {
  const { page, desktop } = await workplace.openDesktop(workplace.hub.ownerEmail, OWNER_PASSWORD);
  const elsewhere = await startTestHub();
  try {
    const elsewhereOwner = await elsewhere.connect(elsewhere.ownerEmail, OWNER_PASSWORD);
    const invited = await elsewhereOwner.mutate('member.invite', { input: { email: 'lured@example.com', level: 'owner' } });
    const accept = new AcceptInvitationPage(page);
    await accept.open(desktop.webConsole.url, elsewhere.hub.url, invited.inviteUrl);

    await expect(accept.hubAddress).toContainText(elsewhere.hub.url);
    await expect(accept.summary).toContainText('as Owner');
    await expect(accept.unknownHubWarning).toContainText(elsewhere.hub.url);
    await expect(accept.newAccountForm).toHaveCount(0);
    await expectAccessible(page, 'unknown hub warning');
    // Nothing reached the other hub, and the saved hub is still the one signed in to.
    expect((await elsewhere.hub.store.people.byEmail('lured@example.com'))?.passwordHash).toBeNull();
    expect((await desktop.api['session.getState'](undefined)).hub?.url).toBe(workplace.hub.hub.url);

    await accept.confirmHub();
    await expectAccessible(page, 'new account form');
    await accept.createAccount('Lou Lured', MEMBER_PASSWORD);
    await page.getByTestId('connection-state').filter({ hasText: 'Online' }).waitFor();
    expect(await desktop.api['session.getState'](undefined)).toMatchObject({ hub: { url: elsewhere.hub.url }, person: { email: 'lured@example.com' } });
  } finally {
    await elsewhere.stop();
  }
});

test('issue 9.1: an existing account signs in to accept; Accept adds the workspace to the switcher and Decline removes the other', async ({ workplace, browser }) => {
  const store = workplace.hub.hub.store;
  await addOtherOrganization(workplace.hub);
  const third = await bootstrapWorkspace(store, {
    organizationName: 'Initech',
    workspaceName: 'Initech Desk',
    plan: 'growth',
    ownerEmail: 'ina@initech.example',
    ownerName: 'Ina Initech',
    ownerPassword: OWNER_PASSWORD,
  });
  const initechOwner = await workplace.hub.connect('ina@initech.example', OWNER_PASSWORD, { workspaceId: third.workspaceId });
  const invited = await workplace.owner.mutate('member.invite', { input: { email: OTHER_OWNER.email, level: 'manager' } });
  const declined = await initechOwner.mutate('member.invite', { input: { email: OTHER_OWNER.email, level: 'agent' } });

  // Gil opens the link in a desktop that has never been used.
  const desktop = await startDesktop();
  try {
    const page = await (await browser.newContext()).newPage();
    const accept = new AcceptInvitationPage(page);
    await accept.open(desktop.webConsole.url, workplace.hub.hub.url, invited.inviteUrl);
    await expect(accept.summary).not.toContainText(OTHER_OWNER.name);
    await accept.confirmHub();
    await accept.createAccount('Anyone', 'not-my-password-1');
    // The hub checked no password: it says to sign in, and nothing was accepted.
    await page.getByTestId('sign-in-to-accept').waitFor();
    expect((await store.members.byId(invited.member.id))?.status).toBe('pending');
    await expect(page.getByTestId('sign-in-to-accept-email').getByRole('textbox')).toHaveValue(OTHER_OWNER.email);
    await expectAccessible(page, 'sign in to accept');
    await accept.signInToAccept(OTHER_OWNER.password);

    // Signed in, the invitations wait in the app: the list opens, and the shell keeps a banner while any is pending.
    const invitations = new MyInvitationsDialog(page);
    await expect(invitations.invitation('Support')).toContainText('Olive Owner invited you as Manager');
    await invitations.close();
    await expect(invitations.banner).toContainText('You have 2 invitations');
    await invitations.openFromBanner();
    await expect(invitations.invitation('Initech Desk')).toBeVisible();
    await expectAccessible(page, 'your invitations dialog');
    await invitations.accept('Support');
    await expect(invitations.invitation('Support')).toHaveCount(0);
    await invitations.decline('Initech Desk');
    await expect(invitations.dialog).toContainText('You have no pending invitations.');
    await invitations.close();
    await expect(invitations.banner).toHaveCount(0);

    expect((await store.members.byId(invited.member.id))?.status).toBe('active');
    expect(await store.members.byId(declined.member.id)).toBeUndefined();
    await page.getByTestId('workspace-switcher').click();
    await expect(page.getByRole('option', { name: 'Support', exact: true })).toBeVisible();
    await expect(page.getByRole('option', { name: 'Globex Support', exact: true })).toBeVisible();
    await expect(page.getByRole('option', { name: 'Initech Desk' })).toHaveCount(0);
  } finally {
    await desktop.stop();
  }
});
