// `npm run hub -- [serve] [--port P] [--host H] [--data DIR] [--database URL] ...` runs the hub;
// `npm run hub -- bootstrap ...` creates an organization, a workspace and its
// first Owner without any UI; `settings`, `workspaces`, `plan` and `two-step reset` are the
// operator's controls (the same as "Hub settings" in the desktop app that
// runs a hub). `backup` and `restore` copy its data folder, `migrate` moves it to
// PostgreSQL (docs/deploy.md).
// See the README's "The hub" section.
import { homedir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { displayNameSchema, emailSchema, passwordSchema, planSchema } from '../shared/domain';
import type { HubSettingsView, MailSettingsInput, SmtpSecurity } from '../shared/domain/hub-settings';
import { SMTP_SECURITY } from '../shared/domain/hub-settings';
import { PLAN_LABELS } from '../shared/policy';
import { ClientAddressResolver } from './auth/client-address';
import { bootstrapWorkspace } from './bootstrap';
import { HubFailure } from './domain/hub-failure';
import { offlineHubAdmin } from './server/hub-admin';
import type { HubAdmin } from './server/hub-admin';
import { startHub } from './server/hub';
import { HUB_DEFAULTS } from './server/hub-options';
import { MetricsAccess } from './server/metrics-access';
import { backupHubData, HubBackupError, restoreHubData } from './deploy/backup';
import { migrateCommand } from './deploy/migrate-command';
import { HubDataFolderError } from './store/database';
import type { PresenceLeaseTimes } from './cluster/presence-leases';
import type { HubStore } from './store/hub-store';
import { InvalidDatabaseUrlError, openStoreAt } from './store/open-store';

const DEFAULT_DATA_DIR = join(homedir(), '.gatehouse', 'hub');
const DEFAULT_MAIL_FROM = 'Gatehouse <no-reply@gatehouse.invalid>';

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: {
    port: { type: 'string', default: String(HUB_DEFAULTS.port) },
    host: { type: 'string', default: HUB_DEFAULTS.host },
    data: { type: 'string', default: process.env['GATEHOUSE_HUB_DATA'] ?? DEFAULT_DATA_DIR },
    database: { type: 'string' },
    'two-step-key': { type: 'string' },
    'public-url': { type: 'string' },
    'allowed-origin': { type: 'string', multiple: true },
    'trusted-proxy': { type: 'string', multiple: true },
    'metrics-allow': { type: 'string', multiple: true },
    to: { type: 'string' },
    from: { type: 'string' },
    // No defaults here: the environment's GATEHOUSE_SMTP_URL and GATEHOUSE_MAIL_FROM are for serve, never stored by `settings mail`.
    'smtp-url': { type: 'string' },
    'mail-from': { type: 'string' },
    'smtp-security': { type: 'string' },
    clear: { type: 'boolean', default: false },
    yes: { type: 'boolean', default: false },
    organization: { type: 'string' },
    workspace: { type: 'string' },
    plan: { type: 'string', default: 'growth' },
    'owner-email': { type: 'string' },
    'owner-name': { type: 'string' },
    'password-stdin': { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h', default: false },
  },
});

// Built for deployment (dist-hub/gatehouse-hub.js) the command is gatehouse-hub; from the repository, npm run hub --.
const COMMAND = import.meta.url.endsWith('.ts') ? 'npm run hub --' : 'gatehouse-hub';

