// X1/D3: "Export CSV" of the audit log through the desktop's own sync client
// and a real hub, into a real file: the hub decides and records the export
// (with its count and filters) before the file exists; the file holds what
// the filters match, page after page, in the person's time zone beside UTC,
// with every cell a spreadsheet would run neutralised and every name intact.
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { parse } from 'csv-parse/sync';
import pino from 'pino';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { HUB_DATABASE_FILE } from '../../../hub';
import type { AuditHistory } from '../../../hub/testing';
import { AUDIT_TIMES, HOSTILE_NAMES, MEMBER_PASSWORD, OWNER_PASSWORD, startAuditHistory } from '../../../hub/testing';
import type { AuditCsvInput } from '../../../shared/api/contract';
import { ApiFailure } from '../api-failure';
import { ReplicaQueries } from '../replica/replica-queries';
import type { SyncHarness } from '../sync/testing/sync-harness';
import { startSyncHarness } from '../sync/testing/sync-harness';
import type { AuditAsk } from './audit-csv-export';
import { exportAuditCsv, OLDER_HUB_FILTERS_MESSAGE } from './audit-csv-export';
import { saveAuditCsv } from './audit-csv-save';

const silent = pino({ level: 'silent' });
const cleanups: Array<() => Promise<unknown> | unknown> = [];
let history: AuditHistory;
let folder: string;
let ownerDesktop: SyncHarness;

async function desktopOf(email: string, password: string): Promise<SyncHarness> {
  const session = await history.hub.signIn(email, password);
  const sync = await startSyncHarness({ hubUrl: history.hub.hub.url, token: session.token, personId: session.personId, workspaceId: history.hub.workspaceId });
  cleanups.push(() => sync.close());
  sync.client.start();
  await sync.waitOnline();
  await sync.waitFor('snapshot');
  return sync;
}

beforeAll(async () => {
  history = await startAuditHistory();
  folder = await mkdtemp(join(tmpdir(), 'gatehouse-audit-export-'));
  ownerDesktop = await desktopOf(history.hub.ownerEmail, OWNER_PASSWORD);
}, 60_000);

afterAll(async () => {
  while (cleanups.length > 0) await cleanups.pop()?.();
  await history.hub.stop();
  await rm(folder, { recursive: true, force: true });
});

let asked: string[];
beforeEach(() => {
  asked = [];
});

/** The desktop's sync client as the export's port, noting each request it sends and, for the decision, whether the file existed then. */
function askThrough(sync: SyncHarness, file: string): AuditAsk {
  return async (type, input) => {
    const answer = await sync.client.request(type, input);
    asked.push(type === 'audit.export' ? `${type} (file ${existsSync(file) ? 'already there' : 'not there yet'})` : type);
    return answer;
  };
}

const NO_FILTERS = { action: null, memberId: null, actorMemberId: null, from: null, to: null } as const;
const PARIS: AuditCsvInput = { ...NO_FILTERS, timeZone: 'Europe/Paris' };

function saveThrough(sync: SyncHarness, input: AuditCsvInput, file: string | null, progress: Array<[number, number]> = []) {
  const queries = ReplicaQueries.open(sync.replica.file);
  cleanups.push(() => queries.close());
  let isDialogShown = false;
  const result = saveAuditCsv(input, {
    lists: { queries, open: { workspaceId: history.hub.workspaceId, isPresenceLive: true } },
    isOnline: true,
    ask: askThrough(sync, file ?? ''),
    chooseExportTarget: async () => {
      isDialogShown = true;
      return file === null ? null : { kind: 'file', path: file };
    },
    onProgress: (written, total) => progress.push([written, total]),
    logger: silent,
  });
  return { result, isDialogShown: () => isDialogShown };
}

type CsvRow = Record<string, string>;
const readCsv = async (file: string): Promise<CsvRow[]> => parse(await readFile(file), { bom: true, columns: true }) as CsvRow[];
const exportEntries = async () => (await history.hub.hub.store.audit.all(history.hub.workspaceId)).filter((entry) => entry.action === 'audit.exported');

