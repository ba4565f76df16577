// Issue 9, item 12: a data folder the hub cannot use is one clear sentence,
// from startHub and from `npm run hub -- --data <folder>`, not a stack trace.
// Tests run as root, which may write anywhere a mode bit forbids, so the bad
// folders here fail for root too: a path that runs through a regular file
// (ENOTDIR) and a regular file where the folder should be (EEXIST). They take
// the same path as a folder this user may not write (EACCES), an SQLite file
// that cannot be opened, or a read-only disk.
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { HUB_DATABASE_FILE, startHub } from './server/hub';
import { HubDataFolderError } from './store/database';

const require = createRequire(import.meta.url);
const tsx = require.resolve('tsx/cli');
const cli = join(import.meta.dirname, 'cli.ts');

let base: string;
beforeEach(async () => {
  base = await mkdtemp(join(tmpdir(), 'gatehouse-bad-data-'));
  writeFileSync(join(base, 'a-file'), 'not a folder');
});
afterEach(() => rm(base, { recursive: true, force: true }));

describe('a data folder the hub cannot use', () => {
  it('issue 9.12: a path through a file is refused with a plain sentence', async () => {
    const dataDir = join(base, 'a-file', 'hub');
    const starting = startHub({ dataDir, port: 0, logger: pino({ level: 'silent' }) });
    await expect(starting).rejects.toThrow(HubDataFolderError);
    await expect(starting).rejects.toThrow(`The hub cannot use its data folder ${dataDir}: part of that path is a file, not a folder.`);
  });

  it('issue 9.12: a file where the folder should be is refused with a plain sentence', async () => {
    const dataDir = join(base, 'a-file');
    await expect(startHub({ dataDir, port: 0, logger: pino({ level: 'silent' }) })).rejects.toThrow(
      `The hub cannot use its data folder ${dataDir}: a file is already there where a folder should be.`,
    );
  });

  it('issue 9.12: a folder where the database file should be is refused with a plain sentence', async () => {
    const dataDir = join(base, 'data');
    mkdirSync(join(dataDir, HUB_DATABASE_FILE), { recursive: true });
    await expect(startHub({ dataDir, port: 0, logger: pino({ level: 'silent' }) })).rejects.toThrow(
      `The hub cannot use its data folder ${dataDir}: there is a folder where the file should be.`,
    );
  });

  it('issue 9.12: `npm run hub -- --data <bad>` prints one line and exits with an error', () => {
    const dataDir = join(base, 'a-file', 'hub');
    const run = spawnSync(process.execPath, [tsx, cli, '--data', dataDir, '--port', '0'], { encoding: 'utf8', timeout: 30_000 });
    expect(run.status).not.toBe(0);
    expect(run.stderr.trim()).toBe(`gatehouse hub: The hub cannot use its data folder ${dataDir}: part of that path is a file, not a folder.`);
  });
});
