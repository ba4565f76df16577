// Issue 13: the core's side of "Invite many": reading a list, sending it to
// the hub as one request with its progress passed on to the window, and
// writing the results or the template to a CSV file the person chooses (D3:
// the save-as dialog, or a download in the web console).
import type { ApiEventName } from '../../../shared/api/methods';
import type { HubRequestType } from '../../../shared/api/methods';
import type { ApiEventPayload, ApiHandlers, SavedCsv } from '../../../shared/api/contract';
import type { Restrictions } from '../../../shared/policy';
import { NO_RESTRICTIONS } from '../../../shared/policy';
import type { RequestResult } from '../../../shared/protocol';
import { MAX_CLIENT_FRAME_BYTES } from '../../../shared/protocol';
import type { BulkInvitationRow, BulkInvitationRowInput, RequestProgress } from '../../../shared/protocol/bulk-invitations';
import { ApiFailure } from '../api-failure';
import type { ExportTarget } from '../desktop-ports';
import { resultsCsv, templateCsv, writeCsvFile } from './bulk-invitation-files';
import { readInvitationList } from './invitation-list';

/** What these calls need of the desktop core (DesktopCore has each). */
export interface BulkInvitationCore {
  hubRequest(type: HubRequestType, body: Record<string, unknown>, onProgress?: (progress: RequestProgress) => void): Promise<unknown>;
  chooseSaveTarget(suggestedName: string): Promise<ExportTarget | null>;
  publish<E extends ApiEventName>(name: E, payload: ApiEventPayload<E>): void;
}

type BulkInvitationHandlers = Pick<ApiHandlers, 'invitations.readList' | 'invitations.previewBulk' | 'invitations.sendBulk' | 'invitations.saveResults' | 'invitations.saveTemplate'>;

/** Room for the request's id, type and mutation id around its rows. */
const ENVELOPE_BYTES = 512;

/** Only the switches that are on, and the team when there is one: a list of 1,000 stays far below the hub's frame limit. */
function compactRow(row: BulkInvitationRow): BulkInvitationRowInput {
  const switchedOn = Object.fromEntries(
    Object.entries(row.restrictions).filter(([key, value]) => NO_RESTRICTIONS[key as keyof Restrictions] !== value),
  ) as Partial<Restrictions>;
  return {
    email: row.email,
    level: row.level,
    ...(row.team === null ? {} : { team: row.team }),
    ...(Object.keys(switchedOn).length > 0 ? { restrictions: switchedOn } : {}),
  };
}

/** The rows as the request carries them; a list the hub would refuse for its size is refused here, in words. */
function requestRows(rows: readonly BulkInvitationRow[]): BulkInvitationRowInput[] {
  const compact = rows.map(compactRow);
  if (Buffer.byteLength(JSON.stringify(compact)) + ENVELOPE_BYTES > MAX_CLIENT_FRAME_BYTES) {
    throw new ApiFailure('list_too_large', 'This list is too large to send at once (its addresses or team names are unusually long). Split it into two lists.');
  }
  return compact;
}

async function previewBulk(core: BulkInvitationCore, rows: readonly BulkInvitationRow[]): Promise<RequestResult<'members.bulk_invite_preview'>> {
  // The sync client parsed the answer with the protocol's schema for this request.
  return (await core.hubRequest('members.bulk_invite_preview', { rows: requestRows(rows) })) as RequestResult<'members.bulk_invite_preview'>;
}

async function sendBulk(core: BulkInvitationCore, rows: readonly BulkInvitationRow[]): Promise<RequestResult<'members.bulk_invite'>> {
  const compact = requestRows(rows);
  core.publish('invitations.progress', { done: 0, total: rows.length });
  const result = (await core.hubRequest('members.bulk_invite', { rows: compact }, (progress) => core.publish('invitations.progress', progress))) as RequestResult<'members.bulk_invite'>;
  core.publish('invitations.progress', { done: rows.length, total: rows.length });
  return result;
}

async function saveCsv(core: BulkInvitationCore, suggestedName: string, text: string, rowCount: number): Promise<SavedCsv> {
  const target = await core.chooseSaveTarget(suggestedName);
  if (!target) return { status: 'cancelled' };
  await writeCsvFile(target.path, text);
  return target.kind === 'file' ? { status: 'saved', filePath: target.path, rowCount } : { status: 'download', url: target.url, fileName: target.fileName, rowCount };
}

export function bulkInvitationHandlers(core: BulkInvitationCore): BulkInvitationHandlers {
  return {
    'invitations.readList': (input) => readInvitationList(input.text),
    'invitations.previewBulk': (input) => previewBulk(core, input.rows),
    'invitations.sendBulk': (input) => sendBulk(core, input.rows),
    'invitations.saveResults': (input) =>
      saveCsv(core, `Invitation results ${new Date().toISOString().slice(0, 10)}.csv`, resultsCsv(input.rows), input.rows.length),
    'invitations.saveTemplate': () => saveCsv(core, 'Invitation list template.csv', templateCsv(), 3),
  };
}
