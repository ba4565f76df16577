// Issue 14.1: the repos are written once for SQLite and PostgreSQL; this one
// suite runs against both stores (a real SQLite file; a real PostgreSQL, a
// fresh database per suite) and holds them to what the hub relies on. Each
// case uses ids of its own, so the cases of a suite share its database.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditAction } from '../../shared/domain';
import { NO_RESTRICTIONS } from '../../shared/policy';
import { startPostgresServer, type PostgresServer } from '../testing/postgres-server';
import { StoreUsedInsideTransactionError } from './connection-gate';
import { openHubStore } from './hub-store';
import { DEFAULT_POSTGRES_MIGRATIONS_DIR, openPostgresHubStore, type PostgresHubStore } from './postgres-store';
import type { AuditFilter } from './repos/audit';
import { NO_AUDIT_FILTER } from './repos/audit';

/** A millisecond time past 2^32 (a 32-bit column would refuse it), with its milliseconds. */
const AT = Date.UTC(2026, 10, 30, 23, 0, 0, 123);
const DAY_MS = 86_400_000;

/** Two stores on one database, as two hub instances would have; on SQLite both are the one store and its gate. */
interface Stores {
  store: PostgresHubStore;
  second: PostgresHubStore;
}

interface Subject {
  name: string;
  open(): Promise<Stores>;
  close(): Promise<void>;
}

