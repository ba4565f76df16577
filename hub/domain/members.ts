// Invite (A1-A6), edit (E1-E3), revoke (V1-V4) and team assignment of members.
import type { EditMemberInput, InviteMemberInput, RevokeMemberInput } from '../../shared/domain';
import { ACCESS_LEVEL_LABELS, accessEndRefusal, accessHeirRefusal, effectiveRestrictions } from '../../shared/policy';
import type { MemberTarget, Restrictions } from '../../shared/policy';
import type { RequestResult } from '../../shared/protocol';
import { newId } from '../auth/tokens';
import type { MemberWithPerson } from '../store/repos/members';
import type { PersonRow } from '../store/repos/people';
import { accessEndFacts, accessFacts } from './audit-writer';
import { HubFailure, notFound } from './hub-failure';
import type { CreatedLink } from './invitation-links';
import { createInvitationLink } from './invitation-links';
import type { ChangeRecorder } from './change-recorder';
import type { MutationContext } from './mutation-context';
import { ensureAllowed } from './mutation-context';
import { toWireMember } from './projection';

/** A member of the acting member's workspace, or not_found. */
export async function memberInWorkspace(context: MutationContext, memberId: string): Promise<MemberWithPerson> {
  const member = await context.store.members.byId(memberId);
  if (!member || member.workspaceId !== context.workspace.id) throw notFound('The member');
  return member;
}

export function asTarget(member: MemberWithPerson): MemberTarget {
  return { memberId: member.id, level: member.level, status: member.status, accessUntil: member.accessUntil };
}

/**
 * Issue 13.2: refuses an end date that is not in the future or too far
 * ahead, and an heir who could not receive the contacts (V2: another active
 * member of this workspace), or an heir without an end date. Only the values
 * a request sets are checked (`accessUntil`, `heirId`; null: nothing to check);
 * `endAfter` is the end date the member has once it applies. `memberId` null:
 * an invitation, not yet a member.
 */
export async function checkAccessEnd(
  context: MutationContext,
  change: { accessUntil: number | null; endAfter: number | null; heirId: string | null },
  memberId: string | null,
): Promise<void> {
  const { accessUntil, endAfter, heirId } = change;
  const dateRefusal = accessEndRefusal(accessUntil, context.now);
  if (dateRefusal) throw new HubFailure('access_end_invalid', dateRefusal);
  if (heirId !== null && endAfter === null) {
    throw new HubFailure('access_heir_invalid', 'Choose who receives the contacts only together with an end of access.');
  }
  const heir = heirId === null ? undefined : await context.store.members.byId(heirId);
  const candidate = heir && { memberId: heir.id, workspaceId: heir.workspaceId, status: heir.status };
  const heirRefusal = accessHeirRefusal(heirId, candidate, { memberId, workspaceId: context.workspace.id });
  if (heirRefusal) throw new HubFailure('access_heir_invalid', heirRefusal);
}

function defaultDisplayName(email: string): string {
  return email.split('@')[0] ?? email;
}

export async function queueInvitationEmail(context: MutationContext, member: MemberWithPerson, link: { inviteUrl: string; expiresAt: number }): Promise<void> {
  const organization = await context.store.workspaces.organization(context.workspace.organizationId);
  context.outbox.push({
    to: member.email,
    inviteUrl: link.inviteUrl,
    workspaceName: context.workspace.name,
    organizationName: organization?.name ?? '',
    invitedByName: context.viewer.member.displayName,
    level: ACCESS_LEVEL_LABELS[member.level],
    expiresAt: link.expiresAt,
  });
}

/**
 * A4, A5: whether `input` may be invited into this workspace now, asked of the
 * shared policy and the store; throws the refusal. Answers the person the hub
 * already knows by that address, if any. The one check of an invitation:
 * `member.invite` and each row of a bulk invitation (its preview and its
 * commit) go through it.
 */
export async function checkInvitation(context: MutationContext, input: InviteMemberInput): Promise<PersonRow | undefined> {
  const { store, workspace } = context;
  ensureAllowed(context, { type: 'member.invite', level: input.level, restrictions: input.restrictions });
  await checkAccessEnd(context, { accessUntil: input.accessUntil ?? null, endAfter: input.accessUntil ?? null, heirId: input.accessHeirId ?? null }, null);
  const person = await store.people.byEmail(input.email);
  if (!person) return undefined;
  const existing = await store.members.byPerson(workspace.id, person.id);
  if (existing?.status === 'pending') {
    throw new HubFailure('already_invited', `${input.email} is already invited to this workspace; resend the invitation instead.`);
  }
  if (existing) throw new HubFailure('already_member', `${input.email} is already a member of this workspace.`);
  return person;
}

