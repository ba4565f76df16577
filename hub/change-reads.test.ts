// Issue 12.5: a change reads what it touches, never the whole member or
// contact list of the workspace (100,000 members made every contact change
// read them all). Every statement the hub's store runs while a change is
// applied and pushed to the desktops (an Owner's and an R5 agent's, so the
// team lookup of R5 runs too) is recorded through better-sqlite3's `verbose`
// hook, and SQLite's own query plan of each says what it reads: a plan step
// that scans `members` or `contacts`, or searches them by workspace alone,
// is a read of the whole list.
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NO_RESTRICTIONS } from '../shared/policy';
import { HUB_DATABASE_FILE } from './server/hub';
import type { TestClient } from './testing/test-client';
import type { TestHub } from './testing/test-hub';
import { MEMBER_PASSWORD, OWNER_PASSWORD, startTestHub } from './testing/test-hub';

const SEEDED_MEMBERS = 300;

let hub: TestHub;
let owner: TestClient;
let agent: TestClient;
let agentId: string;
let teamId: string;
let recording: string[] | null = null;

beforeAll(async () => {
  hub = await startTestHub({ onStatement: (sql) => recording?.push(sql) });
  owner = await hub.connect(hub.ownerEmail, OWNER_PASSWORD);
  teamId = (await owner.mutate('team.create', { name: 'Night shift' })).team.id;
  agentId = await hub.addMember(owner, 'agent@example.com', 'agent', { contactVisibility: 'team_and_self' });
  await owner.mutate('member.set_team', { memberId: agentId, teamId });
  // A workspace of some size, written straight into the file (another connection, as WAL allows).
  const sqlite = new Database(join(hub.dataDir, HUB_DATABASE_FILE));
  const person = sqlite.prepare('INSERT INTO people (id, email, display_name, created_at, updated_at) VALUES (?, ?, ?, 0, 0)');
  const member = sqlite.prepare(
    "INSERT INTO members (id, workspace_id, person_id, level, restrictions, status, team_id, invited_at, joined_at, version) VALUES (?, ?, ?, 'agent', ?, 'active', ?, 0, 1, 1)",
  );
  sqlite.transaction(() => {
    for (let index = 0; index < SEEDED_MEMBERS; index += 1) {
      person.run(`p-seeded${index}`, `seeded${index}@example.com`, `Seeded ${index}`);
      member.run(`seeded${index}`, hub.workspaceId, `p-seeded${index}`, JSON.stringify(NO_RESTRICTIONS), index % 2 === 0 ? teamId : null);
    }
  })();
  sqlite.close();
  agent = await hub.connect('agent@example.com', MEMBER_PASSWORD);
});

afterAll(() => hub.stop());

/**
 * The statements the store ran while `change` was applied and pushed: the hub
 * projects a change for every desktop (the agent's through R5) before it
 * answers the request, so by the reply all of it has run.
 */
async function statementsOf(change: () => Promise<unknown>): Promise<string[]> {
  recording = [];
  await change();
  const recorded = recording;
  recording = null;
  return recorded;
}

/** Each plan step of these statements that reads all of a workspace's members or contacts. */
function wholeListReads(statements: string[]): string[] {
  const sqlite = new Database(join(hub.dataDir, HUB_DATABASE_FILE), { readonly: true });
  try {
    const found: string[] = [];
    for (const sql of new Set(statements)) {
      if (!/^\s*(select|update|delete|insert)/i.test(sql)) continue;
      const steps = sqlite.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as Array<{ detail: string }>;
      for (const { detail } of steps) {
        const isScan = /^SCAN (members|contacts)\b/.test(detail);
        const isByWorkspace = /^SEARCH (members|contacts) USING .*\(workspace_id=\?\)$/.test(detail);
        if (isScan || isByWorkspace) found.push(`${detail}  <=  ${sql}`);
      }
    }
    return found;
  } finally {
    sqlite.close();
  }
}

describe('issue 12.5: no whole-list reads per change on the hub', () => {
  it('issue 12.5 / R5: creating, assigning and editing a contact read the assignee by id, not the member list', async () => {
    let contactId = '';
    const created = await statementsOf(async () => {
      contactId = (await owner.mutate('contact.create', { name: 'Carla', phone: null, email: null, assigneeId: 'seeded2', teamId: null })).contact.id;
    });
    const assigned = await statementsOf(() => owner.mutate('contact.assign', { contactId, assigneeId: agentId, teamId: null }));
    const detailed = await statementsOf(() => owner.mutate('contact.set_detail', { contactId, field: 'phone', value: '+1 555 0100' }));
    // The agent sees it (R5 read the assignee's team), which proves the projection ran.
    await expect.poll(() => agent.received.some((message) => message.type === 'changes' && message.changes.contacts.upserted.some((each) => each.id === contactId))).toBe(true);
    for (const statements of [created, assigned, detailed]) {
      expect(statements.some((sql) => /from "contacts"/i.test(sql))).toBe(true);
      expect(wholeListReads(statements)).toEqual([]);
    }
  });

  it('issue 12.5: moving a member between teams, following members in preferences and deleting a team read only what they touch', async () => {
    const moved = await statementsOf(() => owner.mutate('member.set_team', { memberId: 'seeded3', teamId }));
    const followed = await statementsOf(() =>
      owner.mutate('preferences.update', { preferences: { scope: 'selected', memberIds: ['seeded1', 'seeded4', agentId], notifyOnline: true, notifyOffline: false } }),
    );
    const other = (await owner.mutate('team.create', { name: 'Day shift' })).team.id;
    await owner.mutate('member.set_team', { memberId: 'seeded5', teamId: other });
    const deleted = await statementsOf(() => owner.mutate('team.delete', { teamId: other }));
    for (const statements of [moved, followed, deleted]) expect(wholeListReads(statements)).toEqual([]);
  });

  it('issue 12.5 / V4: editing and revoking a member count the active Owners through an index, not by reading every member', async () => {
    const edited = await statementsOf(() => owner.mutate('member.edit', { input: { memberId: 'seeded6', level: 'manager', baseVersion: 1 } }));
    const revoked = await statementsOf(() => owner.mutate('member.revoke', { input: { memberId: 'seeded7', reassignContactsTo: null } }));
    for (const statements of [edited, revoked]) {
      expect(statements.some((sql) => /count\(\*\)/i.test(sql))).toBe(true);
      expect(wholeListReads(statements)).toEqual([]);
    }
  });

  it('issue 12.5: the check itself sees a whole-list read (the member list of the Users page export)', async () => {
    const exported = await statementsOf(async () => {
      await owner.call('members.export');
      await owner.mutate('team.create', { name: 'Marker' });
    });
    expect(wholeListReads(exported).some((step) => step.startsWith('SEARCH members') || step.startsWith('SCAN members'))).toBe(true);
  });
});
