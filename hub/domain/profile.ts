// A person's own profile (O2: shows in every workspace they belong to) and
// their notification preferences (D2), kept on the hub so they follow them.
import type { NotificationPreferences } from '../../shared/domain';
import type { RequestOf, RequestResult } from '../../shared/protocol';
import { HubFailure } from './hub-failure';
import { memberInWorkspace } from './members';
import type { MutationContext } from './mutation-context';
import { ensureAllowed } from './mutation-context';
import { toWireMember } from './projection';

export async function updateProfile(context: MutationContext, request: RequestOf<'profile.update'>): Promise<RequestResult<'profile.update'>> {
  const { store, viewer, now } = context;
  ensureAllowed(context, { type: 'profile.update', targetMemberId: viewer.member.id });
  await store.people.updateProfile(viewer.member.personId, request.displayName, request.avatarDataUrl, now);
  // O2: every workspace the person belongs to sees the new name and avatar.
  for (const membership of await store.members.idsOfPerson(viewer.member.personId)) {
    await context.changes.record(membership.workspaceId, 'member', membership.id);
  }
  return { member: toWireMember(await memberInWorkspace(context, viewer.member.id), context.isOnline) };
}

export async function updatePreferences(context: MutationContext, preferences: NotificationPreferences): Promise<RequestResult<'preferences.update'>> {
  const { store, viewer, workspace } = context;
  ensureAllowed(context, { type: 'notification_preferences.update', targetMemberId: viewer.member.id });
  // Only the ids named are looked up: a workspace of 100,000 is not read to check a list of ten.
  const known = await store.members.existingIds(workspace.id, preferences.memberIds);
  const unknown = preferences.memberIds.find((id) => !known.has(id));
  if (unknown) throw new HubFailure('not_found', 'Notifications can only follow members of this workspace.');
  const cleaned = { ...preferences, memberIds: [...new Set(preferences.memberIds)] };
  await store.audit.setPreferences(viewer.member.id, cleaned);
  await context.changes.record(workspace.id, 'preferences', viewer.member.id);
  return { preferences: cleaned };
}
