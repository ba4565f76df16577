// U8/R3/X1, issue 12: the member export streamed from the replica. The hub
// decides first (a refusal writes nothing) and answers with a count, not the
// members; the file then holds, byte for byte, what the in-memory writer
// makes of the hub's full answer, for 100,000 members too, with progress
// along the way.
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TestHub } from '../../../hub/testing';
import { MEMBER_PASSWORD, OWNER_PASSWORD, startTestHub } from '../../../hub/testing';
import type { Member, Team } from '../../../shared/domain';
import { NO_RESTRICTIONS } from '../../../shared/policy';
import type { RequestInput, WorkspaceSnapshot } from '../../../shared/protocol';
import { membersExportRowsSchema } from '../../../shared/protocol';
import { Replica } from '../replica/replica';
import { ReplicaQueries } from '../replica/replica-queries';
import type { SyncHarness } from '../sync/testing/sync-harness';
import { startSyncHarness } from '../sync/testing/sync-harness';
import { syntheticMembers } from '../testing/synthetic-members';
import { writeMembersCsv } from './members-csv';
import { exportMembersCsv } from './members-csv-export';
import { grantMembersExport } from './members-export-grant';

let folder: string;
const cleanups: Array<() => Promise<unknown> | unknown> = [];
beforeEach(async () => {
  folder = await mkdtemp(join(tmpdir(), 'gatehouse-export-'));
});
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()?.();
  await rm(folder, { recursive: true, force: true });
});

const TEAMS: Team[] = [{ id: 't1', workspaceId: 'w', name: 'Support' }];

function snapshotOf(members: Member[]): WorkspaceSnapshot {
  return {
    organization: { id: 'o', name: 'Acme' },
    workspace: { id: 'w', organizationId: 'o', name: 'Support', plan: 'advanced', accessEndWarningDays: 3 },
    selfMemberId: 'm0',
    members,
    teams: TEAMS,
    contacts: [],
    preferences: { scope: 'everyone', memberIds: [], notifyOnline: true, notifyOffline: false },
  };
}

/** A replica holding `members`, and the list queries on it. */
function replicaWith(members: Member[]): ReplicaQueries {
  const file = join(folder, 'replica.sqlite');
  const replica = Replica.open(file, { hubUrl: 'http://hub.example', personId: 'p' });
  replica.applySnapshot(1, snapshotOf(members), 1);
  const queries = ReplicaQueries.open(file);
  cleanups.push(() => replica.close(), () => queries.close());
  return queries;
}

const allowed = async (): Promise<void> => undefined;

describe('U8: the member export from the replica', () => {
  it('issue 12: 100,000 members, byte for byte what the hub-fed writer makes of them, with progress', async () => {
    const awkward = ['=SUM(A1)', 'Doe, "Jane"', 'Line\nbreak', '@home', 'Zoë Ångström'];
    const members = syntheticMembers(100_000).map((member, index) => ({ ...member, isOnline: index % 7 === 0, displayName: index % 500 === 0 ? `${awkward[(index / 500) % awkward.length]} ${index}` : member.displayName }));
    const queries = replicaWith(members);
    const progress: Array<[number, number]> = [];
    const file = join(folder, 'ours.csv');
    const written = await exportMembersCsv({ authorize: allowed, queries, open: () => ({ workspaceId: 'w', isPresenceLive: true }), file, onProgress: (done, total) => progress.push([done, total]) });
    expect(written).toBe(100_000);
    const reference = join(folder, 'reference.csv');
    await writeMembersCsv(reference, members, TEAMS);
    expect((await readFile(file)).equals(await readFile(reference))).toBe(true);
    expect(progress.length).toBeGreaterThanOrEqual(100);
    expect(progress.every(([done, total], index) => total === 100_000 && done >= (progress[index - 1]?.[0] ?? 0))).toBe(true);
    expect(progress.at(-1)).toEqual([100_000, 100_000]);
  }, 180_000);

  it('issue 12 (D1): while the core cannot hear the hub, nobody is "online now": the last time seen is written', async () => {
    const members = syntheticMembers(3).map((member) => ({ ...member, isOnline: true }));
    const queries = replicaWith(members);
    const file = join(folder, 'offline.csv');
    await exportMembersCsv({ authorize: allowed, queries, open: () => ({ workspaceId: 'w', isPresenceLive: false }), file });
    const reference = join(folder, 'reference.csv');
    await writeMembersCsv(reference, members.map((member) => ({ ...member, isOnline: false })), TEAMS);
    expect(await readFile(file, 'utf8')).toBe(await readFile(reference, 'utf8'));
  });

  it('R3/X1: the hub refuses, and nothing is written: no file, not even an empty one', async () => {
    const queries = replicaWith(syntheticMembers(10));
    const file = join(folder, 'refused.csv');
    const refusal = new Error('Managers with the “Data Export” restriction cannot export data');
    await expect(exportMembersCsv({ authorize: () => Promise.reject(refusal), queries, open: () => ({ workspaceId: 'w', isPresenceLive: true }), file })).rejects.toBe(refusal);
    expect(existsSync(file)).toBe(false);
  });

  it('issue 12: a file that cannot be written ends the export with its error instead of waiting', async () => {
    const queries = replicaWith(syntheticMembers(5_000));
    const file = join(folder, 'no-such-folder', 'members.csv');
    await expect(exportMembersCsv({ authorize: allowed, queries, open: () => ({ workspaceId: 'w', isPresenceLive: true }), file })).rejects.toThrow(/ENOENT/);
  });
});

