// Issue 9.3 on the screens: the inputs' limits are the shared schema's,
// counted in code points (100 emoji are a 100-character name, not 200); a
// longer text is refused on the field before anything is sent, and an avatar
// over the hub's size is refused on the field. What was saved is read from the
// hub's own store.
import { AVATAR_MAX_BYTES, NAME_MAX_CODE_POINTS, TEAM_NAME_MAX_CODE_POINTS } from '../shared/domain';
import { ProfileDetailsPage } from './pages/profile-page';
import { expect, OWNER_PASSWORD, test } from './support/fixtures';

const EMOJI = '😀';
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

test('issue 9.3, O2: a name of 100 emoji is accepted and saved; the 101st is refused on the field before saving', async ({ workplace }) => {
  const { hub } = workplace;
  const stored = async () => (await hub.hub.store.members.inWorkspace(hub.workspaceId)).find((member) => member.email === hub.ownerEmail);
  const { page } = await workplace.openDesktop(hub.ownerEmail, OWNER_PASSWORD);
  const profile = new ProfileDetailsPage(page);
  await profile.open();

  const hundred = EMOJI.repeat(NAME_MAX_CODE_POINTS);
  await profile.typeName(hundred);
  await expect(profile.nameField.locator('input')).toHaveValue(hundred);
  await expect(profile.nameField).toContainText(`${NAME_MAX_CODE_POINTS} / ${NAME_MAX_CODE_POINTS}`);
  await profile.save();
  await expect(page.getByText('Profile saved; it shows in every workspace you belong to')).toBeVisible();
  await expect.poll(async () => (await stored())?.displayName).toBe(hundred);
  const version = (await stored())?.version;

  await profile.typeName(hundred + EMOJI);
  await expect(profile.nameField).toContainText('A name is at most 100 characters');
  await profile.save();
  // The field refused it: nothing reaches the hub, so no refusal comes back and nothing changes.
  await page.waitForTimeout(1_000);
  await expect(page.getByTestId('profile-error')).toBeHidden();
  expect(await stored()).toMatchObject({ displayName: hundred, version });
});

test('issue 9.3, O2: an avatar over the size the hub accepts is refused on the field', async ({ workplace }) => {
  const { hub } = workplace;
  const stored = async () => (await hub.hub.store.members.inWorkspace(hub.workspaceId)).find((member) => member.email === hub.ownerEmail);
  const { page } = await workplace.openDesktop(hub.ownerEmail, OWNER_PASSWORD);
  const profile = new ProfileDetailsPage(page);
  await profile.open();

  const oversized = Buffer.concat([PNG_SIGNATURE, Buffer.alloc(AVATAR_MAX_BYTES + 1 - PNG_SIGNATURE.length)]);
  await profile.chooseAvatar({ name: 'large.png', mimeType: 'image/png', buffer: oversized });
  await expect(profile.avatarField).toContainText('An avatar image is at most 64 KB; choose a smaller one');
  await expect(page.getByRole('button', { name: 'Remove avatar' })).toBeHidden();
  await profile.save();
  await expect(page.getByText('Profile saved; it shows in every workspace you belong to')).toBeVisible();
  expect((await stored())?.avatarDataUrl).toBeNull();
});

test('issue 9.3: a team name counts code points too: 60 emoji are created and renamed, the 61st is refused on the field', async ({ workplace }) => {
  const { hub } = workplace;
  const teamNames = async () => (await hub.hub.store.teams.inWorkspace(hub.workspaceId)).map((team) => team.name);
  const { page } = await workplace.openDesktop(hub.ownerEmail, OWNER_PASSWORD);
  await page.getByTestId('nav-teams').click();
  await page.getByRole('heading', { name: 'Teams' }).waitFor();
  const field = page.getByTestId('team-name');

  const sixty = EMOJI.repeat(TEAM_NAME_MAX_CODE_POINTS);
  await field.locator('input').fill(sixty + EMOJI);
  await expect(field).toContainText('A team name is at most 60 characters');
  await page.getByRole('button', { name: 'Create' }).click();
  await field.locator('input').fill(sixty);
  await expect(field).not.toContainText('A team name is at most 60 characters');
  await page.getByRole('button', { name: 'Create' }).click();
  await expect.poll(teamNames).toEqual([sixty]);

  const renamed = '团'.repeat(TEAM_NAME_MAX_CODE_POINTS);
  await page.getByRole('button', { name: `Rename ${sixty}` }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Name').fill(renamed + '团');
  await expect(dialog).toContainText('A team name is at most 60 characters');
  await dialog.getByRole('button', { name: 'Rename' }).click();
  await expect(dialog).toBeVisible();
  await dialog.getByLabel('Name').fill(renamed);
  await dialog.getByRole('button', { name: 'Rename' }).click();
  await expect(dialog).toBeHidden();
  await expect.poll(teamNames).toEqual([renamed]);
});
