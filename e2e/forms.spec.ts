// Issue 11 in the browser: each form of Contacts, Teams, Notification
// preferences and Profile used as a person uses it (typed, cleared, retyped,
// toggled twice, a select changed), then what the hub stored is compared with
// what the screen showed. Problems are shown on the field they concern, all at
// once, in the hub's own words; a dialog with unsaved changes asks before it
// closes.
import { ProfileAccountPage } from './pages/account-pages';
import type { Locator, Page } from '@playwright/test';
import { ContactsScreen, NotificationPreferencesScreen, pick, selection, TeamsScreen } from './pages/form-pages';
import { ProfileDetailsPage } from './pages/profile-page';
import { expectAccessible } from './support/expect-accessible';
import { expect, OWNER_PASSWORD, test } from './support/fixtures';

/** Opens a member picker and picks the member named `name` (each option also shows the address). */
async function pickMember(page: Page, picker: Locator, name: string): Promise<void> {
  await picker.click();
  await page.getByRole('option', { name: new RegExp(`^${name}\\b`) }).click();
  await page.keyboard.press('Escape').catch(() => undefined);
}

test('issue 11.1, 11.2: Contacts: a contact typed, corrected and assigned is stored as shown; problems show on their fields, all at once', async ({ workplace }) => {
  const { hub, owner } = workplace;
  const adaId = await hub.addMember(owner, 'ada@example.com', 'agent', {}, 'Ada Agent');
  await hub.addMember(owner, 'ben@example.com', 'agent', {}, 'Ben Agent');
  const { team } = await owner.mutate('team.create', { name: 'Billing' });
  const stored = () => hub.hub.store.contacts.inWorkspace(hub.workspaceId);
  const { page } = await workplace.openDesktop(hub.ownerEmail, OWNER_PASSWORD);
  const contacts = new ContactsScreen(page);
  await contacts.open();

  // Every problem at once, each on its own field, before anything is sent.
  await contacts.input('phone').fill('call me');
  await contacts.input('email').fill('not an email');
  await contacts.addButton.click();
  await expect(contacts.field('name')).toContainText('Enter a name');
  await expect(contacts.field('phone')).toContainText('Enter a phone number');
  await expect(contacts.field('email')).toContainText('Enter a valid email address, such as name@example.com');
  await expect(page.locator('.v-alert')).toHaveCount(0);
  await expectAccessible(page, 'contacts, new contact with problems');
  expect(await stored()).toEqual([]);

  // Typed, cleared, retyped; a select changed twice.
  await contacts.input('name').fill('Carl');
  await expect(contacts.field('name')).not.toContainText('Enter a name');
  await expect(contacts.addButton).toBeEnabled();
  await contacts.input('name').fill('');
  await contacts.input('name').fill('Carla Customer');
  await contacts.input('phone').fill('+44 20 7946 0000');
  await contacts.input('email').fill('carla@customer.example');
  await pickMember(page, contacts.field('assignee'), 'Ben Agent');
  await pickMember(page, contacts.field('assignee'), 'Ada Agent');
  await expect(selection(contacts.field('assignee'))).toHaveText('Ada Agent');
  await pick(page, contacts.field('team'), 'Billing');
  await expect(selection(contacts.field('team'))).toHaveText('Billing');
  await contacts.addButton.click();
  await expect(page.getByText('Contact Carla Customer added')).toBeVisible();
  await expect.poll(async () => (await stored()).map(({ name, phone, email, assigneeId, teamId }) => ({ name, phone, email, assigneeId, teamId }))).toEqual([
    { name: 'Carla Customer', phone: '+44 20 7946 0000', email: 'carla@customer.example', assigneeId: adaId, teamId: team.id },
  ]);
  // The emptied form is ready for the next contact, not in error.
  await expect(contacts.input('name')).toHaveValue('');
  await expect(contacts.field('name')).not.toContainText('Enter a name');

  // Reassigned from its row, then a detail changed: the hub has what the row shows.
  const row = contacts.row('Carla Customer');
  await pick(page, contacts.rowSelect('Carla Customer', 'Assignee'), 'Unassigned');
  await expect.poll(async () => (await stored())[0]?.assigneeId).toBeNull();
  await expect(selection(contacts.rowSelect('Carla Customer', 'Assignee'))).toHaveText('Unassigned');
  await row.getByRole('button', { name: 'Change the phone number of Carla Customer' }).click();
  const phone = row.getByLabel('phone number');
  await phone.fill('12');
  await row.getByRole('button', { name: 'Save' }).click();
  await expect(row).toContainText('Enter a phone number');
  await phone.fill('+1 555 0100');
  await row.getByRole('button', { name: 'Save' }).click();
  await expect(row.getByTestId('contact-phone')).toHaveText('+1 555 0100');
  expect((await stored())[0]?.phone).toBe('+1 555 0100');
});