function sqliteSubject(): Subject {
  let dir = '';
  let store: PostgresHubStore | undefined;
  return {
    name: 'SQLite',
    open: () => {
      dir = mkdtempSync(join(tmpdir(), 'gatehouse-contract-'));
      // One hub holds a SQLite file: its requests take the write connection in turn through the gate.
      const opened = openHubStore(join(dir, 'hub.sqlite'));
      store = opened;
      return Promise.resolve({ store: opened, second: opened });
    },
    close: async () => {
      await store?.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

let server: PostgresServer | undefined;
let databases = 0;

function postgresSubject(): Subject {
  const opened: PostgresHubStore[] = [];
  return {
    name: 'PostgreSQL',
    open: async () => {
      server ??= await startPostgresServer();
      const url = await server.createDatabase(`contract_${++databases}`);
      const [store, second] = await Promise.all([openPostgresHubStore(url), openPostgresHubStore(url)]);
      opened.push(store, second);
      return { store, second };
    },
    close: async () => {
      await Promise.all(opened.map((store) => store.close()));
    },
  };
}

afterAll(async () => {
  await server?.stop();
}, 60_000);

let ids = 0;
/** An id no other case of the suite uses. */
const unique = (prefix: string): string => `${prefix}-${++ids}`;

async function workspaceWithOwner(store: PostgresHubStore, warningDays = 3): Promise<{ workspaceId: string; ownerId: string; organizationId: string }> {
  const organizationId = unique('org');
  const workspaceId = unique('ws');
  const personId = unique('person');
  const ownerId = unique('member');
  await store.workspaces.insertOrganization({ id: organizationId, name: 'Acme', createdAt: AT });
  await store.workspaces.insert({ id: workspaceId, organizationId, name: `Support ${workspaceId}`, plan: 'growth', seq: 0, createdAt: AT, accessEndWarningDays: warningDays });
  await store.people.insert({ id: personId, email: `${personId}@example.com`, displayName: 'Olive Owner', avatarDataUrl: null, passwordHash: null, createdAt: AT, updatedAt: AT });
  await store.members.insert({
    id: ownerId,
    workspaceId,
    personId,
    level: 'owner',
    restrictions: { ...NO_RESTRICTIONS },
    status: 'active',
    teamId: null,
    invitedAt: AT,
    invitedBy: null,
    joinedAt: AT,
    lastSeenAt: null,
    version: 1,
  });
  return { workspaceId, ownerId, organizationId };
}

async function addMember(store: PostgresHubStore, workspaceId: string, status: 'pending' | 'active', extra: { accessUntil?: number } = {}): Promise<string> {
  const personId = unique('person');
  const memberId = unique('member');
  await store.people.insert({ id: personId, email: `${personId}@example.com`, displayName: `Name of ${personId}`, avatarDataUrl: null, passwordHash: null, createdAt: AT, updatedAt: AT });
  await store.members.insert({
    id: memberId,
    workspaceId,
    personId,
    level: 'agent',
    restrictions: { ...NO_RESTRICTIONS, dataExport: true },
    status,
    teamId: null,
    invitedAt: AT + ids,
    invitedBy: null,
    joinedAt: status === 'active' ? AT : null,
    lastSeenAt: null,
    version: 1,
    ...extra,
  });
  return memberId;
}

/** Lets other pending work run, so concurrent transactions interleave between their statements. */
const yieldTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

describe.each([sqliteSubject(), postgresSubject()])('the hub store on $name', (subject) => {
  let store: PostgresHubStore;
  let second: PostgresHubStore;

  beforeAll(async () => {
    ({ store, second } = await subject.open());
  }, 60_000);

  afterAll(() => subject.close(), 30_000);

  it('creates a workspace and its members, and reads them back with their person', async () => {
    const { workspaceId, ownerId } = await workspaceWithOwner(store);
    const pendingId = await addMember(store, workspaceId, 'pending');
    const members = await store.members.inWorkspace(workspaceId);
    expect(members.map((member) => member.id)).toEqual([ownerId, pendingId]);
    expect(members[0]).toMatchObject({ displayName: 'Olive Owner', level: 'owner', status: 'active' });
    // A pending member is known by the invited address only.
    expect(members[1]?.displayName).toBe(members[1]?.email);
    expect(await store.members.countInWorkspace(workspaceId)).toBe(2);
    expect(await store.members.activeOwnerCount(workspaceId)).toBe(1);
    expect(await store.members.existingIds(workspaceId, [ownerId, 'nobody', pendingId])).toEqual(new Set([ownerId, pendingId]));
    expect(await store.members.update(pendingId, { status: 'active', joinedAt: AT + 5 })).toBe(2);
    const summary = (await store.organization.workspaceSummaries()).find((row) => row.workspaceId === workspaceId);
    expect(summary).toMatchObject({ activeMembers: 2, pendingMembers: 0 });
  });

  it('numbers a workspace’s changes without a gap when 20 transactions on two stores bump the sequence at once', async () => {
    const { workspaceId } = await workspaceWithOwner(store);
    const bumps = Array.from({ length: 20 }, (_, index) =>
      (index % 2 === 0 ? store : second).transaction(async (tx) => {
        const seq = await tx.workspaces.nextSeq(workspaceId);
        await yieldTurn();
        await tx.changes.append({ workspaceId, seq, entity: 'member', entityId: `m${index}` });
        return seq;
      }),
    );
    const seqs = await Promise.all(bumps);
    expect([...seqs].sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, index) => index + 1));
    expect((await store.changes.after(workspaceId, 0)).map((row) => row.seq)).toEqual(Array.from({ length: 20 }, (_, index) => index + 1));
    expect((await second.workspaces.byId(workspaceId))?.seq).toBe(20);
  });

  it('lets exactly one of several racing claims of the same access end win', async () => {
    const { workspaceId } = await workspaceWithOwner(store);
    const until = AT - DAY_MS;
    const memberId = await addMember(store, workspaceId, 'active', { accessUntil: until });
    const claims = await Promise.all(Array.from({ length: 10 }, (_, index) => (index % 2 === 0 ? store : second).members.claimEnd(memberId, until, AT)));
    expect(claims.filter(Boolean)).toHaveLength(1);
    expect(await store.members.byId(memberId)).toBeUndefined();

    const warnedId = await addMember(store, workspaceId, 'active', { accessUntil: AT + DAY_MS });
    const warnings = await Promise.all(Array.from({ length: 10 }, (_, index) => (index % 2 === 0 ? store : second).members.claimWarning(warnedId, AT + DAY_MS)));
    expect(warnings.filter(Boolean)).toHaveLength(1);
  });

  it('leaves nothing of a transaction that throws, and rolls back only a nested transaction that throws', async () => {
    const { workspaceId } = await workspaceWithOwner(store);
    await expect(
      store.transaction(async (tx) => {
        await tx.teams.insert({ id: unique('team'), workspaceId, name: 'Lost', createdAt: AT });
        await tx.workspaces.nextSeq(workspaceId);
        throw new Error('the request failed after its writes');
      }),
    ).rejects.toThrow('the request failed after its writes');
    expect(await store.teams.inWorkspace(workspaceId)).toEqual([]);
    expect((await store.workspaces.byId(workspaceId))?.seq).toBe(0);

    await store.transaction(async (tx) => {
      await tx.teams.insert({ id: unique('team'), workspaceId, name: 'Kept', createdAt: AT });
      await expect(
        tx.transaction(async (inner) => {
          await inner.teams.insert({ id: unique('team'), workspaceId, name: 'Savepoint', createdAt: AT });
          throw new Error('the savepoint failed');
        }),
      ).rejects.toThrow('the savepoint failed');
      await tx.teams.insert({ id: unique('team'), workspaceId, name: 'After', createdAt: AT });
    });
    expect((await store.teams.inWorkspace(workspaceId)).map((team) => team.name)).toEqual(['After', 'Kept']);
  });

  it('refuses the outer store inside a transaction, so no write escapes its rollback', async () => {
    const { workspaceId } = await workspaceWithOwner(store);
    await expect(store.transaction(async () => store.workspaces.byId(workspaceId))).rejects.toBeInstanceOf(StoreUsedInsideTransactionError);
  });

  it('reads JSON and millisecond times back as they were written', async () => {
    const { workspaceId, ownerId } = await workspaceWithOwner(store);
    const until = AT + 400 * DAY_MS + 7;
    await store.members.update(ownerId, { accessUntil: until, restrictions: { ...NO_RESTRICTIONS, contactVisibility: 'self_only' } });
    const owner = await store.members.byId(ownerId);
    expect(owner).toMatchObject({ accessUntil: until, invitedAt: AT, restrictions: { ...NO_RESTRICTIONS, contactVisibility: 'self_only' } });
    expect(typeof owner?.accessUntil).toBe('number');

    const personId = unique('person');
    const reply = { ok: true, nested: { list: [1, 'two', null], text: 'é ✓ "quoted"' } };
    await store.changes.recordMutation({ personId, mutationId: 'mut-1', workspaceId, memberId: ownerId, fingerprint: 'f', reply, createdAt: AT });
    expect(await store.changes.appliedMutation(personId, 'mut-1')).toEqual({ workspaceId, memberId: ownerId, fingerprint: 'f', reply });

    await store.audit.insert({ workspaceId, at: AT, actorName: 'Olive', action: 'member.accepted', after: { email: 'olive@example.com', level: 'owner' } });
    const [entry] = await store.audit.all(workspaceId);
    expect(entry).toMatchObject({ at: AT, after: { email: 'olive@example.com', level: 'owner' }, before: null });
    expect(typeof entry?.id).toBe('number');
  });

  it('reads the JSON of the audit log in SQL: who accepted an invitation to the organization', async () => {
    const { workspaceId, organizationId } = await workspaceWithOwner(store);
    await store.audit.insert({ workspaceId, at: AT, actorName: 'Ana', action: 'member.accepted', after: { email: 'ana@example.com' } });
    await store.audit.insert({ workspaceId, at: AT, actorName: 'Ben', action: 'member.invited', after: { email: 'ben@example.com' } });
    expect(await store.organization.acceptedEmails(organizationId)).toEqual(new Set(['ana@example.com']));
  });

  it('finds team names whatever their case, and refuses a second name differing only in case', async () => {
    const { workspaceId } = await workspaceWithOwner(store);
    const teamId = unique('team');
    await store.teams.insert({ id: teamId, workspaceId, name: 'Sales', createdAt: AT });
    expect((await store.teams.byName(workspaceId, 'sALES'))?.id).toBe(teamId);
    await expect(store.teams.insert({ id: unique('team'), workspaceId, name: 'SALES', createdAt: AT })).rejects.toThrow();
    expect(await store.teams.inWorkspace(workspaceId)).toHaveLength(1);
  });

  it('finds access ends and warnings due, with warnings a month ahead', async () => {
    // 40 warning days: days × a day's milliseconds passes a 32-bit integer.
    const { workspaceId } = await workspaceWithOwner(store, 40);
    const endingId = await addMember(store, workspaceId, 'active', { accessUntil: AT - 1 });
    const warnedId = await addMember(store, workspaceId, 'active', { accessUntil: AT + 30 * DAY_MS });
    const due = await store.members.dueAccess(AT);
    expect(due.ends.filter((row) => row.workspaceId === workspaceId)).toEqual([{ id: endingId, workspaceId, accessUntil: AT - 1 }]);
    expect(due.warnings.filter((row) => row.workspaceId === workspaceId)).toEqual([{ id: warnedId, workspaceId, accessUntil: AT + 30 * DAY_MS }]);
    const next = await store.members.nextAccessMoment(AT);
    expect(typeof next).toBe('number');
    expect(next).toBeLessThanOrEqual(AT - 1);
  });

  it('uses a password reset link once, however many ask at once', async () => {
    const { workspaceId } = await workspaceWithOwner(store);
    const memberId = await addMember(store, workspaceId, 'active');
    const member = await store.members.byId(memberId);
    if (!member) throw new Error('the member was not stored');
    const tokenHash = unique('token');
    await store.passwordResets.insert({ tokenHash, personId: member.personId, createdAt: AT, expiresAt: AT + DAY_MS, usedAt: null });
    expect(await store.passwordResets.live(tokenHash, AT)).toBeDefined();
    const uses = await Promise.all(Array.from({ length: 6 }, (_, index) => (index % 2 === 0 ? store : second).passwordResets.use(tokenHash, AT + 1)));
    expect(uses.filter(Boolean)).toHaveLength(1);
  });

  describe('the audit log’s filtered listing', () => {
    const actions: AuditAction[] = ['member.invited', 'member.accepted', 'member.edited', 'member.revoked'];
    const entries: Array<{ id: number; at: number; action: AuditAction; actorMemberId: string; targetMemberId: string | null }> = [];
    let workspaceId = '';

    beforeAll(async () => {
      ({ workspaceId } = await workspaceWithOwner(store));
      for (let index = 0; index < 60; index += 1) {
        const entry = {
          at: AT + index * 60_000,
          action: actions[index % actions.length] ?? 'member.edited',
          actorMemberId: `actor-${index % 3}`,
          targetMemberId: index % 5 === 0 ? null : `actor-${(index + 1) % 3}`,
        };
        await store.audit.insert({ workspaceId, actorName: entry.actorMemberId, targetName: entry.targetMemberId, ...entry });
      }
      const stored = await store.audit.all(workspaceId);
      entries.push(...stored.map((row) => ({ id: row.id, at: row.at, action: row.action, actorMemberId: row.actorMemberId ?? '', targetMemberId: row.targetMemberId })));
    });

    /** What the filter should find, newest first, computed here rather than by either database. */
    const expected = (filter: AuditFilter, limit: number): number[] =>
      entries
        .filter(
          (entry) =>
            (filter.action === null || entry.action === filter.action) &&
            (filter.actorMemberId === null || entry.actorMemberId === filter.actorMemberId) &&
            (filter.memberId === null || entry.actorMemberId === filter.memberId || entry.targetMemberId === filter.memberId) &&
            (filter.from === null || entry.at >= filter.from) &&
            (filter.to === null || entry.at < filter.to) &&
            (filter.before === null || entry.id < filter.before),
        )
        .map((entry) => entry.id)
        .slice(0, limit);

    const filters: Array<[string, Partial<AuditFilter>]> = [
      ['no filter', {}],
      ['an action', { action: 'member.edited' }],
      ['who acted', { actorMemberId: 'actor-1' }],
      ['who acted or was acted on', { memberId: 'actor-2' }],
      ['a span of time', { from: AT + 10 * 60_000, to: AT + 40 * 60_000 }],
      ['a member in a span, before an id', { memberId: 'actor-0', from: AT + 5 * 60_000, to: AT + 50 * 60_000, before: 1_000_000 }],
    ];

    it.each(filters)('returns the same entries for %s', async (_, partial) => {
      const filter = { ...NO_AUDIT_FILTER, ...partial };
      const want = expected(filter, 15);
      expect(want.length).toBeGreaterThan(2);
      expect((await store.audit.list(workspaceId, filter, 15)).map((row) => row.id)).toEqual(want);
      expect(await store.audit.count(workspaceId, filter)).toBe(expected(filter, Infinity).length);
      expect((await store.audit.matching(workspaceId, filter)).map((row) => row.id)).toEqual(expected(filter, Infinity));
    });
  });

  it('reports its integrity as ok', async () => {
    expect(await store.integrityCheck()).toBe('ok');
  });
});

describe('the PostgreSQL store, opened by several hub instances at once', () => {
  it('applies the migrations once, without a race', async () => {
    server ??= await startPostgresServer();
    const url = await server.createDatabase('contract_opened_at_once');
    const stores = await Promise.all(Array.from({ length: 4 }, () => openPostgresHubStore(url, { maxConnections: 2 })));
    try {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        const { rows } = await client.query<{ count: string }>('SELECT count(*) FROM drizzle.__drizzle_migrations');
        const journal = JSON.parse(readFileSync(join(DEFAULT_POSTGRES_MIGRATIONS_DIR, 'meta', '_journal.json'), 'utf8')) as { entries: unknown[] };
        expect(Number(rows[0]?.count)).toBe(journal.entries.length);
      } finally {
        await client.end();
      }
      expect(await Promise.all(stores.map((store) => store.integrityCheck()))).toEqual(['ok', 'ok', 'ok', 'ok']);
    } finally {
      await Promise.all(stores.map((store) => store.close()));
    }
  }, 60_000);
});
