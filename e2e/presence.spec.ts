// U3/D4: two admin desktops see each other's presence dot turn green and then
// grey within two seconds, and each other's edits without a reload.
import { expect, test } from './support/fixtures';
import { MEMBER_PASSWORD, OWNER_PASSWORD } from './support/fixtures';
import { UsersPage } from './pages/users-page';

test('U3/D4: presence and edits travel live between two desktops', async ({ workplace }) => {
  await workplace.hub.addMember(workplace.owner, 'max.manager@example.com', 'manager');
  await workplace.hub.addMember(workplace.owner, 'ada.agent@example.com', 'agent');
  const ownerDesk = await workplace.openDesktop(workplace.hub.ownerEmail, OWNER_PASSWORD);
  const ownerView = new UsersPage(ownerDesk.page);
  await ownerView.open();
  await expect(ownerView.presence('max.manager@example.com')).toHaveAttribute('data-presence', 'offline');

  const managerDesk = await workplace.openDesktop('max.manager@example.com', MEMBER_PASSWORD);
  const managerView = new UsersPage(managerDesk.page);
  await managerView.open();

  // Each sees the other green, within two seconds.
  await expect(ownerView.presence('max.manager@example.com')).toHaveAttribute('data-presence', 'online', { timeout: 2_000 });
  await expect(managerView.presence(workplace.hub.ownerEmail)).toHaveAttribute('data-presence', 'online', { timeout: 2_000 });
  await expect(ownerView.row('max.manager@example.com').getByTestId('last-seen')).toHaveText('online now');

  // An edit on one desktop shows on the other without a reload.
  await ownerView.row('ada.agent@example.com').getByRole('button', { name: 'Edit' }).click();
  await ownerView.chooseLevel('edit-level', 'Manager');
  await ownerDesk.page.getByTestId('edit-submit').click();
  await expect(managerView.row('ada.agent@example.com')).toContainText('Manager', { timeout: 2_000 });

  // The manager's desktop goes away: grey on the owner's, with a last-seen time.
  await managerDesk.desktop.stop();
  await expect(ownerView.presence('max.manager@example.com')).toHaveAttribute('data-presence', 'offline', { timeout: 2_000 });
  await expect(ownerView.row('max.manager@example.com').getByTestId('last-seen')).toHaveText('just now');
  await expect(ownerView.row('max.manager@example.com').getByTestId('last-seen')).toHaveAttribute('title', /\d{4}/);
});
