// The member export (U8, R3, recorded in the audit log) and the audit log
// itself (X1, Owners only; its exports are recorded in it too).
import type { AuditEntry } from '../../shared/domain';
import type { RequestOf, RequestResult } from '../../shared/protocol';
import type { AuditRow } from '../store/repos/audit';
import type { MutationContext } from './mutation-context';
import { ensureAllowed } from './mutation-context';
import { toWireMember } from './projection';

/**
 * U8/R3/X1: decided and recorded every time. With `includeRows` false (a
 * desktop that writes the file from its replica) the answer is the count the
 * audit entry holds and the seq it was counted at, not the members: 100,000
 * of them are read, projected and serialized (49 MB) in about 2 s, for a
 * desktop that has them already.
 */
export function exportMembers(context: MutationContext, request: Pick<RequestOf<'members.export'>, 'includeRows'>): RequestResult<'members.export'> {
  const { store, workspace } = context;
  ensureAllowed(context, { type: 'members.export' });
  if (!request.includeRows) {
    const count = memberCountOf(context);
    context.audit.record('members.exported', null, null, { count });
    // Nothing in this transaction raises the seq (the audit log is not a change), so it is the state the count was taken in.
    return { count, seq: workspace.seq };
  }
  const members = store.members.inWorkspace(workspace.id).map((row) => toWireMember(row, context.isOnline));
  context.audit.record('members.exported', null, null, { count: members.length });
  return {
    members,
    teams: store.teams.inWorkspace(workspace.id).map(({ id, workspaceId, name }) => ({ id, workspaceId, name })),
  };
}

/**
 * How many members the full answer would carry: every member of the
 * workspace, pending ones included. U1: whoever may export may open the
 * Users page, and receives every member unmasked (R5 hides and R7 masks
 * contacts only), so no member is left out for the exporter. Counted by
 * SQLite on the workspace's index, never by reading the members.
 */
function memberCountOf(context: MutationContext): number {
  return context.store.members.countInWorkspace(context.workspace.id);
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
