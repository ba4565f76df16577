// The hub run alone from the command line: bootstrap headless, serve, sign
// in, and stop cleanly on SIGTERM; and the operator's settings, workspaces
// and plans (issue 11.6), on a stopped hub's folder and on a running one; the
// operator's reset of a person's second step of sign-in (issue 13.5).
import { spawn, spawnSync } from 'node:child_process';
import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { NO_RESTRICTIONS } from '../shared/policy';
import type { SmtpSink } from './testing/smtp-sink';
import { startSmtpSink } from './testing/smtp-sink';
import { TestClient } from './testing/test-client';
import { startTestHub } from './testing/test-hub';
import { HUB_DATABASE_FILE } from './server/hub';
import { openHubStore } from './store/hub-store';
import { turnOn } from './two-step-fixtures';

const require = createRequire(import.meta.url);
const tsx = require.resolve('tsx/cli');
const cli = join(import.meta.dirname, 'cli.ts');
let dataDir: string;
/** Each command starts a Node process with tsx (2-3 s on a busy machine); these tests run several. */
const CLI_TEST_TIMEOUT_MS = 90_000;

beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'gatehouse-cli-'));
});
afterEach(() => rm(dataDir, { recursive: true, force: true }));

function runCli(args: string[], env: Record<string, string> = {}, input?: string) {
  return spawnSync(process.execPath, [tsx, cli, ...args], { encoding: 'utf8', env: { ...process.env, ...env }, input, timeout: 30_000 });
}

/** The same without blocking this process, for commands that talk to a server running in it (the SMTP sink). */
function runCliAsync(args: string[]): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [tsx, cli, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.once('error', reject);
    child.once('exit', (status) => resolve({ status, stdout, stderr }));
  });
}

/** Serves the data folder in a child process; resolves with its address once it listens. */
async function serveHub(args: string[] = []): Promise<{ server: ChildProcessWithoutNullStreams; url: string }> {
  const server = spawn(process.execPath, [tsx, cli, '--data', dataDir, '--port', '0', ...args], { stdio: ['pipe', 'pipe', 'pipe'] });
  const url = await new Promise<string>((resolve, reject) => {
    let output = '';
    server.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /"url":"(http:\/\/127\.0\.0\.1:\d+)"/.exec(output);
      if (match?.[1]) resolve(match[1]);
    });
    server.once('exit', () => reject(new Error(`hub exited: ${output}`)));
  });
  return { server, url };
}

async function stopHub(server: ChildProcessWithoutNullStreams): Promise<void> {
  const exited = new Promise<void>((resolve) => server.once('exit', () => resolve()));
  server.kill('SIGTERM');
  await exited;
}

async function closedPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

const bootstrapArgs = (email: string) => [
  'bootstrap',
  '--data',
  dataDir,
  '--organization',
  'Acme',
  '--workspace',
  'Support',
  '--plan',
  'advanced',
  '--owner-email',
  email,
  '--owner-name',
  'Ada Owner',
];

describe('hub command line', () => {
  it('bootstraps a workspace headless, then serves it and signs its Owner in', async () => {
    const created = runCli(bootstrapArgs('ada@example.com'), { GATEHOUSE_OWNER_PASSWORD: 'a-long-password' });
    expect(created.status).toBe(0);
    const ids = JSON.parse(created.stdout) as { workspaceId: string };

    const server = spawn(process.execPath, [tsx, cli, '--data', dataDir, '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
    const url = await new Promise<string>((resolve, reject) => {
      let output = '';
      server.stdout.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        const match = /"url":"(http:\/\/127\.0\.0\.1:\d+)"/.exec(output);
        if (match?.[1]) resolve(match[1]);
      });
      server.once('exit', () => reject(new Error(`hub exited: ${output}`)));
    });
    const response = await fetch(`${url}/api/sign-in`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'ada@example.com', password: 'a-long-password' }),
    });
    expect(await response.json()).toMatchObject({ workspaces: [{ workspaceId: ids.workspaceId, level: 'owner' }] });

    const exited = new Promise<number | null>((resolve) => server.once('exit', (code) => resolve(code)));
    server.kill('SIGTERM');
    expect(await exited).toBe(0);
  });

  it('reads the Owner’s password from standard input', () => {
    const created = runCli([...bootstrapArgs('stdin@example.com'), '--password-stdin'], {}, 'from-standard-input\n');
    expect(created.status).toBe(0);
  });

  it('refuses bad input with a clear message and creates nothing', () => {
    const bad = runCli([...bootstrapArgs('not-an-email')], { GATEHOUSE_OWNER_PASSWORD: 'a-long-password' });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('ownerEmail: Enter a valid email address');
    const short = runCli([...bootstrapArgs('ok@example.com')], { GATEHOUSE_OWNER_PASSWORD: 'short' });
    expect(short.stderr).toContain('A password needs at least 10 characters');
  });

  it('issue 9.2: refuses a --trusted-proxy that is not an address or subnet, in plain words', () => {
    const refused = runCli(['--data', dataDir, '--port', '0', '--trusted-proxy', '10.0.0.0/8', '--trusted-proxy', 'proxy.example']);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toContain('--trusted-proxy needs an IP address or subnet (like 10.0.0.0/8), not "proxy.example"');
  });
});

