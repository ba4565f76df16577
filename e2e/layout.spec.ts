// Issue 11, item 5: the Users page fits from a 1024 px window (row actions
// move into a keyboard menu), its toolbar stays on one line from 1280 px with
// a team filter, long text is cut with a tooltip, initials never split an
// emoji, an empty search says what to do, and focus comes back after a dialog.
// Issue 11 (screens a person trusts): from 1024 px a pending invitee's address
// is whole beside its badge, the matrix legend keeps each mark with its words,
// the Contacts table wraps and clips nothing, and switches are in the app's
// primary colour on the dark theme too.
import type { Locator, Page } from '@playwright/test';
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

test('issue 11: every label of the Users toolbar is whole at 1024, 1280 and 1440 px', async ({ workplace }) => {
  const { users } = await setUp(workplace);
  await users.open(1024);
  await expect(users.page.getByTestId('filter-team')).toBeVisible();
  for (const width of [1024, 1280, 1440]) {
    await users.resize(width);
    // The resting labels (what an empty field shows): cut labels end in an ellipsis, their text wider than their box.
    const cut = await users.toolbar().evaluate((bar) =>
      Array.from(bar.querySelectorAll<HTMLElement>('.v-field-label:not(.v-field-label--floating)'))
        .filter((label) => label.scrollWidth > label.clientWidth)
        .map((label) => label.textContent),
    );
    expect(cut, `at ${width} px`).toEqual([]);
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

/** How far an element's content reaches past its own box (0 when it fits). */
function clipOf(element: Locator): Promise<number> {
  return element.evaluate((node) => node.scrollWidth - node.clientWidth);
}

/** How far `inner` reaches outside `outer`, on any side (0 when it is inside). */
async function outside(inner: Locator, outer: Locator): Promise<number> {
  const [a, b] = await Promise.all([inner.boundingBox(), outer.boundingBox()]);
  if (!a || !b) throw new Error('not laid out');
  return Math.max(0, b.x - a.x, b.y - a.y, a.x + a.width - (b.x + b.width), a.y + a.height - (b.y + b.height));
}

async function pageOverflow(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
}

test('issue 11: at 1024 px a pending invitee shows its whole address beside the pending badge, and emails are not cut', async ({ workplace }) => {
  const { page, users } = await setUp(workplace);
  const pending = 'pending.person@example.com';
  await users.open(1024);
  await users.row(pending).waitFor();
  await users.resize(1024);
  // The name of a pending invitee is their address: whole, with the badge inside its cell.
  await expect(users.name(pending)).toHaveText(pending);
  await expect(users.name(pending)).toHaveAttribute('data-cut', 'no');
  const badge = users.row(pending).getByTestId('pending-badge');
  await expect(badge).toBeVisible();
  expect(await outside(badge, users.row(pending).locator('td').first())).toBe(0);
  // Emails of a usual length are whole under their name; a very long one is cut, with its tooltip (above).
  await expect(users.row(GRACE).getByTestId('member-email')).toHaveText(GRACE);
  await expect(users.row(GRACE).getByTestId('member-email')).toHaveAttribute('data-cut', 'no');
  await expect(users.row(workplace.hub.ownerEmail).getByTestId('member-email')).toHaveAttribute('data-cut', 'no');
  await expect(users.row(LONG_EMAIL).getByTestId('member-email')).toHaveAttribute('data-cut', 'yes');
  expect(await users.overflow()).toEqual({ wrapperOverflow: 0, actionsOverflow: 0, pageOverflow: 0 });
  // Wide, the email has its own column again, and the badge stays beside the name.
  await users.resize(1440);
  await expect(page.getByRole('columnheader', { name: 'Email' })).toBeVisible();
  await expect(users.name(pending)).toHaveAttribute('data-cut', 'no');
  expect(await outside(badge, users.row(pending).locator('td').first())).toBe(0);
});

test('issue 11: the matrix legend keeps each mark with its words, and nothing in the matrix is clipped at 1024 px', async ({ workplace }) => {
  const { page } = await workplace.openDesktop(workplace.hub.ownerEmail, OWNER_PASSWORD);
  await page.setViewportSize({ width: 1024, height: 900 });
  await page.getByTestId('nav-matrix').click();
  await page.getByRole('heading', { name: 'Permissions', level: 1 }).waitFor();
  const legend = page.getByRole('list', { name: 'What the marks mean' });
  const items = legend.getByRole('listitem');
  await expect(items).toHaveCount(3);
  for (const item of await items.all()) {
    // One line each: the mark never sits at the end of one line and its words on the next.
    const box = await item.boundingBox();
    expect(box?.height ?? 0, await item.innerText()).toBeLessThan(32);
    expect(await outside(item, legend)).toBe(0);
  }
  const matrix = page.getByTestId('permission-matrix');
  expect(await clipOf(matrix.locator('.v-table__wrapper'))).toBeLessThanOrEqual(0);
  // Each "Why?" of a level's closed cell sits inside its cell.
  const whys = matrix.getByTestId('why-no-access');
  expect(await whys.count()).toBeGreaterThan(0);
  for (const why of await whys.all()) expect(await outside(why, why.locator('xpath=ancestor::td[1]'))).toBe(0);
  expect(await pageOverflow(page)).toBe(0);
});

test('issue 11: at 1024 px the Contacts form and table clip nothing; a long assignee name is cut with its tooltip', async ({ workplace }) => {
  const { hub, owner } = workplace;
  const adaId = await hub.addMember(owner, 'ada@example.com', 'agent', {}, 'Ada Lovelace-Byron');
  const longId = await hub.addMember(owner, LONG_EMAIL, 'manager', {}, LONG_NAME);
  await owner.mutate('contact.create', { name: 'Harbor Coffee', phone: '+44 20 7946 0100', email: 'hello@harbor.example', assigneeId: adaId, teamId: null });
  await owner.mutate('contact.create', { name: 'Northwind Bikes', phone: '+44 20 7946 0101', email: 'hello@northwind.example', assigneeId: longId, teamId: null });
  const { page } = await workplace.openDesktop(hub.ownerEmail, OWNER_PASSWORD);
  await page.setViewportSize({ width: 1024, height: 900 });
  await page.getByTestId('nav-contacts').click();
  await page.getByRole('heading', { name: 'Contacts', level: 1 }).waitFor();
  const harbor = page.locator('[data-contact="Harbor Coffee"]');
  await harbor.waitFor();
  await page.waitForTimeout(300);

  // The form's fields are wide enough to read what they hold, and inside the page.
  for (const testId of ['contact-name', 'contact-phone', 'contact-email', 'contact-assignee', 'contact-team']) {
    const box = await page.getByTestId(testId).first().boundingBox();
    expect(box?.width ?? 0, testId).toBeGreaterThanOrEqual(170);
  }
  // Each row: the phone and the email on one line each, whole; the assignee whole in its select.
  for (const row of [harbor, page.locator('[data-contact="Northwind Bikes"]')]) {
    for (const detail of ['contact-phone', 'contact-email']) {
      await expect(row.getByTestId(detail)).toHaveAttribute('data-cut', 'no');
      expect((await row.getByTestId(detail).boundingBox())?.height ?? 0).toBeLessThan(28);
    }
  }
  const assigneeOf = (row: Locator) => row.locator('.v-select__selection-text').first();
  await expect(assigneeOf(harbor)).toHaveText('Ada Lovelace-Byron');
  await expect(assigneeOf(harbor)).toHaveAttribute('data-cut', 'no');
  const long = assigneeOf(page.locator('[data-contact="Northwind Bikes"]'));
  await expect(long).toHaveAttribute('data-cut', 'yes');
  await long.hover();
  await expect(page.getByRole('tooltip').filter({ hasText: LONG_NAME })).toBeVisible();
  expect(await clipOf(page.getByTestId('contacts-table').locator('.v-table__wrapper'))).toBeLessThanOrEqual(0);
  expect(await pageOverflow(page)).toBe(0);
});

test('issue 11: in the dark theme a switch that is on is drawn in the app\'s primary, as in the light one', async ({ workplace }) => {
  const { page } = await workplace.openDesktop(workplace.hub.ownerEmail, OWNER_PASSWORD);
  await page.getByTestId('nav-notifications').click();
  await page.getByRole('heading', { name: 'Notification preferences', level: 1 }).waitFor();
  const on = page.getByTestId('notify-online');
  await expect(on.getByRole('switch').or(on.getByRole('checkbox'))).toBeChecked();
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await expect(page.locator('.v-application')).toHaveClass(new RegExp(`v-theme--${scheme}`));
    // The track's colour changes over 0.2 s: read it once it has arrived.
    const track = on.locator('.v-switch__track');
    const look = () =>
      track.evaluate((node) => {
        const style = getComputedStyle(node);
        const primary = style.getPropertyValue('--v-theme-primary').split(',').map((part) => part.trim());
        return { background: style.backgroundColor, opacity: style.opacity, isPrimary: style.backgroundColor === `rgb(${primary.join(', ')})` };
      });
    await expect.poll(async () => (await look()).isPrimary, { message: scheme }).toBe(true);
    expect((await look()).opacity, scheme).toBe('1');
    // The thumb is not Vuetify's lavender (surface-bright of its dark theme).
    const thumb = await on.locator('.v-switch__thumb').evaluate((node) => getComputedStyle(node).backgroundColor);
    expect(thumb, scheme).not.toBe('rgb(204, 191, 214)');
  }
});
