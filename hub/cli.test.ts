// The hub run alone from the command line: bootstrap headless, serve, sign
// in, and stop cleanly on SIGTERM.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

const require = createRequire(import.meta.url);
const tsx = require.resolve('tsx/cli');
const cli = join(import.meta.dirname, 'cli.ts');
let dataDir: string;

beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'gatehouse-cli-'));
});
afterEach(() => rm(dataDir, { recursive: true, force: true }));

function runCli(args: string[], env: Record<string, string> = {}, input?: string) {
  return spawnSync(process.execPath, [tsx, cli, ...args], { encoding: 'utf8', env: { ...process.env, ...env }, input, timeout: 30_000 });
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