describe('X1: the audit log to a CSV file', () => {
  it('X1: the hub records the export before the file exists; the file holds every entry, newest first, in UTC and in the person’s zone', async () => {
    const file = join(folder, 'everything.csv');
    const before = (await history.hub.hub.store.audit.all(history.hub.workspaceId)).length;
    const progress: Array<[number, number]> = [];
    const saved = await saveThrough(ownerDesktop, PARIS, file, progress).result;

    expect(saved).toEqual({ status: 'saved', filePath: file, rowCount: before });
    expect(asked).toEqual(['audit.export (file not there yet)', 'audit.list']);
    expect((await exportEntries()).at(0)?.after).toEqual({ count: before, filters: { action: null, member: null, actor: null, from: null, to: null } });
    expect(progress.at(0)).toEqual([0, before]);
    expect(progress.at(-1)).toEqual([before, before]);

    const text = await readFile(file, 'utf8');
    expect(text.startsWith('\uFEFFTime (UTC),Time (Europe/Paris),Who,What,Whom,Details\r\n')).toBe(true);
    const rows = await readCsv(file);
    expect(rows).toHaveLength(before);
    // Ada's promotion, at midnight UTC: one in the morning in Paris.
    expect(rows.find((row) => row['What'] === 'Access changed')).toEqual({
      'Time (UTC)': '2031-03-03T00:00:00.000Z',
      'Time (Europe/Paris)': '2031-03-03 01:00:00 +01:00',
      Who: 'Olive Owner',
      What: 'Access changed',
      Whom: `'${HOSTILE_NAMES.ada}`,
      Details: 'Agent → Manager',
    });
    expect(rows.at(0)).toMatchObject({ What: 'Members exported', Whom: '', Details: '3 members', 'Time (UTC)': new Date(AUDIT_TIMES.membersExported).toISOString() });
    expect(rows.find((row) => row['What'] === 'Revoked')).toMatchObject({ Who: 'Olive Owner', Details: 'No contacts to move' });
  });

  it('X1: names a spreadsheet would run are neutralised, and every script, emoji and accent survives', async () => {
    const file = join(folder, 'names.csv');
    await saveThrough(ownerDesktop, PARIS, file).result;
    const rows = await readCsv(file);
    const accepted = rows.filter((row) => row['What'] === 'Accepted').map((row) => [row['Who'], row['Whom']]);
    expect(accepted).toEqual([
      [`'${HOSTILE_NAMES.bo.normalize('NFC')}`, `'${HOSTILE_NAMES.bo.normalize('NFC')}`],
      [`'${HOSTILE_NAMES.mia}`, `'${HOSTILE_NAMES.mia}`],
      [`'${HOSTILE_NAMES.ada}`, `'${HOSTILE_NAMES.ada}`],
      ['Gatehouse', 'Olive Owner'],
    ]);
    // No cell of the file starts with what a spreadsheet takes for a formula.
    for (const row of rows) for (const cell of Object.values(row)) expect(cell, cell).not.toMatch(/^[=+\-@\t\r\n]/);
  });

  it('X1: a filtered export writes exactly what the filters match, and the hub records the filters with names', async () => {
    const file = join(folder, 'mia.csv');
    const input: AuditCsvInput = { ...PARIS, actorMemberId: history.ids.mia, from: Date.UTC(2031, 2, 3), to: Date.UTC(2031, 2, 5) };
    const saved = await saveThrough(ownerDesktop, input, file).result;
    expect(saved).toMatchObject({ status: 'saved', rowCount: 2 });
    expect((await readCsv(file)).map((row) => [row['What'], row['Whom'], row['Details']])).toEqual([
      ['Invited', 'bo@example.com', 'As Agent'],
      ['Accepted', `'${HOSTILE_NAMES.mia}`, 'As Manager'],
    ]);
    expect((await exportEntries()).at(0)?.after).toEqual({
      count: 2,
      filters: { action: null, member: null, actor: { id: history.ids.mia, name: HOSTILE_NAMES.mia }, from: Date.UTC(2031, 2, 3), to: Date.UTC(2031, 2, 5) },
    });
  });

  it('X1: the record of an export reads, in the next export, in words and in the person’s zone', async () => {
    const file = join(folder, 'exports.csv');
    await saveThrough(ownerDesktop, { ...NO_FILTERS, action: 'audit.exported', timeZone: 'America/New_York' }, file).result;
    const details = (await readCsv(file)).map((row) => row['Details']);
    expect(details).toContain(`2 entries: done by ${HOSTILE_NAMES.mia}, from 2031-03-02 19:00:00 -05:00, before 2031-03-04 19:00:00 -05:00`);
  });

  it('X1: a log longer than a page leaves the hub page by page, with progress towards the hub’s count', async () => {
    const seeded = 1_234;
    const sqlite = new Database(join(history.hub.dataDir, HUB_DATABASE_FILE));
    const insert = sqlite.prepare(
      `INSERT INTO audit_log (workspace_id, at, actor_member_id, actor_name, action, target_member_id, target_name, before, after) VALUES (?, ?, ?, 'Olive Owner', 'members.exported', NULL, NULL, NULL, '{"count":3}')`,
    );
    sqlite.transaction(() => {
      for (let index = 0; index < seeded; index += 1) insert.run(history.hub.workspaceId, AUDIT_TIMES.membersExported + 120_000 + index, history.ids.owner);
    })();
    sqlite.close();

    const file = join(folder, 'long.csv');
    const progress: Array<[number, number]> = [];
    const saved = await saveThrough(ownerDesktop, { ...PARIS, action: 'members.exported' }, file, progress).result;
    const total = seeded + 1;
    expect(saved).toMatchObject({ rowCount: total });
    expect(asked).toEqual(['audit.export (file not there yet)', 'audit.list', 'audit.list', 'audit.list']);
    expect(progress).toEqual([[0, total], [500, total], [1000, total], [total, total], [total, total]]);
    const rows = await readCsv(file);
    expect(rows).toHaveLength(total);
    expect(rows.at(-1)?.['Time (UTC)']).toBe(new Date(AUDIT_TIMES.membersExported).toISOString());
  });

  it('X1: a Manager is told why before any save dialog, and the hub refuses one that asks anyway: nothing written, nothing recorded', async () => {
    const manager = await desktopOf('mia@example.com', MEMBER_PASSWORD);
    const file = join(folder, 'manager.csv');
    const recorded = (await exportEntries()).length;
    const attempt = saveThrough(manager, PARIS, file);
    await expect(attempt.result).rejects.toMatchObject({ code: 'owners_only', rule: 'X1', message: 'Only Owners can export the audit log.' });
    expect(attempt.isDialogShown()).toBe(false);

    await expect(
      exportAuditCsv({ ask: askThrough(manager, file), filters: NO_FILTERS, timeZone: 'UTC', file, logger: silent }),
    ).rejects.toMatchObject({ code: 'owners_only', rule: 'X1' });
    expect(existsSync(file)).toBe(false);
    expect(await exportEntries()).toHaveLength(recorded);
  });

  it('X1: cancelling the save dialog asks nothing of the hub and records nothing', async () => {
    const recorded = (await exportEntries()).length;
    expect(await saveThrough(ownerDesktop, PARIS, null).result).toEqual({ status: 'cancelled' });
    expect(asked).toEqual([]);
    expect(await exportEntries()).toHaveLength(recorded);
  });

  describe('X1: a hub from before the paged export', () => {
    /** The refusal such a hub sends for keys it does not know (deciding and recording nothing); everything else reaches the real hub. */
    function olderHub(sync: SyncHarness, file: string): AuditAsk {
      const ask = askThrough(sync, file);
      return async (type, input) => {
        const keys = Object.keys(input);
        if (keys.some((key) => ['includeEntries', 'actorMemberId', 'from', 'to'].includes(key))) {
          asked.push(`${type} refused`);
          throw new ApiFailure('invalid_message', `${keys.join(', ')}: Unrecognized key`);
        }
        return ask(type, input);
      };
    }

    it('X1: with only the action and member filters it knows, the export is asked the older way and written whole', async () => {
      const file = join(folder, 'older.csv');
      const written = await exportAuditCsv({ ask: olderHub(ownerDesktop, file), filters: { ...NO_FILTERS, memberId: history.ids.bo }, timeZone: 'UTC', file, logger: silent });
      expect(asked).toEqual(['audit.export refused', 'audit.export (file not there yet)']);
      expect(written).toBe(3);
      expect((await readCsv(file)).map((row) => row['What'])).toEqual(['Revoked', 'Accepted', 'Invited']);
    });

    it('X1: with filters it cannot apply, the person is told so and nothing is written or recorded', async () => {
      const file = join(folder, 'older-filtered.csv');
      const recorded = (await exportEntries()).length;
      await expect(
        exportAuditCsv({ ask: olderHub(ownerDesktop, file), filters: { ...NO_FILTERS, from: 0 }, timeZone: 'UTC', file, logger: silent }),
      ).rejects.toMatchObject({ code: 'hub_outdated', message: OLDER_HUB_FILTERS_MESSAGE });
      expect(existsSync(file)).toBe(false);
      expect(await exportEntries()).toHaveLength(recorded);
    });
  });

  it('X1: a file that cannot be written ends the export with its error and leaves nothing behind', async () => {
    const file = join(folder, 'no-such-folder', 'audit.csv');
    await expect(exportAuditCsv({ ask: askThrough(ownerDesktop, file), filters: NO_FILTERS, timeZone: 'UTC', file, logger: silent })).rejects.toThrow(/ENOENT/);
    expect(existsSync(file)).toBe(false);
  });
});
