// Issue 9.3: names stored before the hub refused malformed text (lone
// surrogates stored as U+FFFD, control characters, bidirectional overrides,
// too long) are repaired by the 0002 migration, so every desktop's shared
// schemas accept them again.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { displayNameSchema, teamNameSchema } from '../../shared/domain';
import { DEFAULT_HUB_MIGRATIONS_DIR, openHubDatabase } from './database';
import { openHubStore } from './hub-store';

let dir: string;
let file: string;

/** A database migrated only up to the migration before the repair, as a hub of the previous version left it. */
function openPreviousVersion(): void {
  const previous = join(dir, 'migrations');
  cpSync(DEFAULT_HUB_MIGRATIONS_DIR, previous, { recursive: true });
  const journalFile = join(previous, 'meta', '_journal.json');
  const journal = JSON.parse(readFileSync(journalFile, 'utf8')) as { entries: Array<{ tag: string }> };
  journal.entries = journal.entries.filter((entry) => Number(entry.tag.slice(0, 4)) < 2);
  writeFileSync(journalFile, JSON.stringify(journal));
  openHubDatabase(file, previous).sqlite.close();
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'gatehouse-repair-'));
  file = join(dir, 'hub.sqlite');
  openPreviousVersion();
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const LONE = '\uD800';

function seed(): void {
  const sqlite = new Database(file);
  // better-sqlite3 writes a lone surrogate as U+FFFD: this is what an older hub stored.
  sqlite.prepare('INSERT INTO organizations (id, name, created_at) VALUES (?, ?, 0)').run('org1', `Acme\u202E${LONE}`);
  sqlite.prepare("INSERT INTO workspaces (id, organization_id, name, plan, seq, created_at) VALUES ('ws1', 'org1', ?, 'advanced', 0, 0)").run(LONE.repeat(40));
  const person = sqlite.prepare('INSERT INTO people (id, email, display_name, created_at, updated_at) VALUES (?, ?, ?, 0, 0)');
  person.run('p1', 'broken@example.com', LONE.repeat(40));
  person.run('p2', 'tabs@example.com', ' Ada\tLovelace\u0007 ');
  person.run('p3', 'long@example.com', `${'é'.repeat(150)}`);
  person.run('p4', 'fine@example.com', 'Grace Hopper');
  const team = sqlite.prepare("INSERT INTO teams (id, workspace_id, name, created_at) VALUES (?, 'ws1', ?, 0)");
  team.run('t1', 'Billing');
  team.run('t2', 'Billing\u0001');
  team.run('t3', `\u2066${LONE}\u2069`);
  team.run('t4', 'Shipping');
  sqlite
    .prepare("INSERT INTO contacts (id, workspace_id, name, phone, email, created_at, updated_at) VALUES ('c1', 'ws1', ?, NULL, NULL, 0, 0)")
    .run(`\u202Dnhoj${LONE}\n`);
  sqlite.close();
}

describe('issue 9.3: the repair migration', () => {
  it('issue 9.3: broken names come out valid for the shared schemas, with plain fallbacks, and sound names are untouched', async () => {
    seed();
    const store = openHubStore(file);
    try {
      expect((await store.people.byEmail('broken@example.com'))?.displayName).toBe('broken');
      expect((await store.people.byEmail('tabs@example.com'))?.displayName).toBe('Ada Lovelace');
      expect((await store.people.byEmail('long@example.com'))?.displayName).toBe('é'.repeat(100));
      expect((await store.people.byEmail('fine@example.com'))?.displayName).toBe('Grace Hopper');
      const workspace = await store.workspaces.byId('ws1');
      expect(workspace?.name).toBe('Workspace');
      expect((await store.workspaces.organization('org1'))?.name).toBe('Acme');
      const teams = (await store.teams.inWorkspace('ws1')).map((team) => [team.id, team.name]);
      expect(Object.fromEntries(teams)).toEqual({ t1: 'Billing', t2: 'Billing (t2)', t3: 'Team', t4: 'Shipping' });
      expect((await store.contacts.byId('c1'))?.name).toBe('nhoj');
      for (const email of ['broken@example.com', 'tabs@example.com', 'long@example.com']) {
        expect(displayNameSchema.safeParse((await store.people.byEmail(email))?.displayName).success).toBe(true);
      }
      for (const [, name] of teams) expect(teamNameSchema.parse(name)).toBe(name);
      expect(await store.integrityCheck()).toBe('ok');
    } finally {
      await store.close();
    }
  });
});
