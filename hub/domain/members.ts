// Invite (A1-A6), edit (E1-E3), revoke (V1-V4) and team assignment of members.
import type { EditMemberInput, InviteMemberInput, RevokeMemberInput } from '../../shared/domain';
import { ACCESS_LEVEL_LABELS, effectiveRestrictions } from '../../shared/policy';
import type { MemberTarget, Restrictions } from '../../shared/policy';
import type { RequestResult } from '../../shared/protocol';
import { newId } from '../auth/tokens';
import type { MemberWithPerson } from '../store/repos/members';
import type { PersonRow } from '../store/repos/people';
import { accessFacts } from './audit-writer';
import { HubFailure, notFound } from './hub-failure';
import type { CreatedLink } from './invitation-links';
import { createInvitationLink } from './invitation-links';
import type { MutationContext } from './mutation-context';
import { ensureAllowed } from './mutation-context';
import { toWireMember } from './projection';

/** A member of the acting member's workspace, or not_found. */
export function memberInWorkspace(context: MutationContext, memberId: string): MemberWithPerson {
  const member = context.store.members.byId(memberId);
  if (!member || member.workspaceId !== context.workspace.id) throw notFound('The member');
  return member;
}

export function asTarget(member: MemberWithPerson): MemberTarget {
  return { memberId: member.id, level: member.level, status: member.status };
}

function defaultDisplayName(email: string): string {
  return email.split('@')[0] ?? email;
}

export function queueInvitationEmail(context: MutationContext, member: MemberWithPerson, link: { inviteUrl: string; expiresAt: number }): void {
  const organization = context.store.workspaces.organization(context.workspace.organizationId);
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
export function checkInvitation(context: MutationContext, input: InviteMemberInput): PersonRow | undefined {
  const { store, workspace } = context;
  ensureAllowed(context, { type: 'member.invite', level: input.level, restrictions: input.restrictions });
  const person = store.people.byEmail(input.email);
  if (!person) return undefined;
  const existing = store.members.byPerson(workspace.id, person.id);
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
export function createInvitation(
  context: MutationContext,
  input: InviteMemberInput,
  known: PersonRow | undefined,
  teamId: string | null = null,
): { member: MemberWithPerson; link: CreatedLink } {
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
  if (!known) store.people.insert(person);
  // A3 / O1: joining a workspace brings the person into its organization.
  store.people.addToOrganization(workspace.organizationId, person.id, now);

  const memberId = newId();
  store.members.insert({
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
  });
  const member = memberInWorkspace(context, memberId);
  const link = createInvitationLink(context, memberId);
  context.changes.record(workspace.id, 'member', memberId);
  context.audit.record('member.invited', member, null, accessFacts(member));
  queueInvitationEmail(context, member, link);
  return { member, link };
}

export function inviteMember(context: MutationContext, input: InviteMemberInput): RequestResult<'member.invite'> {
  const { member, link } = createInvitation(context, input, checkInvitation(context, input));
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

export function editMember(context: MutationContext, input: EditMemberInput): RequestResult<'member.edit'> {
  const { store, workspace } = context;
  const target = memberInWorkspace(context, input.memberId);
  const restrictions = restrictionsAfterEdit(context, target, input);
  ensureAllowed(context, {
    type: 'member.edit',
    target: asTarget(target),
    level: input.level,
    restrictions,
    activeOwnerCount: store.members.activeOwnerCount(workspace.id),
  });
  if (target.version !== input.baseVersion) {
    throw new HubFailure(
      'conflict',
      `${target.displayName} was changed by someone else since you opened it; review the current access and try again.`,
      undefined,
      toWireMember(target, context.isOnline),
    );
  }
  store.members.update(target.id, { level: input.level, restrictions });
  const updated = memberInWorkspace(context, target.id);
  context.changes.record(workspace.id, 'member', target.id);
  context.audit.record('member.edited', updated, accessFacts(target), accessFacts(updated));
  return { member: toWireMember(updated, context.isOnline) };
}

export function revokeMember(context: MutationContext, input: RevokeMemberInput): RequestResult<'member.revoke'> {
  const { store, workspace, now } = context;
  const target = memberInWorkspace(context, input.memberId);
  ensureAllowed(context, {
    type: 'member.revoke',
    target: asTarget(target),
    activeOwnerCount: store.members.activeOwnerCount(workspace.id),
  });
  let heir: MemberWithPerson | null = null;
  if (input.reassignContactsTo !== null) {
    heir = store.members.byId(input.reassignContactsTo) ?? null;
    if (!heir || heir.workspaceId !== workspace.id || heir.status !== 'active' || heir.id === target.id) {
      throw new HubFailure('invalid_reassignment', 'Contacts can only be moved to another active member of this workspace.');
    }
  }
  // V2: all of the member's contacts move in the same transaction as the revoke.
  const contacts = store.contacts.assignedTo(target.id);
  for (const contact of contacts) {
    store.contacts.update(contact.id, { assigneeId: heir?.id ?? null }, now);
    context.changes.record(workspace.id, 'contact', contact.id);
  }
  const live = store.invitations.liveFor(target.id);
  if (live) store.invitations.cancel(live.id, now);
  store.audit.deletePreferences(target.id);
  // V1: the membership goes; the person stays in the organization.
  store.members.delete(target.id);
  context.changes.record(workspace.id, 'member', target.id);
  context.audit.record('member.revoked', target, accessFacts(target), {
    contactsAffected: contacts.length,
    contactsMovedTo: heir ? heir.displayName : null,
  });
  return { contactsAffected: contacts.length };
}

export function setMemberTeam(context: MutationContext, memberId: string, teamId: string | null): RequestResult<'member.set_team'> {
  const { store, workspace } = context;
  ensureAllowed(context, { type: 'teams.manage' });
  const target = memberInWorkspace(context, memberId);
  if (teamId !== null) {
    const team = store.teams.byId(teamId);
    if (!team || team.workspaceId !== workspace.id) throw notFound('The team');
  }
  store.members.update(target.id, { teamId });
  context.changes.record(workspace.id, 'member', target.id);
  // R5: agents who see "their team's" contacts see this member's contacts differently now.
  for (const contact of store.contacts.assignedTo(target.id)) context.changes.record(workspace.id, 'contact', contact.id);
  return { member: toWireMember(memberInWorkspace(context, target.id), context.isOnline) };
}