const USAGE = `Gatehouse hub

  npm run hub -- [serve] [--port 4717] [--host 127.0.0.1] [--data ~/.gatehouse/hub]
                 [--database postgres://USER@HOST:5432/DB] [--two-step-key FILE]
                 [--public-url URL] [--allowed-origin ORIGIN ...] [--trusted-proxy ADDRESS[/BITS] ...]
                 [--smtp-url smtp://user:pass@host:587 --mail-from "Name <addr>"] [--metrics-allow ADDRESS[/BITS] ...]
  npm run hub -- bootstrap --organization NAME --workspace NAME [--plan starter|growth|advanced|enterprise]
                 --owner-email EMAIL --owner-name NAME [--password-stdin] [--data DIR]
                 (the Owner's password comes from GATEHOUSE_OWNER_PASSWORD or, with --password-stdin, standard input)

  npm run hub -- settings show [--data DIR]
  npm run hub -- settings mail --smtp-url smtp://user@host:587 --mail-from "Name <addr>"
                 [--smtp-security none|starttls|tls] [--password-stdin] [--data DIR]
  npm run hub -- settings mail --clear [--data DIR]
  npm run hub -- settings public-url URL | --clear [--data DIR]
  npm run hub -- settings test-email TO [--smtp-url ... --mail-from ...] [--data DIR]
  npm run hub -- workspaces [--data DIR]
  npm run hub -- plan WORKSPACE_ID starter|growth|advanced|enterprise [--yes] [--data DIR]
  npm run hub -- two-step reset EMAIL [--yes] [--data DIR]
  npm run hub -- backup --to FOLDER [--data DIR]
  npm run hub -- restore --from BACKUP_FOLDER --data NEW_DIR
  npm run hub -- migrate --data DIR --database postgres://USER@HOST:5432/DB [--two-step-key FILE]

  settings         the hub's own settings, stored in its data folder and used without a restart, even
                   by a hub already running on the folder. --smtp-url, --mail-from and --public-url given
                   to serve win over them. smtps:// is TLS; smtp:// is STARTTLS unless --smtp-security none.
                   The SMTP password is stored (the hub needs it) but never shown; --password-stdin reads it
                   from standard input instead of the URL.
  settings test-email  sends one email through the stored server, or through --smtp-url and --mail-from
                   to try them before saving.
  plan             says what the change does (which Agents lose masking below Advanced) and applies it
                   only with --yes; desktops connected to a hub running on the folder get it within seconds.
  two-step reset   for a person who lost their authenticator app and their recovery codes: says what it
                   does, and with --yes removes their two-step sign-in (they then sign in with the password
                   alone and set it up again). Recorded in the audit log of each workspace they belong to.
                   No workspace Owner can do this; only whoever runs the hub.
  --trusted-proxy  a reverse proxy in front of the hub (an address, or a subnet like 10.0.0.0/8; repeat
                   for several). Only requests from it have their X-Forwarded-For read, to know the
                   client's address for the limits on password attempts. Without it, X-Forwarded-For is ignored.
  --metrics-allow  who besides this machine may read /metrics (an address or subnet; repeat for several).
                   GATEHOUSE_METRICS_TOKEN set: any address sending "Authorization: Bearer <token>" may too.
                   A request relayed by a proxy (X-Forwarded-For) needs the token.
  backup           a copy of the data folder the hub needs (its database and two-step key), taken while the
                   hub runs, into a new folder: FOLDER itself if it does not exist yet, else a dated folder in it.
  restore          copies a backup into a data folder with no hub database yet, checking it first.
  migrate          moves the SQLite hub in --data (stopped first) into an empty PostgreSQL database, in one
                   transaction checked row for row before it is committed; the SQLite hub is left as it was.
                   --two-step-key copies the data folder's two-step key to FILE, where the hubs on PostgreSQL read it.
  --database       the hub's store on PostgreSQL instead of the SQLite file in --data (also
                   GATEHOUSE_HUB_DATABASE); its tables are made or brought up to date at start. Give it to
                   serve and to bootstrap, settings, workspaces, plan and two-step alike. --data still holds
                   the hub's own files (the two-step key, the limits on password attempts).
  --two-step-key   the file with the key that encrypts authenticator secrets (made if missing; default
                   two-step.key in --data). Hubs sharing one PostgreSQL database must all use the same key:
                   copy the file to each, or people with two-step sign-in cannot sign in on the others.
`.replaceAll('npm run hub --', COMMAND);

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8').replace(/\r?\n$/, '');
}

/** --database, else GATEHOUSE_HUB_DATABASE; neither: the SQLite file in --data. */
function databaseUrl(): string | undefined {
  const database = values.database ?? process.env['GATEHOUSE_HUB_DATABASE'];
  return database === '' ? undefined : database;
}

