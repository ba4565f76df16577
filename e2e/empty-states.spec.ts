// Issue 11.5 and 11.9: empty pages say what to do next, and the hub's own
// invitation page reads like the app. A real hub, the real renderer, axe.
import { expectAccessible } from './support/expect-accessible';
import { expect, MEMBER_PASSWORD, OWNER_PASSWORD, test } from './support/fixtures';

test('issue 11.5: the audit log with filters that match nothing says so, and one filled button clears them', async ({ workplace }) => {
  const { page } = await workplace.openDesktop(workplace.hub.ownerEmail, OWNER_PASSWORD);
  await page.getByTestId('nav-audit').click();
  await expect(page.getByTestId('audit-table')).toContainText('Accepted');
  await page.getByTestId('audit-action').click();
  await page.getByRole('option', { name: 'Plan changed' }).click();
  const empty = page.getByTestId('audit-empty');
  await expect(empty).toContainText('No entries match these filters');
  await expectAccessible(page, 'audit log, nothing matches');
  await page.getByTestId('audit-clear-filters').click();
  await expect(empty).toHaveCount(0);
  await expect(page.getByTestId('audit-table')).toContainText('Accepted');
});

test('issue 11.5: an Agent who sees only their own contacts, with none assigned, is told why the list is empty', async ({ workplace }) => {
  await workplace.hub.addMember(workplace.owner, 'agent@example.com', 'agent', { contactVisibility: 'self_only' });
  await workplace.owner.mutate('contact.create', { name: 'Not theirs', phone: null, email: null, assigneeId: null, teamId: null });
  const { page } = await workplace.openDesktop('agent@example.com', MEMBER_PASSWORD);
  await expect(page.getByTestId('messages-scope')).toHaveText('Contacts assigned to you · 0 contacts');
  const empty = page.getByTestId('messages-empty');
  await expect(empty).toContainText('No conversations you can see yet');
  await expect(empty).toContainText('You see only the contacts assigned to you');
  await expectAccessible(page, 'messages, none visible');
});

test('issue 11.9: the invitation page names the hub address to connect to and passes axe, light and dark', async ({ workplace, page }) => {
  const invited = await workplace.owner.mutate('member.invite', { input: { email: 'new.hire@example.com', level: 'agent' } });
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    await page.goto(`${workplace.hub.hub.url}${new URL(invited.inviteUrl ?? '').pathname}`);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Join Support');
    await expect(page.getByLabel('Or, in Gatehouse, connect to this hub address')).toHaveValue(new URL(invited.inviteUrl ?? '').origin);
    await expect(page.getByRole('link', { name: 'Open in the Gatehouse app' })).toHaveAttribute('href', /^gatehouse:\/\/invite\?hub=/);
    await expectAccessible(page, `invitation page, ${colorScheme}`);
  }
});