test('issue 11.1, 11.2: Teams: created, renamed (asked before unsaved changes are lost), a member moved, deleted, as the hub stores them', async ({ workplace }) => {
  const { hub, owner } = workplace;
  const adaId = await hub.addMember(owner, 'ada@example.com', 'agent', {}, 'Ada Agent');
  const teams = async () => (await hub.hub.store.teams.inWorkspace(hub.workspaceId)).map((each) => each.name);
  const teamOfAda = async () => (await hub.hub.store.members.inWorkspace(hub.workspaceId)).find((member) => member.id === adaId)?.teamId;
  const { page } = await workplace.openDesktop(hub.ownerEmail, OWNER_PASSWORD);
  const screen = new TeamsScreen(page);
  await screen.open();

  await page.getByRole('button', { name: 'Create' }).click();
  await expect(screen.nameField).toContainText('Enter a team name');
  await screen.nameField.locator('input').fill('Sales');
  await screen.nameField.locator('input').fill('');
  await screen.nameField.locator('input').fill('Support');
  await page.getByRole('button', { name: 'Create' }).click();
  await expect.poll(teams).toEqual(['Support']);
  await expect(screen.nameField).not.toContainText('Enter a team name');

  // Rename: a change typed, then Escape: the dialog asks; keep editing, then save.
  await page.getByRole('button', { name: 'Rename Support' }).click();
  const dialog = page.getByRole('dialog', { name: 'Rename team' });
  await dialog.getByLabel('Name').fill('Customer care');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('discard-confirm')).toBeVisible();
  await page.getByTestId('keep-editing').click();
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByTestId('discard-confirm')).toBeVisible();
  await expectAccessible(page, 'discard changes to a team name');
  await page.getByTestId('keep-editing').click();
  await expect(dialog.getByLabel('Name')).toHaveValue('Customer care');
  await dialog.getByLabel('Name').fill('');
  await dialog.getByRole('button', { name: 'Rename' }).click();
  await expect(dialog).toContainText('Enter a team name');
  await dialog.getByLabel('Name').fill('Customer care');
  await dialog.getByRole('button', { name: 'Rename' }).click();
  await expect(dialog).toBeHidden();
  await expect.poll(teams).toEqual(['Customer care']);
  // Unchanged, it closes without asking; changed then discarded, nothing is saved.
  await page.getByRole('button', { name: 'Rename Customer care' }).click();
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toBeHidden();
  await page.getByRole('button', { name: 'Rename Customer care' }).click();
  await dialog.getByLabel('Name').fill('Something else');
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await page.getByTestId('discard-changes').click();
  await expect(dialog).toBeHidden();
  expect(await teams()).toEqual(['Customer care']);

  // A member added to the team through the picker, removed, and added again.
  const addMember = page.getByTestId('team-add-member');
  const members = page.getByTestId('team-members');
  await pickMember(page, addMember, 'Ada Agent');
  await expect.poll(teamOfAda).toBe((await hub.hub.store.teams.inWorkspace(hub.workspaceId))[0]?.id);
  await expect(members).toContainText('Ada Agent');
  await page.getByRole('button', { name: 'Remove Ada Agent from Customer care' }).click();
  await expect.poll(teamOfAda).toBeNull();
  await expect(members).not.toContainText('Ada Agent');
  await pickMember(page, addMember, 'Ada Agent');
  await expect.poll(teamOfAda).toBe((await hub.hub.store.teams.inWorkspace(hub.workspaceId))[0]?.id);
  await expect(page.locator('[data-team="Customer care"]')).toContainText('1 member');

  await page.getByRole('button', { name: 'Delete Customer care' }).click();
  await expect.poll(teams).toEqual([]);
  await expect.poll(teamOfAda).toBeNull();
});

