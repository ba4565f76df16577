// Issue 9, item 8: exports the web console serves are the owner's only while
// they wait (0700 folder, 0600 file, whatever the umask; modes are asserted,
// since tests run as root), and are deleted once downloaded or when their
// time is up (ten minutes; shortened here).
import { existsSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DesktopPorts, ExportTarget } from '../core/desktop-ports';
import { DOWNLOAD_TTL_MS } from './downloads';
import { createNodePorts, downloadsDirOf } from './node-ports';
import type { WebConsole } from './web-console';
import { startWebConsole } from './web-console';

const modeOf = (path: string): number => statSync(path).mode & 0o777;
const app = { name: 'Gatehouse', version: 'test' };
const logger = pino({ level: 'silent' });

let base: string;
let dataDir: string;
let webConsole: WebConsole | undefined;
let previousUmask: number;

beforeEach(async () => {
  previousUmask = process.umask(0o022);
  base = await mkdtemp(join(tmpdir(), 'gatehouse-downloads-'));
  dataDir = join(base, 'data');
});

afterEach(async () => {
  await webConsole?.close();
  webConsole = undefined;
  process.umask(previousUmask);
  await rm(base, { recursive: true, force: true });
});

/** What the core does with a download target: write the CSV into it (the CSV writer opens it with flags 'w'). */
async function exportTo(ports: DesktopPorts): Promise<Extract<ExportTarget, { kind: 'download' }>> {
  const target = await ports.chooseExportTarget('Support members 2026-11-30.csv');
  if (target?.kind !== 'download') throw new Error('expected a download');
  writeFileSync(target.path, 'Name,Email\r\nAda,ada@customer.example\r\n', { flag: 'w' });
  return target;
}

async function signIn(console: WebConsole): Promise<string> {
  const response = await fetch(console.url, { redirect: 'manual' });
  return (response.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
}

async function until(condition: () => boolean, timeoutMs = 3_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('web console downloads', () => {
  it('issue 9.8: an export waits in a 0700 folder as a 0600 file, inside a 0700 data folder (narrowed if it was 0755)', async () => {
    await mkdir(dataDir, { mode: 0o755 });
    const target = await exportTo(createNodePorts(dataDir, logger, app));
    expect(modeOf(target.path)).toBe(0o600);
    expect(modeOf(join(target.path, '..'))).toBe(0o700);
    expect(modeOf(downloadsDirOf(dataDir))).toBe(0o700);
    expect(modeOf(dataDir)).toBe(0o700);
  });

  it('issue 9.8: an export is deleted once it has been downloaded, and cannot be fetched again', async () => {
    const ports = createNodePorts(dataDir, logger, app);
    webConsole = await startWebConsole({ rendererDir: join(base, 'renderer'), downloadsDir: downloadsDirOf(dataDir) });
    const cookie = await signIn(webConsole);
    const target = await exportTo(ports);

    const response = await fetch(`${webConsole.origin}${target.url}`, { headers: { cookie } });
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(response.headers.get('content-disposition')).toMatch(/^attachment/);
    expect(await response.text()).toContain('ada@customer.example');
    await until(() => !existsSync(target.path));
    expect(readdirSync(downloadsDirOf(dataDir))).toEqual([]);
    expect((await fetch(`${webConsole.origin}${target.url}`, { headers: { cookie } })).status).toBe(404);
  });

  it('issue 9.8: an export nobody downloads is deleted when its time is up (10 minutes by default)', async () => {
    expect(DOWNLOAD_TTL_MS).toBe(10 * 60_000);
    const target = await exportTo(createNodePorts(dataDir, logger, app, { downloadTtlMs: 100 }));
    expect(existsSync(target.path)).toBe(true);
    await until(() => !existsSync(join(target.path, '..')));
  });

  it('issue 9.8: exports left by a previous run are deleted when the console starts', async () => {
    const leftover = join(downloadsDirOf(dataDir), 'f'.repeat(32));
    await mkdir(leftover, { recursive: true });
    await writeFile(join(leftover, 'old.csv'), 'ada@customer.example');
    createNodePorts(dataDir, logger, app);
    expect(existsSync(leftover)).toBe(false);
  });
});
