// Issue 14.5: /readyz says whether the hub's store answers and holds every
// migration this build ships; a file missing the newest is not ready.
import { cpSync, mkdtempSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { HUB_DATABASE_FILE } from '../server/hub';
import type { TestHub } from '../testing';
import { startTestHub } from '../testing';
import { DEFAULT_HUB_MIGRATIONS_DIR } from './database';
import { openHubStore } from './hub-store';
import { sqliteReadiness } from './readiness';

const folders: string[] = [];
let hub: TestHub | null = null;

afterEach(async () => {
  await hub?.stop();
  hub = null;
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

function temporaryFolder(): string {
  const folder = mkdtempSync(join(tmpdir(), 'gatehouse-readiness-'));
  folders.push(folder);
  return folder;
}

/** The shipped migrations without the newest, as an older build had them. */
function migrationsOfAnOlderBuild(): { folder: string; newest: string } {
  const folder = join(temporaryFolder(), 'migrations');
  cpSync(DEFAULT_HUB_MIGRATIONS_DIR, folder, { recursive: true });
  const journalFile = join(folder, 'meta', '_journal.json');
  const journal = JSON.parse(readFileSync(journalFile, 'utf8')) as { entries: Array<{ tag: string }> };
  const newest = journal.entries.pop()?.tag ?? '';
  writeFileSync(journalFile, JSON.stringify(journal));
  unlinkSync(join(folder, `${newest}.sql`));
  return { folder, newest };
}

async function readyz(url: string): Promise<{ status: number; body: { ok: boolean; reason?: string } }> {
  const response = await fetch(`${url}/readyz`, { headers: { connection: 'close' } });
  return { status: response.status, body: (await response.json()) as { ok: boolean; reason?: string } };
}

describe('issue 14.5: readiness', () => {
  it('issue 14.5: a file an older build migrated is not ready for this one until the newest migration is applied', async () => {
    const file = join(temporaryFolder(), HUB_DATABASE_FILE);
    const older = migrationsOfAnOlderBuild();
    await openHubStore(file, older.folder).close();
    const readiness = sqliteReadiness(file);
    try {
      expect(await readiness.check()).toEqual({ isReady: false, reason: expect.stringMatching(/^1 of \d+ migrations are not applied$/) });
      // This build opening it applies the rest.
      await openHubStore(file).close();
      expect(await readiness.check()).toEqual({ isReady: true });
    } finally {
      readiness.close();
    }
  });

  it('issue 14.5: a running hub answers /readyz 200, and 503 with a short reason once its file lacks a migration', async () => {
    hub = await startTestHub();
    expect(await readyz(hub.hub.url)).toEqual({ status: 200, body: { ok: true } });
    expect((await fetch(`${hub.hub.url}/healthz`)).status).toBe(200);
    // Another process rolls the file's record back by one migration, as a restore from an older build's copy would.
    const other = new Database(join(hub.dataDir, HUB_DATABASE_FILE));
    other.prepare('DELETE FROM __drizzle_migrations WHERE created_at = (SELECT MAX(created_at) FROM __drizzle_migrations)').run();
    other.close();
    const { status, body } = await readyz(hub.hub.url);
    expect(status).toBe(503);
    expect(body).toEqual({ ok: false, reason: expect.stringMatching(/^1 of \d+ migrations are not applied$/) });
  });
});
