// X1: a page of the audit log is read on an index, whatever it is filtered
// by, and never sorted: the hub's log grows for as long as the workspace
// lives, and every page of a large export is one such read. Every statement
// the store runs for audit.list and audit.export is recorded (better-sqlite3's
// `verbose` hook) and SQLite's own plan of each checked: no step reads the
// whole table, none sorts (a sort would collect every matching entry for each
// page, but a short span of time, whose entries are few), and each filter
// narrows the index walk it names. Both ways of reading a span of time give
// what a plain filter of the whole log gives.
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditEntry } from '../shared/domain';
import { AUDIT_ACTIONS } from '../shared/domain';
import { SHORT_SPAN_ENTRIES } from './store/repos/audit';
import { HUB_DATABASE_FILE } from './server/hub';
import type { TestClient } from './testing/test-client';
import type { TestHub } from './testing/test-hub';
import { OWNER_PASSWORD, startTestHub } from './testing/test-hub';

/** More than a short span holds (SHORT_SPAN_ENTRIES), so a span of the whole log is a long one. */
const SEEDED_ENTRIES = 15_000;
const START = Date.UTC(2031, 0, 1);

let hub: TestHub;
let owner: TestClient;
let recording: string[] | null = null;

beforeAll(async () => {
  hub = await startTestHub({ onStatement: (sql) => recording?.push(sql) });
  owner = await hub.connect(hub.ownerEmail, OWNER_PASSWORD);
  // A long log, written straight into the file (another connection, as WAL allows), with another workspace's beside it.
  const sqlite = new Database(join(hub.dataDir, HUB_DATABASE_FILE));
  const insert = sqlite.prepare(
    'INSERT INTO audit_log (workspace_id, at, actor_member_id, actor_name, action, target_member_id, target_name, before, after) VALUES (?, ?, ?, ?, ?, ?, ?, NULL, NULL)',
  );
  sqlite.transaction(() => {
    for (let index = 0; index < SEEDED_ENTRIES; index += 1) {
      const workspace = index % 5 === 0 ? 'another-workspace' : hub.workspaceId;
      insert.run(workspace, START + index * 60_000, `m${index % 40}`, `Member ${index % 40}`, AUDIT_ACTIONS[index % AUDIT_ACTIONS.length], `m${(index * 7) % 40}`, `Member ${(index * 7) % 40}`);
    }
  })();
  sqlite.close();
});

afterAll(() => hub.stop());

async function statementsOf(read: () => Promise<unknown>): Promise<string[]> {
  recording = [];
  await read();
  const recorded = recording;
  recording = null;
  return recorded.filter((sql) => /from "audit_log"/i.test(sql));
}

/** SQLite's plan of each distinct statement, one line per step. */
function plansOf(statements: string[]): string[][] {
  const sqlite = new Database(join(hub.dataDir, HUB_DATABASE_FILE), { readonly: true });
  try {
    return [...new Set(statements)].map((sql) => (sqlite.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as Array<{ detail: string }>).map((step) => step.detail));
  } finally {
    sqlite.close();
  }
}

/** Steps that read the whole log, or sort what they read (but a short span's few entries, found on the time index). */
function unboundedSteps(plans: string[][]): string[] {
  return plans.flatMap((plan) => {
    const isShortSpan = plan.some((step) => /USING (COVERING )?INDEX audit_workspace_at \(workspace_id=\? AND at>\? AND at<\?\)/.test(step));
    return plan.filter((step) => /^SCAN audit_log\b/.test(step) || (!isShortSpan && /TEMP B-TREE/.test(step)));
  });
}

const FILTERS = {
  none: {},
  action: { action: 'member.revoked' },
  member: { memberId: 'm3' },
  actor: { actorMemberId: 'm3' },
  'a short span of time': { from: START + 1_000 * 60_000, to: START + 2_000 * 60_000 },
  'a long span of time': { from: START, to: START + SEEDED_ENTRIES * 60_000 },
  'action and actor': { action: 'member.edited', actorMemberId: 'm5' },
  'member and time': { memberId: 'm9', from: START + 100 * 60_000 },
  everything: { action: 'member.invited', memberId: 'm2', actorMemberId: 'm2', from: START, to: START + 4_000 * 60_000 },
} as const;