/**
 * Writes an invitation `checkInvitation` allowed: the person (new to the hub
 * or not) joins the organization, the pending member and its link are made,
 * the change and the audit entry recorded and the email queued.
 */
export async function createInvitation(
  context: MutationContext,
  input: InviteMemberInput,
  known: PersonRow | undefined,
  teamId: string | null = null,
): Promise<{ member: MemberWithPerson; link: CreatedLink }> {
  const { store, workspace, now } = context;
  const person = known ?? {
    id: newId(),
    email: input.email,
    displayName: defaultDisplayName(input.email),
    avatarDataUrl: null,
    passwordHash: null,
    createdAt: now,
    updatedAt: now,
  };
  if (!known) await store.people.insert(person);
  // A3 / O1: joining a workspace brings the person into its organization.
  await store.people.addToOrganization(workspace.organizationId, person.id, now);

  const memberId = newId();
  await store.members.insert({
    id: memberId,
    workspaceId: workspace.id,
    personId: person.id,
    level: input.level,
    restrictions: input.restrictions,
    status: 'pending',
    teamId,
    invitedAt: now,
    invitedBy: context.viewer.member.id,
    joinedAt: null,
    lastSeenAt: null,
    version: 1,
    // Issue 13.2: an heir only comes with an end date.
    accessUntil: input.accessUntil ?? null,
    accessHeirMemberId: input.accessUntil == null ? null : (input.accessHeirId ?? null),
  });
  // Issue 13.2: invited again, the person's desktop is no longer told that an earlier access of theirs ended.
  await store.members.forgetEndedAccess(workspace.id, person.id);
  const member = await memberInWorkspace(context, memberId);
  const link = await createInvitationLink(context, memberId);
  await context.changes.record(workspace.id, 'member', memberId);
  await context.audit.record('member.invited', member, null, { ...accessFacts(member), ...(await accessEndFacts(store, member)) });
  if (member.accessUntil !== null) context.accessEndsChanged = true;
  await queueInvitationEmail(context, member, link);
  return { member, link };
}

export async function inviteMember(context: MutationContext, input: InviteMemberInput): Promise<RequestResult<'member.invite'>> {
  const { member, link } = await createInvitation(context, input, await checkInvitation(context, input));
  return { member: toWireMember(member, context.isOnline), ...link, isEmailed: false };
}

/**
 * E1: the restrictions after an edit. A switch the edit leaves out keeps its
 * current value, so changing only the level lifts nothing; switches that do not
 * apply to the new level (or plan) are dropped. The policy then decides on the
 * whole merged set.
 */
function restrictionsAfterEdit(context: MutationContext, target: MemberWithPerson, input: EditMemberInput): Restrictions {
  const kept = effectiveRestrictions(input.level, context.workspace.plan, target.restrictions);
  return { ...kept, ...input.restrictions };
}

export async function editMember(context: MutationContext, input: EditMemberInput): Promise<RequestResult<'member.edit'>> {
  const { store, workspace } = context;
  const target = await memberInWorkspace(context, input.memberId);
  const restrictions = restrictionsAfterEdit(context, target, input);
  // Issue 13.2: left out, the end date and heir stay; an heir only comes with an end date.
  const accessUntil = input.accessUntil === undefined ? target.accessUntil : input.accessUntil;
  const accessHeirMemberId = accessUntil === null ? null : input.accessHeirId === undefined ? target.accessHeirMemberId : input.accessHeirId;
  ensureAllowed(context, {
    type: 'member.edit',
    target: asTarget(target),
    level: input.level,
    restrictions,
    activeOwnerCount: await store.members.activeOwnerCount(workspace.id),
    accessUntil,
    openEndedOwnerCount: await store.members.openEndedOwnerCount(workspace.id),
  });
  await checkAccessEnd(
    context,
    {
      accessUntil: input.accessUntil === undefined ? null : accessUntil,
      endAfter: accessUntil,
      // A new date checks the heir kept with it again (they may have left since); a removed end takes its heir with it.
      heirId: input.accessHeirId !== undefined ? input.accessHeirId : input.accessUntil === undefined ? null : accessHeirMemberId,
    },
    target.id,
  );
  if (target.version !== input.baseVersion) {
    throw new HubFailure(
      'conflict',
      `${target.displayName} was changed by someone else since you opened it; review the current access and try again.`,
      undefined,
      toWireMember(target, context.isOnline),
    );
  }
  await store.members.update(target.id, { level: input.level, restrictions, accessUntil, accessHeirMemberId });
  const updated = await memberInWorkspace(context, target.id);
  await context.changes.record(workspace.id, 'member', target.id);
  await context.audit.record(
    'member.edited',
    updated,
    { ...accessFacts(target), ...(await accessEndFacts(store, target)) },
    { ...accessFacts(updated), ...(await accessEndFacts(store, updated)) },
  );
  if (accessUntil !== target.accessUntil) context.accessEndsChanged = true;
  return { member: toWireMember(updated, context.isOnline) };
}