/** The store the options name (PostgreSQL with --database, else the data folder's SQLite file). */
async function openOperatorStore(): Promise<HubStore> {
  const database = databaseUrl();
  return (await openStoreAt({ dataDir: values.data, ...(database === undefined ? {} : { database }) })).store;
}

function fail(message: string): never {
  console.error(`gatehouse hub: ${message}`);
  process.exit(2);
}

async function bootstrap(): Promise<void> {
  const password = values['password-stdin'] ? await readStdin() : process.env['GATEHOUSE_OWNER_PASSWORD'];
  const input = z
    .object({
      organizationName: displayNameSchema,
      workspaceName: displayNameSchema,
      plan: planSchema,
      ownerEmail: emailSchema,
      ownerName: displayNameSchema,
      ownerPassword: passwordSchema,
    })
    .safeParse({
      organizationName: values.organization,
      workspaceName: values.workspace,
      plan: values.plan,
      ownerEmail: values['owner-email'],
      ownerName: values['owner-name'],
      ownerPassword: password,
    });
  if (!input.success) {
    const issue = input.error.issues[0];
    fail(`${issue?.path.join('.') ?? 'input'}: ${issue?.message ?? 'invalid'}\n\n${USAGE}`);
  }
  const store = await openOperatorStore();
  try {
    const created = await bootstrapWorkspace(store, input.data);
    console.log(JSON.stringify({ ...created, dataDir: values.data }, null, 2));
  } catch (error) {
    fail(error instanceof Error ? error.message : String(error));
  } finally {
    await store.close();
  }
}

function listeningUrl(): string {
  return `http://${values.host}:${values.port}`;
}

/** Opens the store (--database, or the data folder's), runs `work` with the operator's controls, and closes it. */
async function withAdmin(work: (admin: HubAdmin) => Promise<void> | void): Promise<void> {
  const store = await openOperatorStore();
  try {
    await work(await offlineHubAdmin(store, listeningUrl()));
  } catch (error) {
    if (error instanceof HubFailure) fail(error.message);
    throw error;
  } finally {
    await store.close();
  }
}

const SECURITY_WORDS = { none: 'no encryption', starttls: 'STARTTLS', tls: 'TLS' } as const satisfies Record<SmtpSecurity, string>;

function describeSettings(view: HubSettingsView): string {
  const { mail, effective } = view;
  const mailLine = mail
    ? `${mail.host}:${mail.port}, ${SECURITY_WORDS[mail.security]}, ${mail.user ? `user ${mail.user}, ${mail.hasPassword ? 'password stored' : 'no password'}` : 'no sign-in'}, from ${mail.from}`
    : 'not set: invitation links are handed to the inviter to pass on';
  return [
    `Invitation email: ${mailLine}`,
    `Public address:   ${view.publicUrl ?? `not set: links use the address the hub listens on (${effective.publicUrl})`}`,
    '',
    '--smtp-url, --mail-from and --public-url given to serve win over these settings.',
  ].join('\n');
}

/** --smtp-url (and --smtp-security, --password-stdin) as the mail settings they stand for. */
async function mailFromOptions(): Promise<MailSettingsInput> {
  const smtpUrl = values['smtp-url'];
  const from = values['mail-from'];
  if (!smtpUrl || !from) fail(`settings mail needs --smtp-url and --mail-from (or --clear)\n\n${USAGE}`);
  let url: URL;
  try {
    url = new URL(smtpUrl);
  } catch {
    fail(`--smtp-url must look like smtp://user@mail.example.com:587 or smtps://mail.example.com:465, not ${smtpUrl}`);
  }
  if (url.protocol !== 'smtp:' && url.protocol !== 'smtps:') fail(`--smtp-url must start with smtp:// or smtps://, not ${url.protocol}//`);
  const chosen = values['smtp-security'];
  if (chosen !== undefined && !(SMTP_SECURITY as readonly string[]).includes(chosen)) fail(`--smtp-security is none, starttls or tls, not ${chosen}`);
  const security = (chosen as SmtpSecurity | undefined) ?? (url.protocol === 'smtps:' ? 'tls' : 'starttls');
  const user = url.username ? decodeURIComponent(url.username) : null;
  const password = values['password-stdin'] ? await readStdin() : url.password ? decodeURIComponent(url.password) : undefined;
  return {
    host: url.hostname.replace(/^\[|\]$/g, ''),
    port: url.port ? Number(url.port) : security === 'tls' ? 465 : 587,
    security,
    user,
    // Not given: the password already stored is kept.
    ...(password === undefined ? {} : { password }),
    from,
  };
}

