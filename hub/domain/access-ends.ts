// Issue 13.2, temporary access: the hub's due work on stored end dates. Each
// pass reads from the store what is due now (a warning some days before an
// end, or the end itself) and acts on each once: every action is claimed in
// its own transaction by a conditional statement that re-checks the row
// (members repo: claimWarning, claimEnd, claimEndHeld), so a pass that runs
// twice, after a restart, or on two hubs sharing the store, acts once. Nothing
// here keeps time in memory; the scheduler (hub/server/access-end-scheduler.ts)
// only decides when to run the next pass.
import type { AccessEndingNotice } from '../../shared/protocol';
import { decide } from '../../shared/policy';
import type { NoticeEmail } from '../mail/notice-email';
import type { AccessEndParties } from '../mail/access-end-email';
import { accessEndedToAdmin, accessEndedToMember, accessEndHeldToOwner, accessEndingToAdmin, accessEndingToMember } from '../mail/access-end-email';
import type { HubStore } from '../store/hub-store';
import type { DueAccess, MemberWithPerson } from '../store/repos/members';
import type { WorkspaceRow } from '../store/repos/workspaces';
import { accessEndFacts, accessFacts, AuditWriter } from './audit-writer';
import type { SeqRange } from './change-recorder';
import { ChangeRecorder } from './change-recorder';
import { applyRevoke, asTarget } from './members';
import { actorOf } from './viewer';

const DAY_MS = 24 * 60 * 60 * 1000;

/** What one pass did, for the hub to deliver once each transaction has committed. */
export interface AccessWorkDone {
  /** Changes to broadcast (revoked members, their contacts). */
  touched: Map<string, SeqRange>;
  /** `access_ending` messages for the sockets of these members. */
  warnings: Array<{ workspaceId: string; memberIds: string[]; notices: AccessEndingNotice[]; selfMemberId: string }>;
  emails: NoticeEmail[];
  ended: Array<{ workspaceId: string; memberId: string }>;
  held: Array<{ workspaceId: string; memberId: string }>;
}

/**
 * The active admins who may manage `member` (A4, E3: Owners manage everyone,
 * Managers only Agents), as the policy decides for a revoke, without the
 * member themself.
 */
export async function adminsOf(store: HubStore, workspace: WorkspaceRow, member: MemberWithPerson): Promise<MemberWithPerson[]> {
  return (await store.members.activeAdmins(workspace.id)).filter(
      (admin) =>
        admin.id !== member.id &&
        decide(actorOf(admin, workspace.plan), { type: 'member.revoke', target: asTarget(member), activeOwnerCount: Number.MAX_SAFE_INTEGER, openEndedOwnerCount: Number.MAX_SAFE_INTEGER }).allowed,
    );
}

async function partiesOf(store: HubStore, workspace: WorkspaceRow, member: MemberWithPerson, accessUntil: number): Promise<AccessEndParties> {
  const organizationName = (await store.workspaces.organization(workspace.organizationId))?.name ?? '';
  return { workspaceName: workspace.name, organizationName, member: { displayName: member.displayName, email: member.email }, accessUntil };
}

function emptyWork(): AccessWorkDone {
  return { touched: new Map(), warnings: [], emails: [], ended: [], held: [] };
}

/** The heir still able to receive the contacts (V2: another active member of the workspace), or null. */
async function heirAtEnd(store: HubStore, target: MemberWithPerson): Promise<MemberWithPerson | null> {
  if (target.accessHeirMemberId === null) return null;
  const heir = await store.members.byId(target.accessHeirMemberId);
  const canHold = heir && heir.workspaceId === target.workspaceId && heir.status === 'active' && heir.id !== target.id;
  return canHold ? heir : null;
}

/**
 * The warning a number of days before an end, once per end date: the
 * member (if they have joined) and the admins who may manage them are mailed
 * and their desktops told. False when there was nothing to do (not due, or
 * another runner claimed it).
 */
export async function warnAccessEnding(store: HubStore, due: DueAccess, now: number, work: AccessWorkDone): Promise<boolean> {
  const done = await store.transaction(async (tx) => {
    await tx.locks.workspace(due.workspaceId);
    const member = await tx.members.byId(due.id);
    const workspace = await tx.workspaces.byId(due.workspaceId);
    if (!member || !workspace || member.accessUntil !== due.accessUntil) return null;
    const days = workspace.accessEndWarningDays;
    if (days <= 0 || now >= due.accessUntil || now < due.accessUntil - days * DAY_MS) return null;
    if (!(await tx.members.claimWarning(member.id, due.accessUntil))) return null;
    const facts = await accessEndFacts(tx, member);
    await new AuditWriter(tx, workspace.id, null, now).record('member.access_ending_warned', member, null, { ...facts, days });
    return { member, workspace, admins: await adminsOf(tx, workspace, member), heirName: facts.accessHeir };
  });
  if (!done) return false;
  const { member, workspace, admins, heirName } = done;
  const parties = await partiesOf(store, workspace, member, due.accessUntil);
  const notice = (isSelf: boolean): AccessEndingNotice => ({ memberId: member.id, displayName: member.displayName, email: member.email, accessUntil: due.accessUntil, isSelf });
  // A member who has not joined yet has no desktop and was not told of the workspace's people: only the admins hear.
  if (member.status === 'active') {
    work.emails.push(accessEndingToMember(parties, member.email));
    work.warnings.push({ workspaceId: workspace.id, memberIds: [member.id], notices: [notice(true)], selfMemberId: member.id });
  }
  for (const admin of admins) work.emails.push(accessEndingToAdmin(parties, heirName, admin.email));
  if (admins.length > 0) work.warnings.push({ workspaceId: workspace.id, memberIds: admins.map((admin) => admin.id), notices: [notice(false)], selfMemberId: member.id });
  return true;
}

