// Issue 14.5: a hub on PostgreSQL is backed up with pg_dump and restored with
// pg_restore, as docs/deploy.md tells the operator; this is that procedure on a
// real server (Debian's binaries, run as the cluster's owner). The restored
// database opens as a hub store, holds every row of the original (the same
// row-for-row check migrate uses) and numbers new audit entries after the old.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPostgresHubStore } from '../store/postgres-store';
import type { PostgresServer } from '../testing';
import { startPostgresServer } from '../testing';
import { findPostgresBinDir } from '../testing/postgres-binaries';
import { migrateToPostgres } from './migrate-to-postgres';
import { digestPostgresHub } from './postgres-rows';
import { compareDigests } from './row-digest';
import type { SqliteHubFacts } from './sqlite-hub-fixture';
import { buildSqliteHub } from './sqlite-hub-fixture';

const run = promisify(execFile);

let server: PostgresServer;
let folder: string;
let facts: SqliteHubFacts;
let originalUrl: string;

/**
 * Runs one of PostgreSQL's programs as the cluster's owner, as the test
 * server runs initdb: through runuser as root (PostgreSQL's files there are
 * the postgres user's), directly otherwise; without the caller's PG* variables.
 */
async function pgTool(program: string, args: string[]): Promise<void> {
  const path = join(findPostgresBinDir(), program);
  const [file, fullArgs] = process.getuid?.() === 0 ? ['runuser', ['-u', 'postgres', '--', path, ...args]] : [path, args];
  const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('PG')));
  await run(file, fullArgs, { cwd: server.folder, env });
}

beforeAll(async () => {
  folder = mkdtempSync(join(tmpdir(), 'gatehouse-pg-backup-'));
  [server, facts] = await Promise.all([startPostgresServer(), buildSqliteHub(join(folder, 'hub'))]);
  originalUrl = await server.createDatabase('original');
  await migrateToPostgres({ dataDir: join(folder, 'hub'), databaseUrl: originalUrl });
  // The hub has run on PostgreSQL since: rows written by the store itself are in the backup too.
  const store = await openPostgresHubStore(originalUrl);
  try {
    await store.audit.insert({ workspaceId: facts.workspaceId, at: Date.now(), actorName: 'Olive', action: 'member.edited', after: { note: 'after the move' } });
    await store.teams.insert({ id: 'team-after-move', workspaceId: facts.workspaceId, name: 'Night shift', createdAt: Date.now() });
  } finally {
    await store.close();
  }
}, 120_000);

afterAll(async () => {
  await server?.stop();
  rmSync(folder, { recursive: true, force: true });
}, 60_000);

describe('issue 14.5: backups of a hub on PostgreSQL', () => {
  it('restores a pg_dump into a new database that serves the same hub, row for row', async () => {
    // In the server's own folder: the programs run as its owner, who may write there.
    const dumpFile = join(server.folder, 'gatehouse-hub.dump');
    await pgTool('pg_dump', ['--format=custom', `--file=${dumpFile}`, `--dbname=${originalUrl}`]);
    const restoredUrl = await server.createDatabase('restored');
    await pgTool('pg_restore', ['--exit-on-error', '--no-owner', `--dbname=${restoredUrl}`, dumpFile]);

    const original = await digestPostgresHub(originalUrl);
    const checks = compareDigests(original, await digestPostgresHub(restoredUrl));
    expect(checks.filter((check) => !check.isSame)).toEqual([]);
    expect(checks.find((check) => check.table === 'teams')?.targetRows).toBeGreaterThanOrEqual(2);

    // The restored database is a current hub: opening it applies nothing and its reads are the original's.
    const restored = await openPostgresHubStore(restoredUrl);
    const source = await openPostgresHubStore(originalUrl);
    try {
      expect(await restored.members.inWorkspace(facts.workspaceId)).toEqual(await source.members.inWorkspace(facts.workspaceId));
      expect((await restored.teams.inWorkspace(facts.workspaceId)).map((team) => team.name)).toContain('Night shift');
      const before = Math.max(...(await restored.audit.all(facts.workspaceId)).map((entry) => entry.id));
      await restored.audit.insert({ workspaceId: facts.workspaceId, at: Date.now(), actorName: 'Olive', action: 'member.edited' });
      expect(Math.max(...(await restored.audit.all(facts.workspaceId)).map((entry) => entry.id))).toBe(before + 1);
    } finally {
      await Promise.all([restored.close(), source.close()]);
    }
  }, 60_000);
});