async function settingsCommand(): Promise<void> {
  const [, what, argument] = positionals;
  if (what === undefined || what === 'show') return withAdmin(async (admin) => console.log(describeSettings(await admin.getSettings())));
  if (what === 'mail') {
    const input = values.clear ? null : await mailFromOptions();
    return withAdmin(async (admin) => {
      const view = input ? await admin.setMail(input) : await admin.clearMail();
      console.log(`${input ? 'Saved.' : 'Invitation email is off.'}\n\n${describeSettings(view)}`);
    });
  }
  if (what === 'public-url') {
    if (!argument && !values.clear) fail(`settings public-url needs the address (or --clear)\n\n${USAGE}`);
    return withAdmin(async (admin) => console.log(`Saved.\n\n${describeSettings(await admin.setPublicUrl(values.clear ? null : (argument ?? null)))}`));
  }
  if (what === 'test-email') {
    if (!argument) fail(`settings test-email needs the address to send to\n\n${USAGE}`);
    const candidate = values['smtp-url'] ? await mailFromOptions() : undefined;
    return withAdmin(async (admin) => {
      const result = await admin.sendTestEmail(argument, candidate);
      if (!result.isSent) {
        console.error(result.message);
        process.exitCode = 1;
      } else console.log(result.message);
    });
  }
  fail(`unknown settings command ${what}\n\n${USAGE}`);
}

function workspacesCommand(): Promise<void> {
  return withAdmin(async (admin) => {
    const rows = await admin.listWorkspaces();
    if (rows.length === 0) return console.log('No workspace on this hub yet: create one with bootstrap.');
    for (const row of rows) {
      console.log(
        `${row.workspaceId}  ${row.organizationName} / ${row.workspaceName}  ${PLAN_LABELS[row.plan]}  ${row.activeMembers} active, ${row.pendingMembers} pending`,
      );
    }
  });
}

function planCommand(): Promise<void> {
  const [, workspaceId, plan] = positionals;
  if (!workspaceId || !plan) fail(`plan needs a workspace id (see workspaces) and a plan\n\n${USAGE}`);
  const parsedPlan = planSchema.safeParse(plan);
  if (!parsedPlan.success) fail(parsedPlan.error.issues[0]?.message ?? 'Choose a plan');
  return withAdmin(async (admin) => {
    if (!values.yes) {
      const effects = await admin.planChangeEffects(workspaceId, parsedPlan.data);
      console.log(effects.sentences.join('\n'));
      if (effects.from !== effects.to) console.log('\nNothing was changed. Run the same command with --yes to apply it.');
      return;
    }
    const effects = await admin.setPlan(workspaceId, parsedPlan.data);
    console.log(`${effects.sentences.join('\n')}\n\n${effects.from === effects.to ? 'Nothing was changed.' : 'Done.'}`);
  });
}

function twoStepCommand(): Promise<void> {
  const [, what, email] = positionals;
  if (what !== 'reset' || !email) fail(`two-step reset needs the person's email address\n\n${USAGE}`);
  return withAdmin(async (admin) => {
    const effects = values.yes ? await admin.resetTwoStep(email) : await admin.twoStepResetEffects(email);
    console.log(effects.sentences.join('\n'));
    if (!effects.isEnabled) return;
    console.log(values.yes ? '\nDone.' : '\nNothing was changed. Run the same command with --yes to reset it.');
  });
}

async function backupCommand(): Promise<void> {
  if (!values.to) fail(`backup needs --to, the folder to put it in\n\n${USAGE}`);
  const made = await backupHubData(values.data, values.to);
  console.log(`Backed up ${made.files.join(' and ')} to ${made.folder}`);
}

