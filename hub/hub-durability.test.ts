// Issue 9, item 10: the hub says "done" only for what survives a power cut.
// In WAL mode, synchronous=NORMAL survives a crashed process but may lose the
// last commits when the machine stops; FULL syncs the log on every commit.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { HUB_DATABASE_FILE } from './server/hub';
import { openHubDatabase } from './store/database';

// SQLite's numbering of PRAGMA synchronous.
const SYNCHRONOUS_FULL = 2;

let dataDir: string;
beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'gatehouse-durable-'));
});
afterEach(() => rm(dataDir, { recursive: true, force: true }));

describe('hub durability', () => {
  it('issue 9.10: the hub database commits through the WAL with synchronous=FULL', () => {
    // The file the hub opens, the way it opens it (startHub -> openHubStore -> openHubDatabase).
    const { sqlite } = openHubDatabase(join(dataDir, HUB_DATABASE_FILE));
    try {
      expect(sqlite.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(sqlite.pragma('synchronous', { simple: true })).toBe(SYNCHRONOUS_FULL);
    } finally {
      sqlite.close();
    }
  });
});
