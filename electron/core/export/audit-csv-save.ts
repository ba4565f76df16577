// X1/D3: "Export CSV" on the Audit log page, end to end: the policy asked
// first (so someone who may not export gets the reason, not a save dialog),
// the save-as dialog (or the web console's download), then the export itself
// (audit-csv-export.ts: the hub decides and records, then the file is
// written). The desktop core calls this with the ports it has; it holds no
// state of its own.
import type { Logger } from 'pino';
import type { AuditCsvInput, ExportResult } from '../../../shared/api/contract';
import type { WorkspaceSummary } from '../../../shared/api/list-queries-contract';
import { decide } from '../../../shared/policy';
import { ApiFailure, offlineFailure } from '../api-failure';
import type { ExportTarget } from '../desktop-ports';
import type { OpenWorkspace } from '../replica/replica-queries';
import type { AuditAsk } from './audit-csv-export';
import { exportAuditCsv } from './audit-csv-export';
import { zonedTime } from './audit-csv';

/** What the export needs of the desktop core. */
export interface AuditCsvPorts {
  /** The open workspace's replica queries (for the signed-in member and the workspace's name), or null when none is open. */
  lists: { queries: { summary(open: OpenWorkspace): WorkspaceSummary | null }; open: OpenWorkspace } | null;
  /** Whether the hub is reachable now (D1: an export needs it). */
  isOnline: boolean;
  ask: AuditAsk;
  /** D3: the save-as dialog, or null when the person cancelled. */
  chooseExportTarget(suggestedName: string): Promise<ExportTarget | null>;
  onProgress(written: number, total: number): void;
  logger: Pick<Logger, 'info' | 'warn'>;
}

/** "Support audit log 2031-03-05.csv": the workspace's name (what a file name may hold of it) and the person's own date. */
export function auditFileName(workspaceName: string, now: number, timeZone: string): string {
  const safeName = workspaceName.replace(/[^\p{L}\p{N} _-]+/gu, '').trim() || 'workspace';
  return `${safeName} audit log ${zonedTime(timeZone)(now).slice(0, 10)}.csv`;
}

export async function saveAuditCsv(request: AuditCsvInput, ports: AuditCsvPorts): Promise<ExportResult> {
  const summary = ports.lists?.queries.summary(ports.lists.open) ?? null;
  if (!summary || !ports.isOnline) throw offlineFailure();
  const self = summary.self;
  if (self) {
    const actor = { memberId: self.id, level: self.level, restrictions: self.restrictions, plan: summary.workspace.plan, teamId: self.teamId };
    const decision = decide(actor, { type: 'audit.export' });
    if (!decision.allowed) throw new ApiFailure(decision.code, decision.message, decision.rule);
  }
  const target = await ports.chooseExportTarget(auditFileName(summary.workspace.name, Date.now(), request.timeZone));
  if (!target) return { status: 'cancelled' };
  const { timeZone, ...filters } = request;
  const rowCount = await exportAuditCsv({ ask: ports.ask, filters, timeZone, file: target.path, onProgress: ports.onProgress, logger: ports.logger });
  return target.kind === 'file'
    ? { status: 'saved', filePath: target.path, rowCount }
    : { status: 'download', url: target.url, fileName: target.fileName, rowCount };
}