/** What a revoke changes, whoever asked for it: a request, a review, or the end of the member's access date. */
export interface RevokeScope {
  store: MutationContext['store'];
  workspace: MutationContext['workspace'];
  now: number;
  changes: ChangeRecorder;
}

/**
 * V2: the member who receives a revoked member's contacts, checked: another
 * active member of this workspace. Null when `heirId` is.
 */
export async function revokeHeir(scope: RevokeScope, target: MemberWithPerson, heirId: string | null): Promise<MemberWithPerson | null> {
  if (heirId === null) return null;
  const heir = await scope.store.members.byId(heirId);
  if (!heir || heir.workspaceId !== scope.workspace.id || heir.status !== 'active' || heir.id === target.id) {
    throw new HubFailure('invalid_reassignment', 'Contacts can only be moved to another active member of this workspace.');
  }
  return heir;
}

/**
 * V1, V2: the revoke itself, once allowed: the member's contacts move to the
 * heir (or become unassigned) in the same transaction, a live invitation is
 * cancelled, and the membership goes (the person stays in the organization).
 * Returns how many contacts moved.
 */
export async function applyRevoke(scope: RevokeScope, target: MemberWithPerson, heir: MemberWithPerson | null): Promise<number> {
  const { store, workspace, now } = scope;
  const contacts = await store.contacts.assignedTo(target.id);
  for (const contact of contacts) {
    await store.contacts.update(contact.id, { assigneeId: heir?.id ?? null }, now);
    await scope.changes.record(workspace.id, 'contact', contact.id);
  }
  const live = await store.invitations.liveFor(target.id);
  if (live) await store.invitations.cancel(live.id, now);
  await store.audit.deletePreferences(target.id);
  await store.members.delete(target.id);
  await scope.changes.record(workspace.id, 'member', target.id);
  return contacts.length;
}

export async function revokeMember(context: MutationContext, input: RevokeMemberInput): Promise<RequestResult<'member.revoke'>> {
  const { store, workspace } = context;
  const target = await memberInWorkspace(context, input.memberId);
  ensureAllowed(context, {
    type: 'member.revoke',
    target: asTarget(target),
    activeOwnerCount: await store.members.activeOwnerCount(workspace.id),
    openEndedOwnerCount: await store.members.openEndedOwnerCount(workspace.id),
  });
  const heir = await revokeHeir(context, target, input.reassignContactsTo);
  const contactsAffected = await applyRevoke(context, target, heir);
  await context.audit.record('member.revoked', target, accessFacts(target), {
    contactsAffected,
    contactsMovedTo: heir ? heir.displayName : null,
  });
  return { contactsAffected };
}

export async function setMemberTeam(context: MutationContext, memberId: string, teamId: string | null): Promise<RequestResult<'member.set_team'>> {
  const { store, workspace } = context;
  ensureAllowed(context, { type: 'teams.manage' });
  const target = await memberInWorkspace(context, memberId);
  if (teamId !== null) {
    const team = await store.teams.byId(teamId);
    if (!team || team.workspaceId !== workspace.id) throw notFound('The team');
  }
  await store.members.update(target.id, { teamId });
  await context.changes.record(workspace.id, 'member', target.id);
  // R5: agents who see "their team's" contacts see this member's contacts differently now.
  for (const contact of await store.contacts.assignedTo(target.id)) await context.changes.record(workspace.id, 'contact', contact.id);
  return { member: toWireMember(await memberInWorkspace(context, target.id), context.isOnline) };
}