/**
 * The end: the member is revoked as `member.revoke` does (V1, V2), their
 * contacts going to the heir chosen with the date if that member can still
 * hold them, or left unassigned (and the admins told why). V4 is checked
 * again: the last active Owner is not revoked; the Owners are told once.
 */
export async function endAccess(store: HubStore, due: DueAccess, now: number, work: AccessWorkDone): Promise<boolean> {
  const done = await store.transaction(async (tx) => {
    // V4 counts the active Owners: no other change of the workspace may land between the count and the revoke (hub/store/repos/locks.ts).
    await tx.locks.workspace(due.workspaceId);
    const target = await tx.members.byId(due.id);
    const workspace = await tx.workspaces.byId(due.workspaceId);
    if (!target || !workspace || target.accessUntil !== due.accessUntil || due.accessUntil > now) return null;
    const audit = new AuditWriter(tx, workspace.id, null, now);
    const admins = await adminsOf(tx, workspace, target);
    // V4: a workspace never loses its last active Owner, not even by a date (the policy refuses such a date; this guards the store as it is).
    if (target.level === 'owner' && target.status === 'active' && (await tx.members.activeOwnerCount(workspace.id)) <= 1) {
      if (!(await tx.members.claimEndHeld(target.id, due.accessUntil))) return null;
      await audit.record('member.access_end_held', target, null, { accessUntil: due.accessUntil });
      return { kind: 'held' as const, target, workspace, owners: (await tx.members.activeAdmins(workspace.id)).filter((admin) => admin.level === 'owner') };
    }
    if (!(await tx.members.claimEnd(target.id, due.accessUntil, now))) return null;
    const heir = await heirAtEnd(tx, target);
    const heirWhoLeft = heir === null && target.accessHeirMemberId !== null ? ((await tx.audit.lastNameOf(workspace.id, target.accessHeirMemberId)) ?? 'the member chosen') : null;
    const changes = new ChangeRecorder(tx);
    const count = await applyRevoke({ store: tx, workspace, now, changes }, target, heir);
    // Someone who had joined is told why at their next connection; an invitation that lapsed leaves no desktop to tell.
    if (target.status === 'active') await tx.members.recordEndedAccess({ workspaceId: workspace.id, personId: target.personId, accessUntil: due.accessUntil, endedAt: now });
    await audit.record('member.access_ended', target, { ...accessFacts(target), ...(await accessEndFacts(tx, target)) }, {
      contactsAffected: count,
      contactsMovedTo: heir?.displayName ?? null,
      heirWhoLeft,
    });
    return { kind: 'ended' as const, target, workspace, admins, changes, contacts: { count, heirName: heir?.displayName ?? null, heirWhoLeft } };
  });
  if (!done) return false;
  const parties = await partiesOf(store, done.workspace, done.target, due.accessUntil);
  if (done.kind === 'held') {
    for (const owner of done.owners) work.emails.push(accessEndHeldToOwner(parties, owner.email));
    work.held.push({ workspaceId: done.workspace.id, memberId: done.target.id });
    return true;
  }
  for (const [workspaceId, range] of done.changes.touched()) work.touched.set(workspaceId, mergeRanges(work.touched.get(workspaceId), range));
  if (done.target.status === 'active') work.emails.push(accessEndedToMember(parties, done.target.email));
  for (const admin of done.admins) work.emails.push(accessEndedToAdmin(parties, done.contacts, admin.email));
  work.ended.push({ workspaceId: done.workspace.id, memberId: done.target.id });
  return true;
}

function mergeRanges(earlier: SeqRange | undefined, later: SeqRange): SeqRange {
  return earlier ? { fromSeq: Math.min(earlier.fromSeq, later.fromSeq), toSeq: Math.max(earlier.toSeq, later.toSeq) } : later;
}

/**
 * One pass over everything due at `now`: ends first (a member whose end has
 * come is not warned any more), then warnings. Each item on its own: one
 * that fails is logged by the caller's `onError` and tried again next pass.
 */
export async function runDueAccessWork(store: HubStore, now: number, onError: (error: unknown, due: DueAccess) => void): Promise<AccessWorkDone> {
  const work = emptyWork();
  const { ends, warnings } = await store.members.dueAccess(now);
  // One item after another: each claims its row in a transaction of its own.
  for (const due of ends) {
    try {
      await endAccess(store, due, now, work);
    } catch (error) {
      onError(error, due);
    }
  }
  for (const due of warnings) {
    try {
      await warnAccessEnding(store, due, now, work);
    } catch (error) {
      onError(error, due);
    }
  }
  return work;
}
