// Issue 9, item 8: the desktop's settings and its session token (plaintext
// where the OS has no secret store) are the owner's only: 0600 files in a
// 0700 folder, whatever the umask, including files and folders an older
// version left wider. Modes are asserted (tests run as root, which reads
// anything; another user account is kept out by exactly these bits).
import { chmodSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConfigStore, EMPTY_CONFIG } from './config-store';
import { createFileSecretStore } from './secret-store';

const modeOf = (path: string): number => statSync(path).mode & 0o777;

let base: string;
let previousUmask: number;
beforeEach(async () => {
  previousUmask = process.umask(0o022);
  base = await mkdtemp(join(tmpdir(), 'gatehouse-desktop-files-'));
});
afterEach(async () => {
  process.umask(previousUmask);
  await rm(base, { recursive: true, force: true });
});

/** A data folder and a file as an older version left them: 0755 and 0644. */
function leftWide(folder: string, file: string): void {
  mkdirSync(folder, { recursive: true, mode: 0o755 });
  chmodSync(folder, 0o755);
  writeFileSync(join(folder, file), 'old');
  chmodSync(join(folder, file), 0o644);
}

describe('desktop files', () => {
  it('issue 9.8: the plaintext session token is written 0600 in a 0700 folder', () => {
    const dataDir = join(base, 'new', 'data');
    createFileSecretStore(join(dataDir, 'session.token'), null).save('token-value');
    expect(modeOf(join(dataDir, 'session.token'))).toBe(0o600);
    expect(modeOf(dataDir)).toBe(0o700);
    expect(modeOf(join(base, 'new'))).toBe(0o700);
  });

  it('issue 9.8: a token file and folder left 0644/0755 are narrowed on the next save', () => {
    const dataDir = join(base, 'data');
    leftWide(dataDir, 'session.token');
    const secrets = createFileSecretStore(join(dataDir, 'session.token'), null);
    secrets.save('token-value');
    expect(secrets.load()).toBe('token-value');
    expect(modeOf(join(dataDir, 'session.token'))).toBe(0o600);
    expect(modeOf(dataDir)).toBe(0o700);
  });

  it('issue 9.8: config.json is 0600 in a 0700 folder, even after a crash left its temporary file 0644', () => {
    const dataDir = join(base, 'data');
    leftWide(dataDir, 'config.json.tmp');
    const store = new ConfigStore(join(dataDir, 'config.json'));
    store.write({ ...EMPTY_CONFIG, activeWorkspaceId: 'w1' });
    expect(store.read().activeWorkspaceId).toBe('w1');
    expect(modeOf(join(dataDir, 'config.json'))).toBe(0o600);
    expect(modeOf(dataDir)).toBe(0o700);
  });
});
