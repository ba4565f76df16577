// U8/X1, issue 12: what the desktop does with the hub's grant before a row is
// written. The replica is real (a file, its list queries, changes applied the
// sync client's way); the hub is a port answering as a hub would, to play a
// replica that is behind and a hub from before `includeRows`. The real hub
// is in members-csv-export.test.ts and hub/members-export-grant.test.ts.
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Member } from '../../../shared/domain';
import type { RequestInput, RequestResult, WorkspaceSnapshot } from '../../../shared/protocol';
import { ApiFailure } from '../api-failure';
import { Replica } from '../replica/replica';
import { ReplicaQueries } from '../replica/replica-queries';
import { syntheticMembers } from '../testing/synthetic-members';
import { exportMembersCsv } from './members-csv-export';
import type { ExportGrantRequest } from './members-export-grant';
import { grantMembersExport, REPLICA_BEHIND_MESSAGE } from './members-export-grant';

interface LogLine {
  level: number;
  msg: string;
  [field: string]: unknown;
}

let folder: string;
let replica: Replica;
let queries: ReplicaQueries;
let logLines: LogLine[];
const logger = () => pino({ level: 'info' }, { write: (line: string) => void logLines.push(JSON.parse(line) as LogLine) });

const MEMBERS = syntheticMembers(5);
const open = () => ({ workspaceId: 'w', isPresenceLive: false });

function snapshotOf(members: Member[]): WorkspaceSnapshot {
  return {
    organization: { id: 'o', name: 'Acme' },
    workspace: { id: 'w', organizationId: 'o', name: 'Support', plan: 'advanced', accessEndWarningDays: 3 },
    selfMemberId: 'm0',
    members,
    teams: [{ id: 't1', workspaceId: 'w', name: 'Support' }],
    contacts: [],
    preferences: { scope: 'everyone', memberIds: [], notifyOnline: true, notifyOffline: false },
  };
}

beforeEach(async () => {
  folder = await mkdtemp(join(tmpdir(), 'gatehouse-grant-'));
  const file = join(folder, 'replica.sqlite');
  replica = Replica.open(file, { hubUrl: 'http://hub.example', personId: 'p' });
  replica.applySnapshot(7, snapshotOf(MEMBERS), 1);
  queries = ReplicaQueries.open(file);
  logLines = [];
});
afterEach(async () => {
  queries.close();
  replica.close();
  await rm(folder, { recursive: true, force: true });
});

/** A hub port that answers each request with the next of `answers` (an error is thrown as the hub's refusal), keeping what was asked. */
function hubAnswering(...answers: Array<RequestResult<'members.export'> | ApiFailure>) {
  const asked: Array<RequestInput<'members.export'>> = [];
  const ask = (input: RequestInput<'members.export'>): Promise<RequestResult<'members.export'>> => {
    asked.push(input);
    const answer = answers.shift();
    if (answer === undefined) return Promise.reject(new Error('asked once too often'));
    return answer instanceof ApiFailure ? Promise.reject(answer) : Promise.resolve(answer);
  };
  return { asked, ask };
}

const request = (ask: ExportGrantRequest['ask'], catchUpMs?: number): ExportGrantRequest => ({ ask, queries, open, logger: logger(), ...(catchUpMs === undefined ? {} : { catchUpMs }) });

/** One member more, as the hub's next change would bring it. */
const newcomer: Member = { ...syntheticMembers(6)[5] as Member, id: 'newcomer', email: 'newcomer@example.com', displayName: 'Nora Newcomer' };