describe('hub command line: the operator’s settings, workspaces and plans', () => {
  let sink: SmtpSink;
  let workspaceId: string;

  beforeEach(async () => {
    sink = await startSmtpSink();
    const created = runCli(bootstrapArgs('ada@example.com'), { GATEHOUSE_OWNER_PASSWORD: 'a-long-password' });
    expect(created.status).toBe(0);
    workspaceId = (JSON.parse(created.stdout) as { workspaceId: string }).workspaceId;
  });
  afterEach(() => sink.close());

  it('issue 11.6: settings mail stores the SMTP server, show never prints the password, test-email uses it, --clear turns it off', async () => {
    const saved = runCli([
      'settings', 'mail', '--data', dataDir, '--smtp-url', `smtp://hub%40example.com:smtp-secret-1@127.0.0.1:${sink.port}`,
      '--smtp-security', 'none', '--mail-from', 'Gatehouse <hub@example.com>',
    ]);
    expect(saved.status).toBe(0);
    const shown = runCli(['settings', 'show', '--data', dataDir]);
    expect(shown.stdout).toContain(`Invitation email: 127.0.0.1:${sink.port}, no encryption, user hub@example.com, password stored, from Gatehouse <hub@example.com>`);
    expect(shown.stdout).toContain('--smtp-url, --mail-from and --public-url given to serve win over these settings.');
    expect(`${saved.stdout}${shown.stdout}${shown.stderr}`).not.toContain('smtp-secret-1');

    // The sink takes mail without signing in: store the server again without a user, then send through it.
    runCli(['settings', 'mail', '--data', dataDir, '--smtp-url', `smtp://127.0.0.1:${sink.port}`, '--smtp-security', 'none', '--mail-from', 'hub@example.com']);
    const tested = await runCliAsync(['settings', 'test-email', 'ops@example.com', '--data', dataDir]);
    expect(tested.stdout).toContain(`The test email to ops@example.com was accepted by the mail server at 127.0.0.1:${sink.port}.`);
    expect(tested.status).toBe(0);
    expect(await sink.next()).toMatchObject({ to: 'ops@example.com', subject: 'Gatehouse test email' });

    const port = await closedPort();
    const failed = await runCliAsync(['settings', 'test-email', 'ops@example.com', '--data', dataDir, '--smtp-url', `smtp://127.0.0.1:${port}`, '--mail-from', 'hub@example.com']);
    expect(failed.status).toBe(1);
    expect(failed.stderr).toContain(`Nothing answered at 127.0.0.1:${port}: check the server’s name and port, and that it is running.`);

    const cleared = runCli(['settings', 'mail', '--clear', '--data', dataDir]);
    expect(cleared.stdout).toContain('Invitation email: not set: invitation links are handed to the inviter to pass on');
  }, CLI_TEST_TIMEOUT_MS);

  it('issue 11.6: settings public-url is stored and shown; a bad one is refused in plain words', () => {
    expect(runCli(['settings', 'public-url', 'https://gatehouse.example.com/', '--data', dataDir]).stdout).toContain('Public address:   https://gatehouse.example.com');
    const bad = runCli(['settings', 'public-url', 'gatehouse.example.com', '--data', dataDir]);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('Enter the address people use to reach the hub, like https://gatehouse.example.com');
    expect(runCli(['settings', 'show', '--data', dataDir]).stdout).toContain('Public address:   https://gatehouse.example.com');
  }, CLI_TEST_TIMEOUT_MS);

  it('issue 11.6: workspaces lists each workspace; plan says what it does and applies only with --yes', () => {
    expect(runCli(['workspaces', '--data', dataDir]).stdout).toContain(`${workspaceId}  Acme / Support  Advanced  1 active, 0 pending`);
    const preview = runCli(['plan', workspaceId, 'growth', '--data', dataDir]);
    expect(preview.status).toBe(0);
    expect(preview.stdout).toContain('Support moves from the Advanced plan to Growth.');
    expect(preview.stdout).toContain('no Agent has it switched on');
    expect(preview.stdout).toContain('Nothing was changed. Run the same command with --yes to apply it.');
    expect(runCli(['workspaces', '--data', dataDir]).stdout).toContain('Advanced');

    const applied = runCli(['plan', workspaceId, 'growth', '--yes', '--data', dataDir]);
    expect(applied.stdout).toContain('Done.');
    expect(runCli(['workspaces', '--data', dataDir]).stdout).toContain(`${workspaceId}  Acme / Support  Growth`);
    const unknown = runCli(['plan', 'no-such-workspace', 'growth', '--yes', '--data', dataDir]);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain('There is no workspace no-such-workspace on this hub.');
  }, CLI_TEST_TIMEOUT_MS);

  it('issue 11.6: on a running hub, settings mail applies to the next invitation and a plan reaches connected desktops, without a restart', async () => {
    const { server, url } = await serveHub();
    try {
      const signIn = await fetch(`${url}/api/sign-in`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: 'ada@example.com', password: 'a-long-password' }),
      });
      const { token } = (await signIn.json()) as { token: string };
      const owner = await TestClient.open(`${url.replace(/^http/, 'ws')}/ws`, token, workspaceId);
      await owner.subscribe(null);
      const invite = (email: string) => ({ input: { email, level: 'agent', restrictions: { ...NO_RESTRICTIONS } } });
      expect((await owner.mutate('member.invite', invite('before@example.com'))).isEmailed).toBe(false);

      const saved = await runCliAsync(['settings', 'mail', '--data', dataDir, '--smtp-url', `smtp://127.0.0.1:${sink.port}`, '--smtp-security', 'none', '--mail-from', 'hub@example.com']);
      expect(saved.status).toBe(0);
      expect((await owner.mutate('member.invite', invite('after@example.com'))).isEmailed).toBe(true);
      expect((await sink.next()).to).toBe('after@example.com');

      const applied = await runCliAsync(['plan', workspaceId, 'growth', '--yes', '--data', dataDir]);
      expect(applied.status).toBe(0);
      const fresh = await owner.waitFor('snapshot', (message) => message.snapshot.workspace.plan === 'growth', 10_000);
      expect(fresh.snapshot.workspace.plan).toBe('growth');
      owner.close();
    } finally {
      await stopHub(server);
    }
  }, CLI_TEST_TIMEOUT_MS);
});

