// Issue 11.6 in the browser: "Hub settings" of the hub this app started, used
// as a person uses it (typed, cleared, retyped; the security select changed
// twice; the password typed wrong, shown, hidden and retyped), against real
// SMTP servers: a test email reaches one, a refusal comes back in the
// server's words, and what the hub stored equals what the screen showed,
// with the SMTP password in nothing the page ever received. The public
// address saved is what a new invitation link names; a plan change says what
// it does before it applies; the Workspace page follows email and the plan.
// A desktop on someone else's hub is told who sets these.
import type { AddressInfo } from 'node:net';
import type { Locator, Page } from '@playwright/test';
import { SMTPServer } from 'smtp-server';
import type { SmtpSink } from '../hub/testing';
import { startSmtpSink, startTestHub } from '../hub/testing';
import { acceptInvitationOnHub } from '../electron/core/hub-http';
import { SMTP_SECURITY_LABELS } from '../shared/domain/hub-settings';
import { NO_RESTRICTIONS } from '../shared/policy';
import { pick, selection } from './pages/form-pages';
import { WorkspaceFactsPage } from './pages/organization-pages';
import { expectPlainWords } from './pages/plain-words';
import type { Desktop } from './support/desktop';
import { startDesktop } from './support/desktop';
import { expectAccessible } from './support/expect-accessible';
import type { StoredHub } from './support/local-hub-file';
import { readLocalHub } from './support/local-hub-file';
import { expect, OWNER_PASSWORD, test } from './support/fixtures';

const OWNER = { name: 'Olive Owner', email: 'olive@example.com', password: 'owner-password-1' };
const SMTP_USER = 'hub@example.com';
const SMTP_PASSWORD = 'smtp-secret-A1';
const WRONG_PASSWORD = 'smtp-secret-B2';

/** The Hub settings screen, found by what a person reads. */
class HubSettingsScreen {
  constructor(readonly page: Page) {}

  async open(): Promise<void> {
    await this.page.getByTestId('nav-hub-settings').click();
    await this.page.getByRole('heading', { name: 'Hub settings', level: 1 }).waitFor();
  }

  field(testId: 'mail-host' | 'mail-port' | 'mail-user' | 'mail-password' | 'mail-from' | 'test-email-to' | 'public-url'): Locator {
    return this.page.getByTestId(testId);
  }

  input(testId: Parameters<HubSettingsScreen['field']>[0]): Locator {
    return this.field(testId).locator('input');
  }

  get security(): Locator {
    return this.page.getByTestId('mail-security');
  }

  get testResult(): Locator {
    return this.page.getByTestId('test-email-result');
  }

  workspaceRow(name: string): Locator {
    return this.page.locator(`[data-testid="hub-workspace"][data-workspace="${name}"]`);
  }

  /** Picks a plan in a workspace's row; the dialog that asks opens at once (so no Escape after, unlike `pick`). */
  async choosePlan(select: Locator, plan: string): Promise<void> {
    await select.click();
    await this.page.getByRole('option', { name: plan, exact: true }).click();
  }

  get planDialog(): Locator {
    return this.page.getByRole('dialog', { name: /^Change .* to / });
  }

  /** What the mail form shows now, field by field. */
  async shownMail(): Promise<Record<string, string>> {
    return {
      host: await this.input('mail-host').inputValue(),
      port: await this.input('mail-port').inputValue(),
      security: (await selection(this.security).innerText()).trim(),
      user: await this.input('mail-user').inputValue(),
      password: await this.input('mail-password').inputValue(),
      from: await this.input('mail-from').inputValue(),
    };
  }
}

