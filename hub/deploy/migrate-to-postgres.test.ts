// Issue 14.5: `gatehouse-hub migrate` moves a SQLite hub into an empty
// PostgreSQL database (a real server the test starts), checked row for row;
// the moved hub answers the same reads, its counters go on past the copied
// ids, people with two-step sign-in keep it; a database already holding a hub,
// a hub still running on the folder, and a failure midway leave nothing changed.
import { cpSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TWO_STEP_KEY_FILE, TwoStepSecretBox } from '../auth/two-step-secret-box';
import { HUB_DATABASE_FILE } from '../server/hub';
import type { HubRepos } from '../store/hub-store';
import { openHubStore } from '../store/hub-store';
import { openPostgresHubStore } from '../store/postgres-store';
import type { PostgresServer } from '../testing';
import { startPostgresServer, startTestHub } from '../testing';
import { hubTables } from './hub-tables';
import { migrateCommand } from './migrate-command';
import type { MigrationProgress, MigrationResult } from './migrate-to-postgres';
import { migrateToPostgres } from './migrate-to-postgres';
import { MigrationFailedError, MigrationRefusedError } from './migration-errors';
import { digestPostgresHub } from './postgres-rows';
import type { SqliteHubFacts } from './sqlite-hub-fixture';
import { BULK_CONTACTS, buildSqliteHub } from './sqlite-hub-fixture';

let server: PostgresServer;
let folder: string;
let dataDir: string;
let facts: SqliteHubFacts;
let databases = 0;

beforeAll(async () => {
  folder = mkdtempSync(join(tmpdir(), 'gatehouse-migrate-'));
  dataDir = join(folder, 'hub');
  [server, facts] = await Promise.all([startPostgresServer(), buildSqliteHub(dataDir)]);
}, 120_000);

afterAll(async () => {
  await server?.stop();
  rmSync(folder, { recursive: true, force: true });
}, 60_000);

const newDatabase = (): Promise<string> => server.createDatabase(`moved_${++databases}`);

/** What a hub reads about the workspace, through the repos, the same way on either store. */
async function reads(store: HubRepos, workspaceId: string, agentEmail: string, pendingMemberId: string) {
  const agent = await store.people.byEmail(agentEmail);
  return {
    workspace: await store.workspaces.byId(workspaceId),
    members: await store.members.inWorkspace(workspaceId),
    teams: await store.teams.inWorkspace(workspaceId),
    contacts: await store.contacts.inWorkspace(workspaceId),
    audit: await store.audit.all(workspaceId),
    invitation: await store.invitations.liveFor(pendingMemberId),
    changes: await store.changes.after(workspaceId, 0),
    twoStepSecret: agent ? await store.twoStep.secretOf(agent.id) : undefined,
    mail: await store.settings.mail(),
    publicUrl: await store.settings.publicUrl(),
  };
}

async function sqliteReads(): Promise<Awaited<ReturnType<typeof reads>>> {
  const store = openHubStore(join(dataDir, HUB_DATABASE_FILE));
  try {
    return await reads(store, facts.workspaceId, facts.agentEmail, facts.pendingMemberId);
  } finally {
    await store.close();
  }
}

function captured(): { out: string[]; err: string[]; output: { out: (text: string) => void; err: (text: string) => void } } {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, output: { out: (text) => out.push(text), err: (text) => err.push(text) } };
}

