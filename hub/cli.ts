// `npm run hub -- [serve] [--port P] [--host H] [--data DIR] ...` runs the hub;
// `npm run hub -- bootstrap ...` creates an organization, a workspace and its
// first Owner without any UI. See the README's "The hub" section.
import { homedir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { displayNameSchema, emailSchema, passwordSchema, planSchema } from '../shared/domain';
import { ClientAddressResolver } from './auth/client-address';
import { bootstrapWorkspace } from './bootstrap';
import { HUB_DATABASE_FILE, startHub } from './server/hub';
import { HUB_DEFAULTS } from './server/hub-options';
import { HubDataFolderError } from './store/database';
import { openHubStore } from './store/hub-store';

const DEFAULT_DATA_DIR = join(homedir(), '.gatehouse', 'hub');

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: {
    port: { type: 'string', default: String(HUB_DEFAULTS.port) },
    host: { type: 'string', default: HUB_DEFAULTS.host },
    data: { type: 'string', default: process.env['GATEHOUSE_HUB_DATA'] ?? DEFAULT_DATA_DIR },
    'public-url': { type: 'string' },
    'allowed-origin': { type: 'string', multiple: true },
    'trusted-proxy': { type: 'string', multiple: true },
    'smtp-url': { type: 'string', default: process.env['GATEHOUSE_SMTP_URL'] },
    'mail-from': { type: 'string', default: process.env['GATEHOUSE_MAIL_FROM'] ?? 'Gatehouse <no-reply@gatehouse.invalid>' },
    organization: { type: 'string' },
    workspace: { type: 'string' },
    plan: { type: 'string', default: 'growth' },
    'owner-email': { type: 'string' },
    'owner-name': { type: 'string' },
    'password-stdin': { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h', default: false },
  },
});

const USAGE = `Gatehouse hub

  npm run hub -- [serve] [--port 4717] [--host 127.0.0.1] [--data ~/.gatehouse/hub]
                 [--public-url URL] [--allowed-origin ORIGIN ...] [--trusted-proxy ADDRESS[/BITS] ...]
                 [--smtp-url smtp://user:pass@host:587 --mail-from "Name <addr>"]
  npm run hub -- bootstrap --organization NAME --workspace NAME [--plan starter|growth|advanced|enterprise]
                 --owner-email EMAIL --owner-name NAME [--password-stdin] [--data DIR]
                 (the Owner's password comes from GATEHOUSE_OWNER_PASSWORD or, with --password-stdin, standard input)

  --trusted-proxy  a reverse proxy in front of the hub (an address, or a subnet like 10.0.0.0/8; repeat
                   for several). Only requests from it have their X-Forwarded-For read, to know the
                   client's address for the limits on password attempts. Without it, X-Forwarded-For is ignored.
`;

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8').replace(/\r?\n$/, '');
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
  const store = openHubStore(join(values.data, HUB_DATABASE_FILE));
  try {
    const created = await bootstrapWorkspace(store, input.data);
    console.log(JSON.stringify({ ...created, dataDir: values.data }, null, 2));
  } catch (error) {
    fail(error instanceof Error ? error.message : String(error));
  } finally {
    store.close();
  }
}

async function serve(): Promise<void> {
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) fail(`--port must be a number from 0 to 65535, not ${values.port}`);
  const smtpUrl = values['smtp-url'];
  const trustedProxies = values['trusted-proxy'] ?? [];
  try {
    new ClientAddressResolver(trustedProxies);
  } catch (error) {
    fail(error instanceof Error ? error.message : String(error));
  }
  const hub = await startHub({
    dataDir: values.data,
    host: values.host,
    port,
    ...(values['public-url'] ? { publicUrl: values['public-url'] } : {}),
    allowedOrigins: values['allowed-origin'] ?? [],
    trustedProxies,
    mail: smtpUrl ? { smtpUrl, from: values['mail-from'] } : null,
  });
  const stop = (): void => {
    void hub.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

const command = positionals[0] ?? 'serve';
try {
  if (values.help) console.log(USAGE);
  else if (command === 'bootstrap') await bootstrap();
  else if (command === 'serve') await serve();
  else fail(`unknown command ${command}\n\n${USAGE}`);
} catch (error) {
  // A data folder the hub cannot use is for the person to fix: one line, no stack trace.
  if (error instanceof HubDataFolderError) fail(error.message);
  throw error;
}