function restoreCommand(): void {
  if (!values.from) fail(`restore needs --from, the backup folder\n\n${USAGE}`);
  const restored = restoreHubData(values.from, values.data);
  console.log(`Restored ${restored.files.join(' and ')} into ${restored.folder}; start the hub with --data ${restored.folder}`);
}

/**
 * For tests only, so kept out of the usage text: GATEHOUSE_PRESENCE_LEASE_MS
 * shortens the presence lease of a hub on PostgreSQL (renewed three times per
 * lease, as by default), so a test that kills an instance sees its members go
 * offline within seconds (hub/cluster-faults.test.ts). Unset: the defaults
 * (hub/cluster/presence-leases.ts), which operators have no reason to change.
 */
function presenceLeaseTimesForTests(): PresenceLeaseTimes | undefined {
  const text = process.env['GATEHOUSE_PRESENCE_LEASE_MS'];
  if (text === undefined || text === '') return undefined;
  const leaseMs = Number(text);
  if (!Number.isInteger(leaseMs) || leaseMs < 300) fail(`GATEHOUSE_PRESENCE_LEASE_MS must be a whole number of milliseconds, at least 300, not ${text}`);
  return { leaseMs, renewEveryMs: Math.round(leaseMs / 3) };
}

async function serve(): Promise<void> {
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) fail(`--port must be a number from 0 to 65535, not ${values.port}`);
  const smtpUrl = values['smtp-url'] ?? process.env['GATEHOUSE_SMTP_URL'];
  const trustedProxies = values['trusted-proxy'] ?? [];
  try {
    new ClientAddressResolver(trustedProxies);
    new MetricsAccess({ allow: values['metrics-allow'] ?? [] });
  } catch (error) {
    fail(error instanceof Error ? error.message : String(error));
  }
  const database = databaseUrl();
  const presenceLeaseTimes = presenceLeaseTimesForTests();
  const hub = await startHub({
    dataDir: values.data,
    ...(database === undefined ? {} : { database }),
    ...(values['two-step-key'] ? { twoStepKeyFile: values['two-step-key'] } : {}),
    host: values.host,
    port,
    ...(values['public-url'] ? { publicUrl: values['public-url'] } : {}),
    allowedOrigins: values['allowed-origin'] ?? [],
    trustedProxies,
    metrics: { allow: values['metrics-allow'] ?? [], ...(process.env['GATEHOUSE_METRICS_TOKEN'] ? { token: process.env['GATEHOUSE_METRICS_TOKEN'] } : {}) },
    mail: smtpUrl ? { smtpUrl, from: values['mail-from'] ?? process.env['GATEHOUSE_MAIL_FROM'] ?? DEFAULT_MAIL_FROM } : null,
    ...(presenceLeaseTimes === undefined ? {} : { presenceLeaseTimes }),
  });
  const stop = (): void => {
    // Nobody waits for the signal's handler: a failed stop is reported and the process still ends.
    void hub.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(`gatehouse hub: could not stop cleanly: ${error instanceof Error ? error.message : String(error)}`);
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

const command = positionals[0] ?? 'serve';
try {
  if (values.help) console.log(USAGE);
  else if (command === 'bootstrap') await bootstrap();
  else if (command === 'serve') await serve();
  else if (command === 'settings') await settingsCommand();
  else if (command === 'workspaces') await workspacesCommand();
  else if (command === 'plan') await planCommand();
  else if (command === 'two-step') await twoStepCommand();
  else if (command === 'backup') await backupCommand();
  else if (command === 'restore') restoreCommand();
  else if (command === 'migrate') process.exitCode = await migrateCommand({ data: values.data, database: databaseUrl(), twoStepKey: values['two-step-key'] });
  else fail(`unknown command ${command}\n\n${USAGE}`);
} catch (error) {
  // A data folder the hub cannot use is for the person to fix: one line, no stack trace.
  if (error instanceof HubDataFolderError || error instanceof HubBackupError || error instanceof InvalidDatabaseUrlError) fail(error.message);
  throw error;
}
