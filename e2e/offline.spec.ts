// D1 in the browser: with the hub stopped, the banner says so, the list stays
// readable and actions are disabled; when the hub is back, it is live again
// without a reload.
import { expect, test } from './support/fixtures';
import { OWNER_PASSWORD } from './support/fixtures';
import { UsersPage } from './pages/users-page';

test('D1: offline review, then live again without a reload', async ({ workplace }) => {
  await workplace.hub.addMember(workplace.owner, 'still.here@example.com', 'agent');
  const { page } = await workplace.openDesktop(workplace.hub.ownerEmail, OWNER_PASSWORD);
  const users = new UsersPage(page);
  await users.open();
  await expect(page.getByTestId('offline-banner')).toHaveCount(0);

  const restarted = await workplace.hub.restart({}, async () => {
    await expect(page.getByTestId('offline-banner')).toBeVisible();
    await expect(page.getByTestId('offline-banner')).toContainText('Changes need a connection to the hub');
    await expect(page.getByTestId('connection-state')).toContainText('Offline');
    await expect(users.row('still.here@example.com')).toBeVisible();
    await expect(page.getByTestId('add-user')).toBeDisabled();
    await expect(page.getByTestId('export')).toBeDisabled();
    await expect(users.row('still.here@example.com').getByRole('button', { name: 'Edit' })).toBeDisabled();
  });
  try {
    await expect(page.getByTestId('connection-state')).toContainText('Online', { timeout: 10_000 });
    await expect(page.getByTestId('offline-banner')).toHaveCount(0);
    await expect(page.getByTestId('add-user')).toBeEnabled();
    const owner = await restarted.connect(restarted.ownerEmail, OWNER_PASSWORD);
    await owner.mutate('member.invite', { input: { email: 'after.restart@example.com', level: 'agent' } });
    await expect(users.row('after.restart@example.com')).toBeVisible();
  } finally {
    await restarted.stop();
  }
});
