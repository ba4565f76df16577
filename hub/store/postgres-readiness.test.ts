// Issue 14.1/14.5: /readyz of a hub on PostgreSQL says whether the database
// answers and holds every migration this build ships (drizzle's record of
// them is drizzle.__drizzle_migrations there); and the hub's two-step key is
// the file it was told to use, so instances on one database can share it.
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TWO_STEP_KEY_FILE } from '../auth/two-step-secret-box';
import { codeAt, twoStepCalls } from '../two-step-fixtures';
import { startPostgresServer, type PostgresServer } from '../testing/postgres-server';
import { OWNER_PASSWORD, startTestHub } from '../testing/test-hub';

let server: PostgresServer;
const folders: string[] = [];

beforeAll(async () => {
  server = await startPostgresServer();
}, 60_000);
afterAll(async () => {
  await server.stop();
  for (const folder of folders) rmSync(folder, { recursive: true, force: true });
}, 60_000);

async function readyz(url: string): Promise<{ status: number; body: { ok: boolean; reason?: string } }> {
  const response = await fetch(`${url}/readyz`, { headers: { connection: 'close' } });
  return { status: response.status, body: (await response.json()) as { ok: boolean; reason?: string } };
}

describe('issue 14.1: a hub on PostgreSQL', () => {
  it('issue 14.5: is ready with every migration applied, and not once one is missing from the database', async () => {
    const database = await server.createDatabase('readiness');
    const hub = await startTestHub({ database });
    try {
      expect(await readyz(hub.hub.url)).toMatchObject({ status: 200, body: { ok: true } });
      expect(existsSync(join(hub.dataDir, 'hub.sqlite'))).toBe(false);
      const client = new pg.Client({ connectionString: database });
      await client.connect();
      try {
        await client.query('DELETE FROM drizzle.__drizzle_migrations WHERE id = (SELECT max(id) FROM drizzle.__drizzle_migrations)');
      } finally {
        await client.end();
      }
      const answer = await readyz(hub.hub.url);
      expect(answer.status).toBe(503);
      expect(answer.body.reason).toMatch(/1 of \d+ migrations are not applied/);
    } finally {
      await hub.stop();
    }
  });

  it('issue 13.5: seals authenticator secrets with the key file it is given (made 0600), which a second hub on the database opens', async () => {
    const database = await server.createDatabase('shared_key');
    const keyFolder = mkdtempSync(join(tmpdir(), 'gatehouse-key-'));
    folders.push(keyFolder);
    const twoStepKeyFile = join(keyFolder, 'shared.key');
    const first = await startTestHub({ database, twoStepKeyFile });
    const clock = { now: Date.UTC(2031, 2, 3, 9, 0, 5) };
    let secret: string;
    try {
      const token = (await first.signIn(first.ownerEmail, OWNER_PASSWORD)).token;
      const calls = twoStepCalls(first);
      secret = String((await calls.enrol(token, OWNER_PASSWORD)).body['secret']);
      expect((await calls.confirm(token, codeAt(secret, Date.now()))).status).toBe(200);
      expect(statSync(twoStepKeyFile).mode & 0o777).toBe(0o600);
      expect(existsSync(join(first.dataDir, TWO_STEP_KEY_FILE))).toBe(false);
    } finally {
      await first.stop();
    }
    // Another instance: its own data folder, the same database and a copy of the same key.
    const second = await startTestHub({ database, twoStepKeyFile, now: () => clock.now });
    try {
      const pending = await fetch(`${second.hub.url}/api/sign-in`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', connection: 'close' },
        body: JSON.stringify({ email: second.ownerEmail, password: OWNER_PASSWORD }),
      });
      const token = ((await pending.json()) as { error: { secondStep: { token: string } } }).error.secondStep.token;
      clock.now = Date.now() + 60_000;
      expect((await twoStepCalls(second).secondStep(token, codeAt(secret, clock.now))).status).toBe(200);
    } finally {
      await second.stop();
    }
  });
});