describe('issue 14.5: moving a SQLite hub to PostgreSQL', () => {
  let url: string;
  let result: MigrationResult;
  const progress: MigrationProgress[] = [];
  const keyFile = (): string => join(folder, 'pg-hub', TWO_STEP_KEY_FILE);

  beforeAll(async () => {
    url = await newDatabase();
    result = await migrateToPostgres({ dataDir, databaseUrl: url, twoStepKeyFile: keyFile(), batchRows: 40, onProgress: (event) => void progress.push(event) });
  }, 60_000);

  it('copies every table of the hub and finds each the same, row for row', () => {
    expect(result.checks.map((check) => check.table).sort()).toEqual(hubTables().map((table) => table.name).sort());
    expect(result.checks.filter((check) => !check.isSame)).toEqual([]);
    for (const table of ['people', 'members', 'teams', 'invitations', 'sessions', 'audit_log', 'two_step_secrets', 'two_step_recovery_codes', 'hub_settings']) {
      expect(result.checks.find((check) => check.table === table)?.targetRows, table).toBeGreaterThan(0);
    }
    expect(result.checks.find((check) => check.table === 'contacts')?.targetRows).toBe(BULK_CONTACTS + 1);
    // Parents before children: a member's workspace, person and team are there when the member is inserted.
    const order = progress.flatMap((event) => (event.kind === 'table' ? [event.table] : []));
    for (const [child, parent] of [['members', 'workspaces'], ['members', 'people'], ['members', 'teams'], ['workspaces', 'organizations']] as const) {
      expect(order.indexOf(child)).toBeGreaterThan(order.indexOf(parent));
    }
  });

  it('copies a large table in several batches, saying how far it is', () => {
    const contactBatches = progress.filter((event) => event.kind === 'rows' && event.table === 'contacts');
    expect(contactBatches.map((event) => (event.kind === 'rows' ? event.copied : 0))).toEqual([40, 80, 120, 151]);
  });

  it('answers the same reads on PostgreSQL as the SQLite hub did', async () => {
    const store = await openPostgresHubStore(url);
    try {
      const moved = await reads(store, facts.workspaceId, facts.agentEmail, facts.pendingMemberId);
      const original = await sqliteReads();
      expect(moved.members.length).toBe(4);
      expect(moved.contacts.length).toBe(BULK_CONTACTS + 1);
      expect(moved.invitation).toBeDefined();
      expect(moved.mail?.password).toBe('p@ss "word"');
      expect(moved).toEqual(original);
    } finally {
      await store.close();
    }
  });

  it('numbers the next audit entry after the copied ones', async () => {
    const store = await openPostgresHubStore(url);
    try {
      const copiedIds = (await store.audit.all(facts.workspaceId)).map((entry) => entry.id);
      await store.audit.insert({ workspaceId: facts.workspaceId, at: Date.now(), actorName: 'Olive', action: 'member.edited' });
      const ids = (await store.audit.all(facts.workspaceId)).map((entry) => entry.id);
      expect(Math.max(...ids)).toBe(Math.max(...copiedIds) + 1);
      expect(result.counters.find((counter) => counter.table === 'audit_log')?.next).toBe(Math.max(...copiedIds) + 1);
    } finally {
      await store.close();
    }
  });

  it('copies the two-step key where the PostgreSQL hub reads it, so the moved secrets still open', async () => {
    expect(result.twoStepKey).toEqual({ kind: 'copied', to: keyFile() });
    expect(statSync(keyFile()).mode & 0o777).toBe(0o600);
    expect(readFileSync(keyFile(), 'utf8')).toBe(readFileSync(join(dataDir, TWO_STEP_KEY_FILE), 'utf8'));
    const store = await openPostgresHubStore(url);
    try {
      const agent = await store.people.byEmail(facts.agentEmail);
      const sealed = agent ? await store.twoStep.secretOf(agent.id) : undefined;
      // The box reads the key file beside a database file: the key the PostgreSQL hub is pointed at.
      const box = TwoStepSecretBox.beside(join(dirname(keyFile()), HUB_DATABASE_FILE));
      expect(sealed && box.open(sealed.encryptedSecret)).toBe(facts.agentTwoStepSecret);
    } finally {
      await store.close();
    }
  });

  it('refuses a database that already holds a hub, says so, and changes nothing in it', async () => {
    const before = await digestPostgresHub(url);
    await expect(migrateToPostgres({ dataDir, databaseUrl: url })).rejects.toBeInstanceOf(MigrationRefusedError);
    const { err, output } = captured();
    expect(await migrateCommand({ data: dataDir, database: url, twoStepKey: undefined }, output)).toBe(2);
    expect(err.join('\n')).toMatch(/already holds a hub \(rows in .*members.*\)\. migrate copies into an empty database only; nothing was changed\./);
    expect(await digestPostgresHub(url)).toEqual(before);
  });
});

describe('issue 14.5: what migrate refuses or undoes', () => {
  it('refuses while a hub runs on the data folder, before touching the database', async () => {
    const running = await startTestHub({ dataDir });
    try {
      const target = await newDatabase();
      const { err, output } = captured();
      expect(await migrateCommand({ data: dataDir, database: target, twoStepKey: undefined }, output)).toBe(2);
      expect(err.join('\n')).toContain(`A hub is running on ${dataDir}`);
      // Not even the hub's tables were made: the target is as it was.
      await expect(digestPostgresHub(target)).rejects.toThrow(/does not exist/);
    } finally {
      await running.stop();
    }
  }, 30_000);

  it('prints progress on standard error and the per-table check with what to do next on standard output', async () => {
    const target = await newDatabase();
    const { out, err, output } = captured();
    expect(await migrateCommand({ data: dataDir, database: target.replace('postgres@', 'postgres:secret-pw@'), twoStepKey: undefined }, output)).toBe(0);
    expect(err[0]).toMatch(/^\[1\/\d+\] \w+: \d+ rows?$/);
    expect(err).toContain('Checking the copy row for row...');
    const text = out.join('\n');
    expect(text).toMatch(/contacts\s+151\s+same/);
    expect(text).toContain(`The two-step key stays in ${join(dataDir, TWO_STEP_KEY_FILE)}`);
    expect(text).toContain('Every instance must have this same key');
    // The password given in the URL is never printed.
    expect([...out, ...err].join('\n')).not.toContain('secret-pw');
  }, 60_000);

  it('leaves the target without a hub row when PostgreSQL dies midway, and a second run then moves the hub', async () => {
    const target = await newDatabase();
    const stopped = migrateToPostgres({
      dataDir,
      databaseUrl: target,
      batchRows: 40,
      onProgress: async (event) => {
        if (event.kind === 'rows' && event.table === 'contacts' && event.copied === 80) await server.kill9();
      },
    });
    await expect(stopped).rejects.toBeInstanceOf(MigrationFailedError);
    await expect(stopped).rejects.toThrow(/Copying contacts stopped after 80 of 151 rows[\s\S]*Nothing was committed/);
    await server.restart();
    expect((await digestPostgresHub(target)).filter((table) => table.rows > 0)).toEqual([]);

    const again = await migrateToPostgres({ dataDir, databaseUrl: target });
    expect(again.checks.every((check) => check.isSame)).toBe(true);
  }, 60_000);

  it('stops at a value PostgreSQL cannot hold, naming its row, and commits nothing', async () => {
    const nulDir = join(folder, 'with-nul');
    cpSync(dataDir, nulDir, { recursive: true });
    const store = openHubStore(join(nulDir, HUB_DATABASE_FILE));
    await store.contacts.update('bulk-0007', { name: 'Bad\u0000Name' }, Date.now());
    await store.close();
    const target = await newDatabase();
    await expect(migrateToPostgres({ dataDir: nulDir, databaseUrl: target })).rejects.toThrow(
      /contacts\.name of the row with id bulk-0007 holds a NUL character[\s\S]*Nothing was committed/,
    );
    expect((await digestPostgresHub(target)).filter((table) => table.rows > 0)).toEqual([]);
  }, 60_000);
});
