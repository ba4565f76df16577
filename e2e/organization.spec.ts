// Issue 11, items 6 (the Owners' side), 7 and 8 in the browser: an Owner reads
// the workspace's plan, what it offers and whether invitations are emailed,
// and the organization's people (O1, V1: a revoked member stays in the
// organization); a Manager gets no Organization page; every member reads their
// own access on Profile; and when whoever runs the hub changes the plan (R7),
// the Workspace page and the Agent's access follow, live.
import { expect, MEMBER_PASSWORD, OWNER_PASSWORD, test } from './support/fixtures';
import { expectAccessible } from './support/expect-accessible';
import { OrganizationPage, WorkspaceFactsPage, YourAccessSection } from './pages/organization-pages';
import { expectPlainWords } from './pages/plain-words';

test('issue 11.6/11.7: an Owner reads the plan and its offers, and the organization with a revoked member and a pending invitee', async ({ workplace }) => {
  const revokedId = await workplace.hub.addMember(workplace.owner, 'rex@example.com', 'agent', {}, 'Rex Revoked');
  await workplace.hub.addMember(workplace.owner, 'mo@example.com', 'manager', {}, 'Mo Manager');
  await workplace.owner.mutate('member.revoke', { input: { memberId: revokedId, reassignContactsTo: null } });
  await workplace.owner.mutate('member.invite', { input: { email: 'pending@example.com', level: 'agent' } });
  const { page } = await workplace.openDesktop(workplace.hub.ownerEmail, OWNER_PASSWORD);

  const facts = new WorkspaceFactsPage(page);
  await facts.open();
  await expect(facts.plan).toHaveText('Support is on the Advanced plan.');
  await expect(facts.offer('Sees phone numbers and emails')).toContainText('Agents');
  await expect(facts.offer('Sees phone numbers and emails')).toContainText('Offered');
  await expect(facts.invitations).toContainText('Invitations are emailed');
  await expect(facts.setBy).toContainText('set by whoever runs the hub');
  await expectPlainWords(page, 'Owner · Workspace');
  await expectAccessible(page, 'Owner · Workspace');

  const organization = new OrganizationPage(page);
  await organization.open();
  await expect(page.getByTestId('organization-summary')).toHaveText('Acme · 4 people');
  const revoked = organization.person('rex@example.com');
  await expect(revoked).toContainText('Rex Revoked');
  await expect(revoked.getByTestId('person-here')).toHaveText('Not in this workspace');
  await expect(revoked.getByTestId('person-workspaces')).toHaveCount(0);
  const pending = organization.person('pending@example.com');
  await expect(pending).toContainText('Invited, has not joined yet');
  await expect(pending.getByTestId('person-workspaces')).toHaveText('Support: Agent (invitation pending)');
  await expect(organization.person('mo@example.com').getByTestId('person-workspaces')).toHaveText('Support: Manager');
  await expect(organization.person(workplace.hub.ownerEmail)).toContainText('Olive Owner');
  await expectPlainWords(page, 'Owner · Organization');
  await expectAccessible(page, 'Owner · Organization');
});

test('issue 11.7: a Manager gets the Workspace page but no Organization page', async ({ workplace }) => {
  await workplace.hub.addMember(workplace.owner, 'manager@example.com', 'manager', { dataExport: true });
  const { page } = await workplace.openDesktop('manager@example.com', MEMBER_PASSWORD);
  await expect(page.getByTestId('nav-workspace')).toBeVisible();
  await expect(page.getByTestId('nav-organization')).toHaveCount(0);
  await page.goto(page.url().replace(/#.*$/, '#/organization'));
  await expect(page.getByRole('heading', { name: 'Organization', level: 1 })).toHaveCount(0);

  const access = new YourAccessSection(page);
  await access.open();
  await expect(access.level).toHaveText('Your access level: Manager');
  await expect(access.root).toContainText('Export data: No. You cannot export from anywhere, the member list included.');
  await expect(access.root).toContainText('Delete contacts: Yes');
});

test('issue 11.8 / R7: an Agent reads their access on Profile, and it follows when the plan changes on the hub', async ({ workplace }) => {
  await workplace.hub.addMember(workplace.owner, 'agent@example.com', 'agent', { maskContactDetails: true, contactVisibility: 'self_only' }, 'Ari Agent');
  const owner = await workplace.openDesktop(workplace.hub.ownerEmail, OWNER_PASSWORD);
  const facts = new WorkspaceFactsPage(owner.page);
  await facts.open();
  await expect(facts.offer('Sees phone numbers and emails')).toContainText('Offered');

  const { page } = await workplace.openDesktop('agent@example.com', MEMBER_PASSWORD);
  const access = new YourAccessSection(page);
  await access.open();
  await expect(access.level).toHaveText('Your access level: Agent');
  await expect(access.root).toContainText('Agents reach');
  await expect(access.root).toContainText('Contacts you see: Only your own');
  await expect(access.root).toContainText('See phone numbers and emails: No. They appear masked to you');
  await expect(access.root).toContainText('This workspace is on the Advanced plan.');
  await expectPlainWords(page, 'Agent · Profile');
  await expectAccessible(page, 'Agent · Profile, your access');

  await workplace.hub.hub.admin.setPlan(workplace.hub.workspaceId, 'growth');

  await expect(access.root).toContainText('This workspace is on the Growth plan.');
  await expect(page.locator('[data-testid="your-permission"][data-key="maskContactDetails"]')).toHaveCount(0);
  await expect(access.root).toContainText('Contacts you see: Only your own');
  await expect(facts.plan).toHaveText('Support is on the Growth plan.');
  await expect(facts.offer('Sees phone numbers and emails')).toContainText('Needs the Advanced plan or higher');
});
