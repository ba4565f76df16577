// Who a piece of data is being prepared for: the member behind a connection,
// read fresh from the store so a restriction change applies at once.
import type { Actor } from '../../shared/policy';
import { decide, shouldMaskContactDetails } from '../../shared/policy';
import type { HubStore } from '../store/hub-store';
import type { MemberWithPerson } from '../store/repos/members';
import type { WorkspaceRow } from '../store/repos/workspaces';
import { HubFailure } from './hub-failure';

export interface Viewer {
  actor: Actor;
  member: MemberWithPerson;
  /** U1: the member list goes only to those who may open the Users page. */
  canSeeMembers: boolean;
  /** R7: contact details leave the hub masked. */
  masksContactDetails: boolean;
}

export function actorOf(member: MemberWithPerson, plan: Actor['plan']): Actor {
  return { memberId: member.id, level: member.level, restrictions: member.restrictions, plan, teamId: member.teamId };
}

/** The refusal of a request from someone who is no longer an active member (their socket then closes with 4003). */
export function noLongerMember(): HubFailure {
  return new HubFailure('unauthorized', 'You are no longer a member of this workspace.');
}

/** Where a viewer's member and workspace are read from: the store, or a snapshot's read transaction. */
export interface ViewerSource {
  member(id: string): MemberWithPerson | undefined;
  workspace(id: string): WorkspaceRow | undefined;
}

/** The viewer for a member, or a refusal when they are no longer an active member. */
export async function loadViewer(store: HubStore, memberId: string): Promise<Viewer> {
  const member = await store.members.byId(memberId);
  // The workspace only for an active member, as viewerFrom reads it; its checks then give the same refusals.
  const workspace = member?.status === 'active' ? await store.workspaces.byId(member.workspaceId) : undefined;
  return viewerFrom({ member: () => member, workspace: () => workspace }, memberId);
}

/** The same, read from any source (a streamed snapshot reads it in its own read transaction). */
export function viewerFrom(source: ViewerSource, memberId: string): Viewer {
  const member = source.member(memberId);
  if (!member || member.status !== 'active') throw noLongerMember();
  const workspace = source.workspace(member.workspaceId);
  if (!workspace) throw new HubFailure('not_found', 'The workspace no longer exists.');
  const actor = actorOf(member, workspace.plan);
  return {
    actor,
    member,
    canSeeMembers: decide(actor, { type: 'module.open', module: 'settings_users' }).allowed,
    masksContactDetails: shouldMaskContactDetails(actor),
  };
}