test('issue 11.1: Notification preferences: scope, members and switches, each changed twice, are stored as shown', async ({ workplace }) => {
  const { hub, owner } = workplace;
  const adaId = await hub.addMember(owner, 'ada@example.com', 'agent', {}, 'Ada Agent');
  const benId = await hub.addMember(owner, 'ben@example.com', 'agent', {}, 'Ben Agent');
  const ownerId = (await hub.hub.store.members.inWorkspace(hub.workspaceId)).find((member) => member.email === hub.ownerEmail)?.id ?? '';
  const { page } = await workplace.openDesktop(hub.ownerEmail, OWNER_PASSWORD);
  const screen = new NotificationPreferencesScreen(page);
  await screen.open();

  await screen.scope('Nobody').check();
  await screen.scope('Only the members I choose').check();
  await expect(screen.members).toBeVisible();
  await pickMember(page, screen.members, 'Ben Agent');
  await pickMember(page, screen.members, 'Ada Agent');
  await screen.members.getByRole('button', { name: /close/i }).first().click();
  await expect(screen.members).toContainText('Ada Agent');
  await expect(screen.members).not.toContainText('Ben Agent');
  // Each switch toggled twice (back where it was), the offline one a third time.
  const online = screen.switch('When they come online');
  const offline = screen.switch('When they go offline');
  const onlineAtFirst = await online.isChecked();
  await online.click();
  await online.click();
  await offline.click();
  await offline.click();
  await offline.click();
  await expect(online).toBeChecked({ checked: onlineAtFirst });
  const offlineShown = await offline.isChecked();
  await screen.save();
  await expect(page.getByText('Notification preferences saved')).toBeVisible();
  await expect.poll(() => hub.hub.store.audit.preferences(ownerId)).toEqual({ scope: 'selected', memberIds: [adaId], notifyOnline: onlineAtFirst, notifyOffline: offlineShown });
  expect(benId).not.toBe(adaId);
});

test('issue 11.1, 11.2: Profile: the name typed, cleared and retyped is what the hub stores; an empty name is refused on the field', async ({ workplace }) => {
  const { hub } = workplace;
  const stored = async () => (await hub.hub.store.members.inWorkspace(hub.workspaceId)).find((member) => member.email === hub.ownerEmail);
  const { page } = await workplace.openDesktop(hub.ownerEmail, OWNER_PASSWORD);
  const profile = new ProfileDetailsPage(page);
  await profile.open();

  await profile.typeName('');
  await profile.save();
  await expect(profile.nameField).toContainText('Enter a name');
  await expect(page.getByTestId('profile-error')).toBeHidden();
  await profile.typeName('Olive');
  await profile.typeName('');
  await profile.typeName('Olive Owner-Smith');
  await expect(profile.nameField).not.toContainText('Enter a name');
  await profile.save();
  await expect(page.getByText('Profile saved; it shows in every workspace you belong to')).toBeVisible();
  await expect.poll(async () => (await stored())?.displayName).toBe('Olive Owner-Smith');
  await expect(profile.nameField.locator('input')).toHaveValue('Olive Owner-Smith');
});

test('issue 11.1, 11.2: sign in: the hub address, email and password retyped are what signs in; problems show on their fields', async ({ workplace }) => {
  const { hub } = workplace;
  const { page, desktop } = await workplace.openDesktop(hub.ownerEmail, OWNER_PASSWORD);
  await new ProfileAccountPage(page).signOut();
  const hubUrl = page.getByTestId('hub-url').locator('input');
  const email = page.getByTestId('sign-in-email').locator('input');
  const password = page.getByTestId('sign-in-password').locator('input');

  await hubUrl.fill('');
  await email.fill('');
  await page.getByTestId('sign-in').click();
  await expect(page.getByTestId('hub-url')).toContainText('Enter the hub address, such as http://192.168.1.20:4717');
  await expect(page.getByTestId('sign-in-email')).toContainText('Enter a valid email address, such as name@example.com');
  await expect(page.getByTestId('sign-in-password')).toContainText('Enter your password');
  await expect(page.locator('.v-alert')).toHaveCount(0);
  await expectAccessible(page, 'sign in with every field in error');

  await hubUrl.fill('http://192.0.2.1:4717');
  await hubUrl.fill('');
  await hubUrl.fill(hub.hub.url);
  await email.fill('someone@example.com');
  await email.fill(hub.ownerEmail.toUpperCase());
  await password.fill('not-the-password');
  await password.fill('');
  await password.fill(OWNER_PASSWORD);
  await page.getByRole('button', { name: 'Show password' }).click();
  await expect(password).toHaveValue(OWNER_PASSWORD);
  await page.getByRole('button', { name: 'Hide password' }).click();
  await expect(password).toHaveAttribute('type', 'password');
  // "Forgot password?" with another address typed asks before closing; the form keeps what was typed.
  await page.getByTestId('forgot-password').click();
  await page.getByTestId('forgot-password-email').locator('input').fill('someone.else@example.com');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('discard-confirm')).toBeVisible();
  await expectAccessible(page, 'discard the address typed for a new password');
  await page.getByTestId('discard-changes').click();
  await expect(page.getByTestId('forgot-password-email')).toBeHidden();
  await expect(email).toHaveValue(hub.ownerEmail.toUpperCase());
  await page.getByTestId('sign-in').click();
  await expect(page.getByTestId('connection-state')).toContainText('Online');
  expect(await desktop.api['session.getState'](undefined)).toMatchObject({ hub: { url: hub.hub.url }, person: { email: hub.ownerEmail } });
});