describe('U8: the replica holds what the hub counted before a row is written', () => {
  it('U8: a replica already at the hub’s seq is written at once, with the count the hub recorded', async () => {
    const hub = hubAnswering({ count: 5, seq: 7 });
    const grant = await grantMembersExport(request(hub.ask));
    expect(grant).toEqual({ count: 5, seq: 7 });
    expect(hub.asked).toEqual([{ includeRows: false }]);
    expect(logLines.find((line) => line.msg === 'the hub allowed the member export')).toMatchObject({ hubCount: 5, hubSeq: 7, replicaSeq: 7, replicaMembers: 5 });
  });

  it('U8: a replica behind the hub’s seq is waited for; the file then holds the member the hub counted and the replica had not yet got', async () => {
    const hub = hubAnswering({ count: 6, seq: 8 });
    let isChangeApplied = false;
    setTimeout(() => {
      isChangeApplied = replica.applyChanges('w', 7, 8, { members: { upserted: [newcomer], deleted: [] }, teams: { upserted: [], deleted: [] }, contacts: { upserted: [], deleted: [] } }, 2);
    }, 300);
    const file = join(folder, 'members.csv');
    const written = await exportMembersCsv({
      authorize: async () => {
        await grantMembersExport(request(hub.ask));
        expect(isChangeApplied).toBe(true);
      },
      queries,
      open,
      file,
    });
    expect(written).toBe(6);
    expect(await readFile(file, 'utf8')).toContain('Nora Newcomer,newcomer@example.com');
  });

  it('U8: a replica that does not catch up in time writes nothing, and says why', async () => {
    const hub = hubAnswering({ count: 6, seq: 8 });
    const file = join(folder, 'behind.csv');
    await expect(exportMembersCsv({ authorize: () => grantMembersExport(request(hub.ask, 300)), queries, open, file })).rejects.toMatchObject({ code: 'replica_behind', message: REPLICA_BEHIND_MESSAGE });
    expect(existsSync(file)).toBe(false);
    expect(logLines.find((line) => line.msg.startsWith('the replica did not reach the seq'))).toMatchObject({ hubSeq: 8, replicaSeq: 7 });
  });

  it('U8: a replica ahead of the hub’s seq is written as it is: members changed since the count are in the file', async () => {
    replica.applyChanges('w', 7, 8, { members: { upserted: [newcomer], deleted: [] }, teams: { upserted: [], deleted: [] }, contacts: { upserted: [], deleted: [] } }, 2);
    const hub = hubAnswering({ count: 5, seq: 7 });
    const written = await exportMembersCsv({ authorize: () => grantMembersExport(request(hub.ask)), queries, open, file: join(folder, 'ahead.csv') });
    expect(written).toBe(6);
  });

  it('U8: at the same seq, a replica holding another number of members than the hub counted (records it could not read) is written down', async () => {
    const hub = hubAnswering({ count: 9, seq: 7 });
    await grantMembersExport(request(hub.ask));
    expect(logLines.find((line) => line.msg.startsWith('the replica holds another number of members'))).toMatchObject({ level: 40, hubCount: 9, replicaMembers: 5 });
  });
});

describe('U8/R3: refusals and older hubs', () => {
  it('R3: a refusal is passed on as the hub gave it, asked once', async () => {
    const refusal = new ApiFailure('restricted', 'Managers with the “Data Export” restriction cannot export data', 'R3');
    const hub = hubAnswering(refusal);
    await expect(grantMembersExport(request(hub.ask))).rejects.toBe(refusal);
    expect(hub.asked).toEqual([{ includeRows: false }]);
  });

  it('U8: a hub from before includeRows refuses the key as unreadable; it is asked the older way and its full answer is counted', async () => {
    const hub = hubAnswering(new ApiFailure('invalid_message', 'Unrecognized key: "includeRows"'), { members: MEMBERS, teams: [] });
    const file = join(folder, 'older-hub.csv');
    const written = await exportMembersCsv({ authorize: () => grantMembersExport(request(hub.ask)), queries, open, file });
    expect(hub.asked).toEqual([{ includeRows: false }, {}]);
    expect(written).toBe(5);
    expect(logLines.some((line) => line.msg.startsWith('the hub does not know includeRows'))).toBe(true);
  });
});
