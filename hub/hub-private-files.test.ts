// Issue 9, item 8: the hub's data folder and database files are readable by
// their owner only, whatever the umask, including files an older version left
// wider. (The mode bits are what is asserted: tests run as root, which reads
// anything, but another user account would be kept out by exactly these bits.)
import { chmodSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { HUB_DATABASE_FILE } from './server/hub';
import type { TestHub } from './testing/test-hub';
import { OWNER_PASSWORD, startTestHub } from './testing/test-hub';

const modeOf = (path: string): number => statSync(path).mode & 0o777;

let base: string;
let hub: TestHub | undefined;
let previousUmask: number;

beforeEach(async () => {
  // The usual umask of a desktop session: without care, files come out 0644 and folders 0755.
  previousUmask = process.umask(0o022);
  base = await mkdtemp(join(tmpdir(), 'gatehouse-private-hub-'));
});

afterEach(async () => {
  await hub?.stop();
  hub = undefined;
  process.umask(previousUmask);
  await rm(base, { recursive: true, force: true });
});

describe('the hub keeps its data private', () => {
  it('issue 9.8: creates its data folder 0700 and the database with its -wal and -shm 0600, checked after a write', async () => {
    const dataDir = join(base, 'new', 'hub');
    hub = await startTestHub({ dataDir });
    const owner = await hub.connect(hub.ownerEmail, OWNER_PASSWORD);
    await owner.mutate('contact.create', { name: 'Carla Contact', phone: null, email: 'carla@customer.example', assigneeId: null, teamId: null });

    expect(modeOf(dataDir)).toBe(0o700);
    expect(modeOf(join(base, 'new'))).toBe(0o700);
    for (const suffix of ['', '-wal', '-shm']) expect(modeOf(join(dataDir, `${HUB_DATABASE_FILE}${suffix}`)), `${HUB_DATABASE_FILE}${suffix}`).toBe(0o600);
  });

  it('issue 9.8: narrows a data folder and files left 0755/0644 by an older version', async () => {
    const dataDir = join(base, 'old');
    hub = await startTestHub({ dataDir });
    await hub.hub.close();
    mkdirSync(dataDir, { recursive: true });
    chmodSync(dataDir, 0o755);
    for (const suffix of ['', '-wal', '-shm']) {
      const file = join(dataDir, `${HUB_DATABASE_FILE}${suffix}`);
      writeFileSync(file, '', { flag: 'a' });
      chmodSync(file, 0o644);
    }

    hub = await hub.restart();
    expect(modeOf(dataDir)).toBe(0o700);
    for (const suffix of ['', '-wal', '-shm']) expect(modeOf(join(dataDir, `${HUB_DATABASE_FILE}${suffix}`)), `${HUB_DATABASE_FILE}${suffix}`).toBe(0o600);
  });
});
