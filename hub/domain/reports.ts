// The member export (U8, R3, recorded in the audit log) and the audit log
// itself (X1, Owners only; its exports are recorded in it too).
import type { AuditEntry } from '../../shared/domain';
import type { RequestOf, RequestResult } from '../../shared/protocol';
import type { AuditRow } from '../store/repos/audit';
import type { MutationContext } from './mutation-context';
import { ensureAllowed } from './mutation-context';
import { toWireMember } from './projection';

export function exportMembers(context: MutationContext): RequestResult<'members.export'> {
  const { store, workspace } = context;
  ensureAllowed(context, { type: 'members.export' });
  const members = store.members.inWorkspace(workspace.id).map((row) => toWireMember(row, context.isOnline));
  context.audit.record('members.exported', null, null, { count: members.length });
  return {
    members,
    teams: store.teams.inWorkspace(workspace.id).map(({ id, workspaceId, name }) => ({ id, workspaceId, name })),
  };
}

function toWireAudit(row: AuditRow): AuditEntry {
  return {
    id: row.id,
    workspaceId: row.workspaceId,
    at: row.at,
    actorMemberId: row.actorMemberId,
    actorName: row.actorName,
    action: row.action,
    targetMemberId: row.targetMemberId,
    targetName: row.targetName,
    before: row.before,
    after: row.after,
  };
}

export function listAudit(context: MutationContext, request: RequestOf<'audit.list'>): RequestResult<'audit.list'> {
  ensureAllowed(context, { type: 'audit.view' });
  const rows = context.store.audit.list(context.workspace.id, {
    action: request.action,
    memberId: request.memberId,
    before: request.before,
    limit: request.limit + 1,
  });
  const page = rows.slice(0, request.limit);
  const hasMore = rows.length > request.limit;
  return { entries: page.map(toWireAudit), nextBefore: hasMore ? (page.at(-1)?.id ?? null) : null };
}

export function exportAudit(context: MutationContext): RequestResult<'audit.export'> {
  ensureAllowed(context, { type: 'audit.export' });
  const entries = context.store.audit.all(context.workspace.id).map(toWireAudit);
  // Recorded after reading, so the export holds what was there when it was asked for.
  context.audit.record('audit.exported', null, null, { count: entries.length });
  return { entries };
}