/** An SMTP server that takes mail only from SMTP_USER with SMTP_PASSWORD, answering sign-ins after a moment (so the wait shows). */
async function startSigningInSmtp(): Promise<{ port: number; received: string[]; close(): Promise<void> }> {
  const received: string[] = [];
  const server = new SMTPServer({
    allowInsecureAuth: true,
    disabledCommands: ['STARTTLS'],
    onAuth: (auth, _session, callback) => {
      const isRight = auth.username === SMTP_USER && auth.password === SMTP_PASSWORD;
      setTimeout(() => (isRight ? callback(null, { user: auth.username }) : callback(new Error('Invalid username or password'))), 700);
    },
    onData: (stream, session, callback) => {
      stream.resume();
      stream.on('end', () => {
        received.push(session.envelope.rcptTo[0]?.address ?? '');
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { port: (server.server.address() as AddressInfo).port, received, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

let desktop: Desktop;
let sink: SmtpSink;
/** Every frame the page received from the console: the SMTP password must be in none. */
let received: string[];

/** What the hub this desktop runs has stored (what the screen must match), read from its file: the hub runs in the core's process. */
function stored<T>(read: (hub: StoredHub) => Promise<T>): Promise<T> {
  return readLocalHub(desktop.dataDir, read);
}

/** Where the hub this desktop runs answers: this computer's loopback address, as it is not shared. */
async function ownHubUrl(): Promise<string> {
  const { hub } = await desktop.api['session.getState'](undefined);
  if (!hub?.isLocal || hub.urlSource !== 'loopback') throw new Error(`this desktop runs no unshared hub: ${JSON.stringify(hub)}`);
  return hub.url;
}

async function openLocalWorkspace(page: Page): Promise<void> {
  await desktop.api['setup.startLocalWorkspace']({
    organizationName: 'Acme',
    workspaceName: 'Support',
    plan: 'advanced',
    ownerName: OWNER.name,
    ownerEmail: OWNER.email,
    password: OWNER.password,
    isShared: false,
    address: null,
  });
  page.on('websocket', (socket) => socket.on('framereceived', (frame) => received.push(String(frame.payload))));
  await page.goto(desktop.webConsole.url);
  await page.getByTestId('connection-state').filter({ hasText: 'Online' }).waitFor();
}

/** Invites `email` as an Agent from the Users page and returns the link the dialog shows. */
async function inviteFromUsersPage(page: Page, email: string): Promise<string> {
  await page.getByTestId('nav-users').click();
  await page.getByRole('heading', { name: 'Users', level: 1 }).waitFor();
  await page.getByTestId('add-user').click();
  await page.getByTestId('invite-email').getByRole('textbox').fill(email);
  await page.getByTestId('invite-level').click();
  await page.getByRole('option', { name: 'Agent', exact: true }).click();
  await page.getByTestId('invite-submit').click();
  const link = await page.getByTestId('invite-link').locator('input').inputValue();
  await page.getByRole('button', { name: 'Done' }).click();
  return link;
}

test.beforeEach(async () => {
  desktop = await startDesktop();
  sink = await startSmtpSink();
  received = [];
});
test.afterEach(async () => {
  await desktop.stop();
  await sink.close();
});

test('issue 11.6: the mail form filled like a person: a refusal in the server’s words, a test email received, and what is saved is what was shown', async ({ page }) => {
  const smtp = await startSigningInSmtp();
  try {
    await openLocalWorkspace(page);
    const screen = new HubSettingsScreen(page);
    await screen.open();
    await expect(page.getByTestId('hub-mail-status')).toHaveText('Email is off: after inviting someone, the inviter copies the link and passes it on.');

    // Tried empty: nothing is sent, and each problem shows on its own field.
    await page.getByTestId('send-test-email').click();
    await expect(page.getByTestId('test-email-problem')).toHaveText('Nothing was sent: correct the mail server’s settings above first.');
    await expect(screen.field('mail-host')).toContainText('Enter the mail server’s name or address');
    await expect(screen.field('mail-from')).toContainText('Enter the sender, like Gatehouse <hub@example.com>');

    // The server's name typed, cleared and retyped; the port refused out of range, on its field, in plain words.
    await screen.input('mail-host').fill('smtp.example.com');
    await screen.input('mail-host').fill('');
    await expect(screen.field('mail-host')).toContainText('Enter the mail server’s name or address');
    await screen.input('mail-host').fill('127.0.0.1');
    await screen.input('mail-port').fill('0');
    await expect(screen.field('mail-port')).toContainText('A port is a number from 1 to 65535');
    await screen.input('mail-port').fill('65536');
    await expect(screen.field('mail-port')).toContainText('A port is a number from 1 to 65535');
    await expect(screen.input('mail-port')).toHaveAttribute('min', '1');
    await expect(screen.input('mail-port')).toHaveAttribute('max', '65535');
    await screen.input('mail-port').fill(String(smtp.port));
    await expect(screen.field('mail-port')).not.toContainText('A port is a number');

    // Security changed twice, then to what this server speaks.
    await pick(page, screen.security, SMTP_SECURITY_LABELS.tls);
    await pick(page, screen.security, SMTP_SECURITY_LABELS.starttls);
    await pick(page, screen.security, SMTP_SECURITY_LABELS.none);
    await expect(selection(screen.security)).toHaveText(SMTP_SECURITY_LABELS.none);

    // No user, no password; a user typed, the password field opens.
    await expect(screen.input('mail-password')).toBeDisabled();
    await screen.input('mail-user').fill(SMTP_USER);
    await expect(screen.input('mail-password')).toBeEnabled();
    await screen.input('mail-password').fill(WRONG_PASSWORD);
    await screen.field('mail-password').getByRole('button', { name: 'Show password' }).click();
    await expect(screen.input('mail-password')).toHaveAttribute('type', 'text');
    await expect(screen.input('mail-password')).toHaveValue(WRONG_PASSWORD);
    await screen.field('mail-password').getByRole('button', { name: 'Hide password' }).click();
    await expect(screen.input('mail-password')).toHaveAttribute('type', 'password');
    await screen.input('mail-from').fill('not an address');
    await expect(screen.field('mail-from')).toContainText('Enter the sender as an address, or Name <address>');
    await expectAccessible(page, 'hub settings, mail form with a problem');
    await screen.input('mail-from').fill('Gatehouse <hub@example.com>');

    // Tried with the wrong password: the wait shows, then the server's refusal in words.
    await expect(screen.input('test-email-to')).toHaveValue(OWNER.email);
    await screen.input('test-email-to').fill('ops@example.com');
    await page.getByTestId('send-test-email').click();
    await expect(page.getByTestId('test-email-progress')).toContainText('Sending the test email to ops@example.com');
    await expect(screen.testResult).toHaveAttribute('data-sent', 'false');
    await expect(page.getByTestId('test-email-problem')).toHaveCount(0);
    await expect(screen.testResult).toContainText('Not sent. The mail server refused the user name or password');
    await expect(page.getByTestId('test-email-progress')).toHaveCount(0);
    await expectPlainWords(page, 'hub settings, test email refused');

    // Retyped right: sent, and the server has it. Nothing is stored by trying.
    await screen.input('mail-password').fill(SMTP_PASSWORD);
    await page.getByTestId('send-test-email').click();
    await expect(screen.testResult).toHaveAttribute('data-sent', 'true');
    await expect(screen.testResult).toContainText(`Sent. The test email to ops@example.com was accepted by the mail server at 127.0.0.1:${smtp.port}.`);
    await expect.poll(() => smtp.received).toEqual(['ops@example.com']);
    expect(await stored((hub) => hub.settings.mail())).toBeNull();

    const shown = await screen.shownMail();
    await page.getByTestId('save-mail').click();
    await expect(page.getByText('Invitation email saved; the next invitation is sent with it')).toBeVisible();
    await expect.poll(() => stored((hub) => hub.settings.mail())).toEqual({
      host: shown.host,
      port: Number(shown.port),
      security: 'none',
      user: shown.user,
      password: SMTP_PASSWORD,
      from: shown.from,
    });
    expect(shown.security).toBe(SMTP_SECURITY_LABELS.none);
    // The form now shows what is stored, the password field empty: it is never sent back.
    await expect(screen.input('mail-password')).toHaveValue('');
    await expect(screen.field('mail-password')).toContainText('A password is stored. Leave this empty to keep it');
    await page.reload();
    await screen.open();
    await expect.poll(() => screen.shownMail()).toEqual({ ...shown, password: '' });
    await expect(page.getByTestId('hub-mail-status')).toHaveText(`Invitations are emailed through 127.0.0.1:${smtp.port}.`);

    // Saved again with the password left empty: the stored one is kept and signs in.
    await screen.input('mail-from').fill('Gatehouse Hub <hub@example.com>');
    await page.getByTestId('save-mail').click();
    await expect.poll(() => stored(async (hub) => (await hub.settings.mail())?.from)).toBe('Gatehouse Hub <hub@example.com>');
    expect(await stored(async (hub) => (await hub.settings.mail())?.password)).toBe(SMTP_PASSWORD);
    await inviteFromUsersPage(page, 'new.agent@example.com');
    await expect.poll(() => smtp.received).toEqual(['ops@example.com', 'new.agent@example.com']);

    expect(received.length).toBeGreaterThan(0);
    expect(received.filter((frame) => frame.includes(SMTP_PASSWORD) || frame.includes(WRONG_PASSWORD))).toEqual([]);
  } finally {
    await smtp.close();
  }
});

test('issue 11.6: email switched on and off from Hub settings: invitations are mailed to the SMTP sink, and the Workspace page follows', async ({ page }) => {
  await openLocalWorkspace(page);
  const facts = new WorkspaceFactsPage(page);
  await facts.open();
  await expect(facts.invitations).toHaveAttribute('data-emailed', 'false');
  await expect(facts.setBy).toContainText('This app runs the hub: change them in Hub settings.');

  const screen = new HubSettingsScreen(page);
  await screen.open();
  await screen.input('mail-host').fill('127.0.0.1');
  await screen.input('mail-port').fill(String(sink.port));
  await pick(page, screen.security, SMTP_SECURITY_LABELS.tls);
  await pick(page, screen.security, SMTP_SECURITY_LABELS.none);
  await screen.input('mail-from').fill('hub@example.com');
  await page.getByTestId('send-test-email').click();
  await expect(screen.testResult).toHaveAttribute('data-sent', 'true');
  expect(await sink.next()).toMatchObject({ to: OWNER.email, subject: 'Gatehouse test email' });
  await page.getByTestId('save-mail').click();
  await expect.poll(() => stored((hub) => hub.settings.mail())).toEqual({ host: '127.0.0.1', port: sink.port, security: 'none', user: null, password: null, from: 'hub@example.com' });

  await facts.open();
  await expect(facts.invitations).toHaveAttribute('data-emailed', 'true');
  await expect(facts.invitations).toContainText('Invitations are emailed');
  const link = await inviteFromUsersPage(page, 'mailed@example.com');
  const mail = await sink.next();
  expect(mail.to).toBe('mailed@example.com');
  expect(mail.text).toContain(link);

  await screen.open();
  await page.getByTestId('clear-mail').click();
  await expect(page.getByTestId('clear-mail-dialog')).toContainText('The hub stops emailing invitations');
  await expectPlainWords(page, 'hub settings, turn off email');
  await page.getByTestId('confirm-clear-mail').click();
  await expect(page.getByTestId('hub-mail-status')).toHaveText('Email is off: after inviting someone, the inviter copies the link and passes it on.');
  expect(await stored((hub) => hub.settings.mail())).toBeNull();
  await facts.open();
  await expect(facts.invitations).toHaveAttribute('data-emailed', 'false');
  await expect(facts.invitations).toContainText('Invitations are not emailed');
  await inviteFromUsersPage(page, 'handed@example.com');
  expect(sink.mails.map((each) => each.to)).toEqual([OWNER.email, 'mailed@example.com']);
});

test('issue 11.6: the public address saved in Hub settings is what a new invitation link names', async ({ page }) => {
  await openLocalWorkspace(page);
  const screen = new HubSettingsScreen(page);
  await screen.open();
  const loopback = await ownHubUrl();
  await expect(page.getByTestId('hub-address-in-use')).toHaveText(`New invitation links use ${loopback}, this computer’s address for the hub.`);

  await screen.input('public-url').fill('gatehouse.acme.example');
  await expect(screen.field('public-url')).toContainText('Enter the address people use to reach the hub, like https://gatehouse.example.com');
  await screen.input('public-url').fill('');
  await expect(screen.field('public-url')).not.toContainText('Enter the address');
  await screen.input('public-url').fill('https://gatehouse.acme.example/');
  await page.getByTestId('save-public-url').click();
  await expect(page.getByText('Public address saved; new invitation links use it')).toBeVisible();
  await expect.poll(() => stored((hub) => hub.settings.publicUrl())).toBe('https://gatehouse.acme.example');
  await expect(page.getByTestId('hub-address-in-use')).toHaveText('New invitation links use https://gatehouse.acme.example.');
  await expect(screen.input('public-url')).toHaveValue('https://gatehouse.acme.example');

  expect(await inviteFromUsersPage(page, 'linked@example.com')).toMatch(/^https:\/\/gatehouse\.acme\.example\/invite\/[A-Za-z0-9_-]+$/);
  await page.getByRole('button', { name: 'Account menu' }).click();
  await expect(page.getByTestId('hub-address')).toContainText('https://gatehouse.acme.example');
  await page.keyboard.press('Escape');

  // Emptied: links name this computer's address again.
  await screen.open();
  await screen.input('public-url').fill('');
  await page.getByTestId('save-public-url').click();
  await expect.poll(() => stored((hub) => hub.settings.publicUrl())).toBeNull();
  expect(await inviteFromUsersPage(page, 'back@example.com')).toMatch(new RegExp(`^${loopback.replace(/\./g, '\\.')}/invite/`));
});

test('issue 11.6 / R7: a plan changed from the list says first which Agents lose masking, then applies; the hub and the Workspace page have it', async ({ page }) => {
  await openLocalWorkspace(page);
  const invited = await desktop.api['hub.member.invite']({ input: { email: 'mia@example.com', level: 'agent', restrictions: { ...NO_RESTRICTIONS, maskContactDetails: true } } });
  await acceptInvitationOnHub(await ownHubUrl(), { token: invited.inviteUrl?.split('/').at(-1) ?? '', displayName: 'Mia Masked', password: 'member-password-1' });
  const workspaceId = await stored(async (hub) => (await hub.workspaces.all())[0]?.id ?? '');
  const storedPlan = () => stored(async (hub) => (await hub.workspaces.byId(workspaceId))?.plan);
  const mia = () => stored(async (hub) => (await hub.members.inWorkspace(workspaceId)).find((member) => member.email === 'mia@example.com'));
  const screen = new HubSettingsScreen(page);
  await screen.open();
  const row = screen.workspaceRow('Support');
  await expect(row).toContainText('Acme');
  await expect(row).toContainText('2 members');
  const plan = row.getByTestId('workspace-plan-select');
  await expect(selection(plan)).toHaveText('Advanced');

  // Asked, read, cancelled: nothing changes and the list still shows the plan the hub has.
  await screen.choosePlan(plan, 'Enterprise');
  await expect(screen.planDialog).toContainText('Support moves from the Advanced plan to Enterprise.');
  await page.getByTestId('cancel-plan-change').click();
  await expect(screen.planDialog).toBeHidden();
  await expect(selection(plan)).toHaveText('Advanced');
  expect(await storedPlan()).toBe('advanced');

  // Below Advanced: the dialog names the Agent who loses masking and what that means.
  await screen.choosePlan(plan, 'Growth');
  const effects = screen.planDialog.getByTestId('plan-change-effect');
  await expect(effects).toHaveText([
    'Support moves from the Advanced plan to Growth.',
    '“Mask Phone Number and Email Address” is not offered on the Growth plan: 1 Agent loses it (Mia Masked), so they will see phone numbers and email addresses in full. The switch is turned off and stays off if the plan goes back up.',
  ]);
  await expectAccessible(page, 'hub settings, plan change dialog');
  await expectPlainWords(page, 'hub settings, plan change dialog');
  expect((await mia())?.restrictions.maskContactDetails).toBe(true);
  await screen.planDialog.getByRole('button', { name: 'Change to Growth' }).click();
  await expect(page.getByText('Support is on the Growth plan now')).toBeVisible();
  await expect.poll(storedPlan).toBe('growth');
  expect((await mia())?.restrictions.maskContactDetails).toBe(false);
  await expect(selection(plan)).toHaveText('Growth');
  await expect(row).toHaveAttribute('data-plan', 'growth');

  const facts = new WorkspaceFactsPage(page);
  await facts.open();
  await expect(facts.plan).toHaveAttribute('data-plan', 'growth');
  await expect(facts.plan).toContainText('Support is on the Growth plan.');
});

test('issue 11.6: a desktop on a hub it does not run is told that the hub’s operator sets these, with its command line', async ({ page }) => {
  const elsewhere = await startTestHub({ port: 0 });
  try {
    await desktop.api['session.signIn']({ hubUrl: elsewhere.hub.url, email: elsewhere.ownerEmail, password: OWNER_PASSWORD });
    await page.goto(desktop.webConsole.url);
    await page.getByTestId('connection-state').filter({ hasText: 'Online' }).waitFor();
    // The landing page first: until the workspace has arrived the app may still move to it, away from a page its menu does not list.
    await page.getByRole('heading', { name: 'Users', level: 1 }).waitFor();
    await page.evaluate(() => (location.hash = '#/hub-settings'));
    await page.getByRole('heading', { name: 'Hub settings', level: 1 }).waitFor();
    await expect(page.getByTestId('hub-settings-elsewhere')).toContainText('This app is connected to a hub it does not run.');
    await expect(page.getByTestId('hub-settings-elsewhere')).toContainText('set by whoever runs it, on the hub’s computer, with the hub’s command line');
    await expect(page.getByTestId('hub-mail-form')).toHaveCount(0);
    await expectPlainWords(page, 'hub settings on a hub this app does not run');
    await expectAccessible(page, 'hub settings on a hub this app does not run');
  } finally {
    await elsewhere.stop();
  }
});
