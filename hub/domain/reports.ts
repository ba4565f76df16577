// The member export (U8, R3, recorded in the audit log) and the audit log
// itself (X1, Owners only; its exports are recorded in it too, with the
// filters they were made with).
import type { AuditEntry } from '../../shared/domain';
import type { RequestOf, RequestResult } from '../../shared/protocol';
import type { AuditFilter, AuditRow } from '../store/repos/audit';
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
export async function exportMembers(context: MutationContext, request: Pick<RequestOf<'members.export'>, 'includeRows'>): Promise<RequestResult<'members.export'>> {
  const { store, workspace } = context;
  ensureAllowed(context, { type: 'members.export' });
  if (!request.includeRows) {
    const count = await memberCountOf(context);
    await context.audit.record('members.exported', null, null, { count });
    // Nothing in this transaction raises the seq (the audit log is not a change), so it is the state the count was taken in.
    return { count, seq: workspace.seq };
  }
  const members = (await store.members.inWorkspace(workspace.id)).map((row) => toWireMember(row, context.isOnline));
  await context.audit.record('members.exported', null, null, { count: members.length });
  return {
    members,
    teams: (await store.teams.inWorkspace(workspace.id)).map(({ id, workspaceId, name }) => ({ id, workspaceId, name })),
  };
}

/**
 * How many members the full answer would carry: every member of the
 * workspace, pending ones included. U1: whoever may export may open the
 * Users page, and receives every member unmasked (R5 hides and R7 masks
 * contacts only), so no member is left out for the exporter. Counted by
 * SQLite on the workspace's index, never by reading the members.
 */
function memberCountOf(context: MutationContext): Promise<number> {
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

type AuditFilterFields = Pick<RequestOf<'audit.list'>, 'action' | 'memberId' | 'actorMemberId' | 'from' | 'to'>;

function filterOf(request: AuditFilterFields, before: number | null): AuditFilter {
  return { action: request.action, memberId: request.memberId, actorMemberId: request.actorMemberId, from: request.from, to: request.to, before };
}

/** A member an export was filtered by, named as now, or as the log last named them (they may have been revoked since). */
async function namedMember(context: MutationContext, memberId: string | null): Promise<{ id: string; name: string | null } | null> {
  if (memberId === null) return null;
  const member = await context.store.members.byId(memberId);
  const name = member && member.workspaceId === context.workspace.id ? member.displayName : await context.store.audit.lastNameOf(context.workspace.id, memberId);
  return { id: memberId, name };
}

/**
 * What an `audit.exported` entry keeps of the filters, so a reviewer reads
 * which part of the log left the hub: the member filters with the names
 * they had then (the entry is read long after).
 */
async function recordedFilters(context: MutationContext, request: AuditFilterFields): Promise<Record<string, unknown>> {
  return {
    action: request.action,
    member: await namedMember(context, request.memberId),
    actor: await namedMember(context, request.actorMemberId),
    from: request.from,
    to: request.to,
  };
}

export async function listAudit(context: MutationContext, request: RequestOf<'audit.list'>): Promise<RequestResult<'audit.list'>> {
  ensureAllowed(context, { type: 'audit.view' });
  const rows = await context.store.audit.list(context.workspace.id, filterOf(request, request.before), request.limit + 1);
  const page = rows.slice(0, request.limit);
  const hasMore = rows.length > request.limit;
  return { entries: page.map(toWireAudit), nextBefore: hasMore ? (page.at(-1)?.id ?? null) : null };
}

/**
 * X1: decided and recorded every time, with the count and the filters. With
 * `includeEntries` false the answer is the count and the `before` from which
 * `audit.list`, with the same filters, pages through exactly the entries
 * counted: the log only grows, and everything written after this export
 * (its own entry first) has a larger id. So a log of any size leaves the hub
 * a page (at most AUDIT_PAGE_LIMIT entries) at a time.
 */
export async function exportAudit(context: MutationContext, request: RequestOf<'audit.export'>): Promise<RequestResult<'audit.export'>> {
  ensureAllowed(context, { type: 'audit.export' });
  const { store, workspace } = context;
  const filters = await recordedFilters(context, request);
  if (!request.includeEntries) {
    const newest = await store.audit.newestId(workspace.id);
    const nextBefore = newest === null ? null : newest + 1;
    const count = nextBefore === null ? 0 : await store.audit.count(workspace.id, filterOf(request, nextBefore));
    await context.audit.record('audit.exported', null, null, { count, filters });
    return { count, nextBefore: count === 0 ? null : nextBefore };
  }
  // The whole answer, as older clients ask for it: read before recording, so the export holds what was there when it was asked for.
  const entries = (await store.audit.matching(workspace.id, filterOf(request, null))).map(toWireAudit);
  await context.audit.record('audit.exported', null, null, { count: entries.length, filters });
  return { entries };
}
