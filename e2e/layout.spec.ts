// Issue 11, item 5: the Users page fits from a 1024 px window (row actions
// move into a keyboard menu), its toolbar stays on one line from 1280 px with
// a team filter, long text is cut with a tooltip, initials never split an
// emoji, an empty search says what to do, and focus comes back after a dialog.
import { expect, test } from './support/fixtures';
import type { Workplace } from './support/fixtures';
import { MEMBER_PASSWORD, OWNER_PASSWORD } from './support/fixtures';
import { expectAccessible } from './support/expect-accessible';
import { UsersLayout } from './pages/users-layout';

const LONG_NAME = 'Maximiliana Wilhelmina Theodora Featherstonehaugh-Cholmondeley of Wollaston';
const LONG_EMAIL = 'maximiliana.featherstonehaugh-cholmondeley.of.wollaston@very-long-subsidiary-name.example.com';
const GRACE = 'grace@example.com';

async function setUp(workplace: Workplace) {
  const { hub, owner } = workplace;
  const team = (await owner.mutate('team.create', { name: 'Customer Success Europe' })).team.id;
  await owner.mutate('team.create', { name: 'Sales' });
  const longId = await hub.addMember(owner, LONG_EMAIL, 'manager', {}, LONG_NAME);
  const graceId = await hub.addMember(owner, GRACE, 'agent', {}, 'Grace 🚀 Hopper');
  await owner.mutate('member.set_team', { memberId: graceId, teamId: team });
  await owner.mutate('member.set_team', { memberId: longId, teamId: team });
  await owner.mutate('member.invite', { input: { email: 'pending.person@example.com', level: 'agent' } });
  const { page } = await workplace.openDesktop(hub.ownerEmail, OWNER_PASSWORD);
  return { page, users: new UsersLayout(page) };
}

test('issue 11.5: nothing in the Users table overflows at 1024 and 1440 px, with a team and a long name', async ({ workplace }) => {
  const { page, users } = await setUp(workplace);
  await users.open(1440);
  await users.row(LONG_EMAIL).waitFor();
  for (const width of [1440, 1024]) {
    await users.resize(width);
    const overflow = await users.overflow();
    expect(overflow, `at ${width} px`).toEqual({ wrapperOverflow: 0, actionsOverflow: 0, pageOverflow: 0 });
  }
  // Wide: the buttons sit in the row. Narrow: they are in the menu, and the note on your own row is an icon.
  await users.resize(1440);
  await expect(users.row(GRACE).getByRole('button', { name: 'Edit' })).toBeVisible();
  await expect(users.row(workplace.hub.ownerEmail).getByTestId('self-note')).toBeVisible();
  await users.resize(1024);
  await expect(users.row(GRACE).getByRole('button', { name: 'Edit' })).toHaveCount(0);
  await expect(users.moreActions('Grace 🚀 Hopper')).toBeVisible();
  await expect(users.row(workplace.hub.ownerEmail).getByTestId('self-note')).toHaveText(/^\s*You: another Owner or Manager changes your access\s*$/);
  await expect(users.row(workplace.hub.ownerEmail).getByTestId('self-note')).toBeVisible();
  await expectAccessible(page, 'users at 1024 px');
});

test('issue 11.5: the toolbar is one row at 1280 and 1440 px with a team filter', async ({ workplace }) => {
  const { users } = await setUp(workplace);
  await users.open(1280);
  await expect(users.page.getByTestId('filter-team')).toBeVisible();
  for (const width of [1280, 1440]) {
    await users.resize(width);
    const tops = await users.toolbarTops();
    expect(tops.length, 'search, three filters, sort, Export and Add user').toBe(7);
    expect(Math.max(...tops) - Math.min(...tops), `at ${width} px: ${tops.join(', ')}`).toBeLessThanOrEqual(4);
  }
});

