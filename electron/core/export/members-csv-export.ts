// U8/D3/R3: the member export, streamed from the local replica (issue 12).
//
// The hub still decides first, every time: `authorize` is the hub's
// members.export request (members-export-grant.ts), which checks R3 and
// records the export in the audit log (X1), and answers with the count it
// recorded, not the members. Only once it has answered, and the replica
// holds what it counted, is the file created; a refusal (or no hub) leaves
// nothing on disk.
//
// Why the replica and not the hub's rows: the hub answers members.export
// only to someone who may open the Users page, and to exactly those members
// it sends the whole member list, unmasked, in every snapshot and change
// (hub/domain/projection.ts: members are never masked or filtered, only
// contacts are). So the replica holds the same members, with the same
// fields, as the hub's full answer would; the file says the same as the
// hub's rows would (members-csv-export.test.ts compares them through a real
// hub), without sending, parsing or holding 100,000 of them.
//
// Rows are read with an iterating prepared statement, in the hub's own order
// (invited, then id), a batch at a time, and written to the file stream,
// waiting whenever the file asks to; the statement is closed while the file
// drains, and the next batch starts after the last row. csv-stringify
// writes the header and every row with a comma, a quote or a line break in
// a cell; a row without any is exactly its cells joined by commas, which is
// what csv-stringify would write, without its per-field checks and
// allocations (half the export's time at 100,000 members). The test of
// 100,000 members compares the file byte for byte with csv-stringify's.
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { rm } from 'node:fs/promises';
import { stringify } from 'csv-stringify/sync';
import type { Restrictions } from '../../../shared/policy';
import { ACCESS_LEVEL_LABELS, ACCESS_LEVELS } from '../../../shared/policy';
import type { ExportCursor, MemberExportRow, OpenWorkspace, ReplicaQueries } from '../replica/replica-queries';
import { isoTime, MEMBER_CSV_COLUMNS, neutraliseFormula, restrictionsCell } from './members-csv';

export interface MemberExport {
  /** The hub's decision (grantMembersExport): resolves once the hub allowed and recorded it and the replica may be read, rejects with its refusal. */
  authorize: () => Promise<unknown>;
  queries: ReplicaQueries;
  /** Read when the hub has answered, so presence is as the core knows it then. */
  open: () => OpenWorkspace;
  file: string;
  onProgress?: (written: number, total: number) => void;
}

/** Rows per batch: 1% of 100,000, so each batch is one step of progress. */
const BATCH = 1_000;

/** What makes csv-stringify quote a cell, with the export's options (comma, double quote, CRLF). */
const NEEDS_QUOTING = /[",\r\n]/;

const CSV_OPTIONS = { record_delimiter: '\r\n' } as const;

/** By level rank (0 Owner, 1 Manager, 2 Agent), as the replica stores it. */
const LEVEL_LABELS = ACCESS_LEVELS.map((level) => ACCESS_LEVEL_LABELS[level]);

/** Few members share many sets of restrictions: each set is written into words once. */
class RestrictionCells {
  private readonly cells = new Map<string, string>();

  of(json: string): string {
    let cell = this.cells.get(json);
    if (cell === undefined) {
      cell = restrictionsCell(JSON.parse(json) as Restrictions);
      this.cells.set(json, cell);
    }
    return cell;
  }
}

/**
 * One member's CSV record: the same cells as memberCsvRow() writes for the
 * same member (members-csv-export.test.ts compares the files). Only the
 * cells a person typed can start like a formula or hold a comma, a quote or
 * a line break; the others are words and times.
 */
function exportRecord(row: MemberExportRow, isPresenceLive: boolean, teamNames: ReadonlyMap<string, string>, restrictions: RestrictionCells): string {
  const [, invitedAt, displayName, email, levelRank, isPending, teamId, restrictionsJson, isOnline, lastSeenAt, joinedAt] = row;
  const name = neutraliseFormula(displayName);
  const address = neutraliseFormula(email);
  const team = teamId === null ? '' : neutraliseFormula(teamNames.get(teamId) ?? '');
  const cells = [name, address, LEVEL_LABELS[levelRank] ?? '', isPending ? 'Pending' : 'Active', team, restrictions.of(restrictionsJson)] as const;
  const lastSeen = isPresenceLive && isOnline ? 'online now' : isoTime(lastSeenAt);
  if (NEEDS_QUOTING.test(name) || NEEDS_QUOTING.test(address) || NEEDS_QUOTING.test(team) || NEEDS_QUOTING.test(cells[5])) {
    return stringify([[...cells, lastSeen, isoTime(invitedAt), isoTime(joinedAt)]], CSV_OPTIONS);
  }
  // What csv-stringify writes for cells that need no quoting: them, joined by commas.
  return `${cells.join(',')},${lastSeen},${isoTime(invitedAt)},${isoTime(joinedAt)}\r\n`;
}

/** Writes the members to `file` once the hub allowed it; returns how many were written. */
export async function exportMembersCsv(job: MemberExport): Promise<number> {
  await job.authorize();
  const { queries, file } = job;
  const open = job.open();
  const onProgress = job.onProgress ?? (() => undefined);
  const total = queries.exportTotal(open.workspaceId);
  const teamNames = queries.teamNames(open.workspaceId);
  const restrictions = new RestrictionCells();
  const output = createWriteStream(file);
  // A stream that fails (a full disk, say) ends the export with its error instead of a wait for a drain that never comes.
  const failed = once(output, 'error').then(([error]) => Promise.reject(error as Error));
  failed.catch(() => undefined);
  let written = 0;
  try {
    output.write(stringify([], { ...CSV_OPTIONS, bom: true, header: true, columns: [...MEMBER_CSV_COLUMNS] }));
    let cursor: ExportCursor | null = null;
    do {
      let text = '';
      let count = 0;
      cursor = queries.readMembersForExport(open.workspaceId, cursor, (row) => {
        text += exportRecord(row, open.isPresenceLive, teamNames, restrictions);
        count += 1;
        return count < BATCH;
      });
      written += count;
      if (!output.write(text)) await Promise.race([once(output, 'drain'), failed]);
      onProgress(written, total);
    } while (cursor);
    output.end();
    await Promise.race([once(output, 'finish'), failed]);
  } catch (error) {
    output.destroy();
    await rm(file, { force: true });
    throw error;
  }
  onProgress(written, written);
  return written;
}