/** What an index walk must be narrowed by, per filter: the column it filters on. */
const NARROWED_BY: Partial<Record<keyof typeof FILTERS, RegExp[]>> = {
  action: [/USING INDEX audit_workspace_action \(workspace_id=\? AND action=\? AND id<\?\)/],
  member: [/USING INDEX audit_workspace_actor \(workspace_id=\? AND actor_member_id=\? AND id<\?\)/, /USING INDEX audit_workspace_target \(workspace_id=\? AND target_member_id=\? AND id<\?\)/],
  actor: [/USING INDEX audit_workspace_actor \(workspace_id=\? AND actor_member_id=\? AND id<\?\)/],
  'a short span of time': [/USING (COVERING )?INDEX audit_workspace_at \(workspace_id=\? AND at>\? AND at<\?\)/],
  // Between the span's first and last entry.
  'a long span of time': [/USING INDEX audit_workspace_id \(workspace_id=\? AND id>\? AND id<\?\)/],
};

describe('X1: the audit log is read on its indexes', () => {
  for (const [name, filters] of Object.entries(FILTERS)) {
    it(`X1: a page filtered by ${name} walks an index from its starting point, sorting nothing`, async () => {
      const first = await owner.call('audit.list', { ...filters, limit: 20 });
      const statements = await statementsOf(() => owner.call('audit.list', { ...filters, limit: 20, before: first.nextBefore ?? 1_000_000 }));
      expect(statements.length).toBeGreaterThan(0);
      const plans = plansOf(statements);
      expect(unboundedSteps(plans)).toEqual([]);
      for (const pattern of NARROWED_BY[name as keyof typeof FILTERS] ?? []) expect(plans.flat().some((step) => pattern.test(step)), `${pattern} in ${JSON.stringify(plans)}`).toBe(true);
    });

    it(`X1: an export filtered by ${name} counts on an index, and writes its record`, async () => {
      const statements = await statementsOf(() => owner.call('audit.export', { ...filters, includeEntries: false }));
      expect(unboundedSteps(plansOf(statements))).toEqual([]);
    });
  }

  it('X1: a short span and a long one, alone and with a member, give what filtering the whole log gives', async () => {
    const all = await hub.hub.store.audit.all(hub.workspaceId);
    const expected = (from: number, to: number, memberId: string | null) =>
      all.filter((entry) => entry.at >= from && entry.at < to && (memberId === null || entry.actorMemberId === memberId || entry.targetMemberId === memberId)).map((entry) => entry.id);
    const spans = [
      [START + 1_000 * 60_000, START + 2_000 * 60_000],
      [START + 500 * 60_000, START + 14_000 * 60_000],
    ] as const;
    expect(expected(spans[0][0], spans[0][1], null).length).toBeLessThan(SHORT_SPAN_ENTRIES);
    expect(expected(spans[1][0], spans[1][1], null).length).toBeGreaterThan(SHORT_SPAN_ENTRIES);
    for (const [from, to] of spans) {
      for (const memberId of [null, 'm3']) {
        const listed: AuditEntry[] = [];
        let before: number | null = null;
        do {
          const page: { entries: AuditEntry[]; nextBefore: number | null } = await owner.call('audit.list', { from, to, memberId, before, limit: 500 });
          listed.push(...page.entries);
          before = page.nextBefore;
        } while (before !== null);
        expect(listed.map((entry) => entry.id)).toEqual(expected(from, to, memberId));
        const grant = await owner.call('audit.export', { from, to, memberId, includeEntries: false });
        expect(grant).toMatchObject({ count: expected(from, to, memberId).length });
      }
    }
  });

  it('X1: the check itself sees a sort (the log by the actor’s name, which no index gives) and a read of the whole table', () => {
    expect(unboundedSteps(plansOf([`SELECT * FROM "audit_log" WHERE workspace_id = 'w' ORDER BY actor_name DESC LIMIT 20`]))).not.toEqual([]);
    expect(unboundedSteps(plansOf([`SELECT * FROM "audit_log" WHERE actor_name = 'Olive Owner'`]))).not.toEqual([]);
  });
});