test('issue 11.5: at 1024 px the row actions are reached by keyboard, and Escape gives the focus back', async ({ workplace }) => {
  const { page, users } = await setUp(workplace);
  await users.open(1024);
  await users.row(GRACE).waitFor();
  expect(await users.tabTo('More actions for Grace 🚀 Hopper')).toBeGreaterThan(0);
  await page.keyboard.press('Enter');
  const menu = page.getByRole('menu');
  await expect(menu).toBeVisible();
  // Arrow to Edit (the first item), then open it.
  await page.keyboard.press('ArrowDown');
  await expect(menu.getByRole('menuitem', { name: 'Edit' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('dialog')).toBeVisible();
  await expect(page.getByRole('dialog')).toContainText('Edit Grace 🚀 Hopper');
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog')).toHaveCount(0);
  await expect(users.moreActions('Grace 🚀 Hopper')).toBeFocused();
  // The same for Add user, whose confirming button is a filled one.
  await page.getByTestId('add-user').press('Enter');
  await expect(page.getByRole('dialog')).toBeVisible();
  await expect(page.getByTestId('invite-submit')).toHaveClass(/v-btn--variant-flat/);
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog')).toHaveCount(0);
  await expect(page.getByTestId('add-user')).toBeFocused();
});

test('issue 11.5: initials take whole graphemes of the first and last word: "Grace 🚀 Hopper" is GH', async ({ workplace }) => {
  const { users } = await setUp(workplace);
  await users.open(1440);
  await expect(users.initials(GRACE)).toHaveText('GH');
  await expect(users.initials(LONG_EMAIL)).toHaveText('MW');
});

test('issue 11.5: a long name and email are cut, with the whole text in a tooltip on hover and on focus', async ({ workplace }) => {
  const { page, users } = await setUp(workplace);
  await users.open(1024);
  const name = users.name(LONG_EMAIL);
  await expect(name).toHaveAttribute('data-cut', 'yes');
  await name.hover();
  await expect(page.getByRole('tooltip').filter({ hasText: LONG_NAME })).toBeVisible();
  await page.mouse.move(0, 0);
  await expect(page.getByRole('tooltip').filter({ hasText: LONG_NAME })).toHaveCount(0);
  await users.row(LONG_EMAIL).getByTestId('member-email').focus();
  await expect(page.getByRole('tooltip').filter({ hasText: LONG_EMAIL })).toBeVisible();
  // A short name is not cut and gets neither a tooltip nor a tab stop.
  await expect(users.name(workplace.hub.ownerEmail)).toHaveAttribute('data-cut', 'no');
  await expect(users.name(workplace.hub.ownerEmail)).not.toHaveAttribute('tabindex', '0');
});

test('issue 11.5: the account menu cuts a long name and address, with a tooltip', async ({ workplace }) => {
  await workplace.hub.addMember(workplace.owner, LONG_EMAIL, 'manager', {}, LONG_NAME);
  const { page } = await workplace.openDesktop(LONG_EMAIL, MEMBER_PASSWORD);
  await page.getByRole('button', { name: 'Account menu' }).click();
  const email = page.getByTestId('account-email');
  await expect(email).toHaveAttribute('data-cut', 'yes');
  const box = await page.getByTestId('account-identity').boundingBox();
  expect(box?.width ?? 0).toBeLessThanOrEqual(320);
  await email.hover();
  await expect(page.getByRole('tooltip').filter({ hasText: LONG_EMAIL })).toBeVisible();
});

test('issue 11.5: a search that matches no one says so and offers to clear it', async ({ workplace }) => {
  const { page, users } = await setUp(workplace);
  await users.open(1440);
  await page.getByTestId('member-search').getByRole('textbox').fill('nobody-by-this-name');
  await expect(page.getByTestId('members-empty')).toContainText('No one matches “nobody-by-this-name”.');
  await expect(page.getByTestId('member-count')).toHaveText('0 of 4 members');
  await page.getByRole('button', { name: 'Clear the search' }).click();
  await expect(users.row(GRACE)).toBeVisible();
  await expect(page.getByTestId('member-count')).toHaveText('4 members');
});
