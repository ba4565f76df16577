// X1/D3: the audit log, as the person filtered it, written to a CSV file.
//
// The hub decides first, every time: `audit.export` with `includeEntries:
// false` checks that the person is an Owner and records the export in the
// log (with how many entries and which filters), and answers with that count
// and where `audit.list` starts. Only then is the file created; a refusal, or
// no hub, leaves nothing on disk. The entries then come a page at a time
// (AUDIT_PAGE_LIMIT) through `audit.list` with the same filters: the pages
// hold exactly the entries counted, so no answer the size of a long log is
// ever built, sent or held, and the progress counts towards the hub's count.
//
// A hub from before those fields refuses the unknown keys as
// `invalid_message`, deciding and recording nothing. It is asked again the
// older way, for the whole answer, when the person filtered only by action
// and member (what such a hub understands); with the newer filters it
// cannot apply, the person is told so and nothing is written.
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { rm } from 'node:fs/promises';
import type { Logger } from 'pino';
import { stringify } from 'csv-stringify/sync';
import type { AuditEntry } from '../../../shared/domain';
import type { RequestInput, RequestResult } from '../../../shared/protocol';
import { AUDIT_PAGE_LIMIT } from '../../../shared/protocol/requests';
import { ApiFailure } from '../api-failure';
import { auditCsvColumns, auditCsvRow, zonedTime } from './audit-csv';

export type AuditRequestType = 'audit.export' | 'audit.list';

/** Sends a request to the hub; resolves with its answer, read with the shared schema, or rejects with its refusal. */
export type AuditAsk = <T extends AuditRequestType>(type: T, input: RequestInput<T>) => Promise<RequestResult<T>>;

/** Which entries, as `audit.list` and `audit.export` take them (null: any). */
export interface AuditExportFilters {
  action: AuditEntry['action'] | null;
  memberId: string | null;
  actorMemberId: string | null;
  from: number | null;
  to: number | null;
}

export interface AuditExport {
  ask: AuditAsk;
  filters: AuditExportFilters;
  /** The person's IANA time zone: the second time column and the times in the details. */
  timeZone: string;
  file: string;
  onProgress?: (written: number, total: number) => void;
  logger: Pick<Logger, 'info' | 'warn'>;
}

export const OLDER_HUB_FILTERS_MESSAGE =
  'This hub is older than this app and cannot export by who did it or by date. Clear those filters to export, or ask whoever runs the hub to update it.';

/** Where the entries come from once the hub allowed the export: its pages, or the whole answer of an older hub. */
type EntrySource = { count: number; pages: (write: (entries: AuditEntry[]) => Promise<void>) => Promise<void> };

function pagedSource(job: AuditExport, count: number, nextBefore: number | null): EntrySource {
  return {
    count,
    pages: async (write) => {
      let before = nextBefore;
      while (before !== null) {
        const page = await job.ask('audit.list', { ...job.filters, before, limit: AUDIT_PAGE_LIMIT });
        await write(page.entries);
        before = page.nextBefore;
      }
    },
  };
}

async function authorize(job: AuditExport): Promise<EntrySource> {
  try {
    const answer = await job.ask('audit.export', { ...job.filters, includeEntries: false });
    if ('count' in answer) return pagedSource(job, answer.count, answer.nextBefore);
    // A hub that answered with every entry all the same: write those.
    return { count: answer.entries.length, pages: (write) => write(answer.entries) };
  } catch (error) {
    // Nothing was decided or recorded: the hub could not read the request.
    if (!(error instanceof ApiFailure) || error.code !== 'invalid_message') throw error;
    const { action, memberId, actorMemberId, from, to } = job.filters;
    if (actorMemberId !== null || from !== null || to !== null) {
      job.logger.warn({ reason: error.message }, 'the hub cannot filter the audit export by actor or date; nothing exported');
      throw new ApiFailure('hub_outdated', OLDER_HUB_FILTERS_MESSAGE);
    }
    job.logger.info({ reason: error.message }, 'the hub does not know the paged audit export; asking for it the older way');
    const answer = await job.ask('audit.export', { action, memberId });
    const entries = 'entries' in answer ? answer.entries : [];
    return { count: entries.length, pages: (write) => write(entries) };
  }
}

const CSV_OPTIONS = { record_delimiter: '\r\n' } as const;

/** Writes the entries to `file` once the hub allowed and recorded the export; returns how many were written. */
export async function exportAuditCsv(job: AuditExport): Promise<number> {
  const localTime = zonedTime(job.timeZone);
  const source = await authorize(job);
  const onProgress = job.onProgress ?? (() => undefined);
  const output = createWriteStream(job.file);
  // A stream that fails (a full disk, say) ends the export with its error instead of a wait for a drain that never comes.
  const failed = once(output, 'error').then(([error]) => Promise.reject(error as Error));
  failed.catch(() => undefined);
  let written = 0;
  try {
    output.write(stringify([], { ...CSV_OPTIONS, bom: true, header: true, columns: auditCsvColumns(job.timeZone) }));
    onProgress(0, source.count);
    await source.pages(async (entries) => {
      if (entries.length === 0) return;
      const text = stringify(
        entries.map((entry) => auditCsvRow(entry, localTime)),
        CSV_OPTIONS,
      );
      written += entries.length;
      if (!output.write(text)) await Promise.race([once(output, 'drain'), failed]);
      onProgress(written, source.count);
    });
    output.end();
    await Promise.race([once(output, 'finish'), failed]);
  } catch (error) {
    output.destroy();
    await rm(job.file, { force: true });
    throw error;
  }
  // The log only grows and the pages stop at the entry the hub counted from, so the two agree unless the hub is wrong.
  if (written !== source.count) job.logger.warn({ hubCount: source.count, written }, 'the audit export wrote another number of entries than the hub counted');
  else job.logger.info({ written }, 'audit log exported');
  onProgress(written, written);
  return written;
}
