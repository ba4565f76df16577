// A1-A6 in the browser: an Owner invites a Manager and an Agent, the mail
// reaches a real SMTP sink, its link is accepted, the pending badge goes.
import { expect, test } from './support/fixtures';
import { MEMBER_PASSWORD, OWNER_PASSWORD } from './support/fixtures';
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