describe('U8/R3: what the hub allows, through a real hub', () => {
  async function desktopOf(hub: TestHub, email: string): Promise<SyncHarness> {
    const session = await hub.signIn(email, MEMBER_PASSWORD);
    const sync = await startSyncHarness({ hubUrl: hub.hub.url, token: session.token, personId: session.personId, workspaceId: hub.workspaceId });
    cleanups.push(() => sync.close());
    sync.client.start();
    await sync.waitOnline();
    await sync.waitFor('snapshot');
    return sync;
  }

  /** The export as the desktop core runs it: the hub's grant (which records the answers it got), then the rows from the replica. */
  function exportThrough(hub: TestHub, sync: SyncHarness, file: string, answers: unknown[] = []) {
    const queries = ReplicaQueries.open(sync.replica.file);
    cleanups.push(() => queries.close());
    const open = () => ({ workspaceId: hub.workspaceId, isPresenceLive: true });
    const ask = async (input: RequestInput<'members.export'>) => {
      const answer = await sync.client.request('members.export', input);
      answers.push(answer);
      return answer;
    };
    return exportMembersCsv({ authorize: () => grantMembersExport({ ask, queries, open, logger: pino({ level: 'silent' }) }), queries, open, file });
  }

  const exported = async (hub: TestHub) => (await hub.hub.store.audit.all(hub.workspaceId)).filter((entry) => entry.action === 'members.exported');

  it('R3/X1: a Manager with other restrictions gets only the count from the hub, audited, and writes byte for byte the file the hub’s rows made; an Agent is refused and writes nothing', async () => {
    const hub = await startTestHub({ plan: 'enterprise' });
    cleanups.push(() => hub.stop());
    const owner = await hub.connect(hub.ownerEmail, OWNER_PASSWORD);
    const team = await owner.mutate('team.create', { name: 'Night shift' });
    await hub.addMember(owner, 'manager@example.com', 'manager', { contactDeletion: true, integrations: true }, 'Mia Manager');
    const agentId = await hub.addMember(owner, 'agent@example.com', 'agent', { contactVisibility: 'self_only', maskContactDetails: true, workflowsButton: true }, '=Agent Smith');
    await owner.mutate('member.set_team', { memberId: agentId, teamId: (team as { team: { id: string } }).team.id });
    await owner.mutate('member.invite', { input: { email: 'pending@example.com', level: 'agent', restrictions: { ...NO_RESTRICTIONS } } });

    const manager = await desktopOf(hub, 'manager@example.com');
    await manager.waitFor('presence');
    const answers: unknown[] = [];
    const file = join(folder, 'manager.csv');
    const written = await exportThrough(hub, manager, file, answers);

    expect(answers).toEqual([{ count: 4, seq: (await hub.hub.store.workspaces.byId(hub.workspaceId))?.seq }]);
    expect(written).toBe(4);
    expect((await exported(hub)).map((entry) => entry.after)).toEqual([{ count: 4 }]);
    // What the export wrote before issue 12: the hub's full answer through the in-memory writer.
    const full = membersExportRowsSchema.parse(await manager.client.request('members.export', {}));
    const reference = join(folder, 'hub.csv');
    await writeMembersCsv(reference, full.members, full.teams);
    expect((await readFile(file)).equals(await readFile(reference))).toBe(true);
    expect((await exported(hub)).map((entry) => entry.after)).toEqual([{ count: 4 }, { count: 4 }]);

    const agent = await desktopOf(hub, 'agent@example.com');
    const agentFile = join(folder, 'agent.csv');
    await expect(exportThrough(hub, agent, agentFile)).rejects.toMatchObject({ code: 'module_unavailable', rule: 'U1', message: 'Agents never see the Users page.' });
    expect(existsSync(agentFile)).toBe(false);
    expect(await exported(hub)).toHaveLength(2);
  }, 60_000);

  it('R3: a Manager with the Data Export restriction is refused by the hub with the reason, nothing is written or recorded', async () => {
    const hub = await startTestHub({ plan: 'enterprise' });
    cleanups.push(() => hub.stop());
    const owner = await hub.connect(hub.ownerEmail, OWNER_PASSWORD);
    await hub.addMember(owner, 'r3@example.com', 'manager', { dataExport: true });
    const manager = await desktopOf(hub, 'r3@example.com');
    const file = join(folder, 'r3.csv');
    await expect(exportThrough(hub, manager, file)).rejects.toMatchObject({ code: 'restricted', rule: 'R3', message: expect.stringContaining('“Data Export” restriction') });
    expect(existsSync(file)).toBe(false);
    expect(await exported(hub)).toEqual([]);
  }, 60_000);
});