describe("issue 13.5: the operator resets a person's second step", () => {
  it('issue 13.5: two-step reset says what it does, changes nothing without --yes, and with it resets and records it in the audit log', async () => {
    const created = runCli(bootstrapArgs('ada@example.com'), { GATEHOUSE_OWNER_PASSWORD: 'a-long-password' });
    const { workspaceId } = JSON.parse(created.stdout) as { workspaceId: string };
    const clock = { now: Date.now() };
    const running = Object.assign(await startTestHub({ dataDir, now: () => clock.now }), { clock });
    const { token } = await running.signIn('ada@example.com', 'a-long-password');
    await turnOn(running, token, 'a-long-password');
    await running.stop();

    const preview = runCli(['two-step', 'reset', 'ada@example.com', '--data', dataDir]);
    expect(preview.status).toBe(0);
    expect(preview.stdout).toContain('Ada Owner (ada@example.com) has two-step sign-in on.');
    expect(preview.stdout).toContain('The reset is recorded in the audit log of: Support.');
    expect(preview.stdout).toContain('Nothing was changed. Run the same command with --yes to reset it.');
    const store = openHubStore(join(dataDir, HUB_DATABASE_FILE));
    try {
      const personId = (await store.people.byEmail('ada@example.com'))?.id ?? '';
      expect(await store.twoStep.isEnabled(personId)).toBe(true);

      const applied = runCli(['two-step', 'reset', 'ada@example.com', '--yes', '--data', dataDir]);
      expect(applied.status).toBe(0);
      expect(applied.stdout).toContain('Done.');
      expect(await store.twoStep.isEnabled(personId)).toBe(false);
      expect((await store.audit.all(workspaceId)).filter((entry) => entry.action === 'two_step.reset')).toEqual([
        expect.objectContaining({ actorMemberId: null, targetName: 'Ada Owner', before: { twoStep: 'on' }, after: { twoStep: 'off', by: 'operator' } }),
      ]);
    } finally {
      await store.close();
    }
    expect(runCli(['two-step', 'reset', 'ada@example.com', '--yes', '--data', dataDir]).stdout).toContain('does not have two-step sign-in on: there is nothing to reset.');
    const unknown = runCli(['two-step', 'reset', 'nobody@example.com', '--data', dataDir]);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain('There is no account with the address nobody@example.com on this hub.');
  }, CLI_TEST_TIMEOUT_MS);
});
