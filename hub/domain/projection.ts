// Turns store rows into what one member may receive: the member list only for
// those who may open the Users page (U1), contacts filtered by R5 and masked by
// R7 here, before anything leaves the hub.
import type { Contact, Member, NotificationPreferences } from '../../shared/domain';
import { decide, maskEmail, maskPhone } from '../../shared/policy';
import type { WorkspaceChanges } from '../../shared/protocol';
import type { HubStore } from '../store/hub-store';
import type { ChangeRow } from '../store/repos/changes';
import type { ContactRow } from '../store/repos/contacts';
import type { MemberWithPerson } from '../store/repos/members';
import type { WorkspaceRow } from '../store/repos/workspaces';
import type { Viewer } from './viewer';

export type IsOnline = (memberId: string) => boolean;

export const DEFAULT_PREFERENCES: NotificationPreferences = {
  scope: 'everyone',
  memberIds: [],
  notifyOnline: true,
  notifyOffline: false,
};

/**
 * A pending member arrives here already named by the invited address, with no
 * avatar (the members repository sees to it for every reader), so nothing
 * about an existing account leaks to the workspace that invited it.
 */
export function toWireMember(row: MemberWithPerson, isOnline: IsOnline): Member {
  return {
    id: row.id,
    workspaceId: row.workspaceId,
    personId: row.personId,
    email: row.email,
    displayName: row.displayName,
    avatarDataUrl: row.avatarDataUrl,
    level: row.level,
    restrictions: row.restrictions,
    status: row.status,
    teamId: row.teamId,
    invitedAt: row.invitedAt,
    joinedAt: row.joinedAt,
    lastSeenAt: row.lastSeenAt,
    isOnline: isOnline(row.id),
    accessUntil: row.accessUntil,
    accessHeirId: row.accessHeirMemberId,
    version: row.version,
  };
}

export function toWireWorkspace(row: WorkspaceRow) {
  return { id: row.id, organizationId: row.organizationId, name: row.name, plan: row.plan, accessEndWarningDays: row.accessEndWarningDays };
}

/**
 * R5's "assigned to their team": the team of a contact's assignee, read by
 * id when asked (an indexed lookup, remembered for the rest of one
 * projection), so a change to one contact reads one member, not the list.
 */
export type AssigneeTeams = (assigneeId: string) => Promise<string | null>;

export function assigneeTeams(store: HubStore, workspaceId: string): AssigneeTeams {
  const known = new Map<string, string | null>();
  return async (assigneeId) => {
    if (!known.has(assigneeId)) known.set(assigneeId, await store.members.teamOf(workspaceId, assigneeId));
    return known.get(assigneeId) ?? null;
  };
}

/** The contact as the viewer may see it, or null when R5 hides it from them. */
export function projectContact(viewer: Viewer, row: ContactRow, assigneeTeamId: string | null): Contact | null {
  const target = { assigneeId: row.assigneeId, teamId: row.teamId, assigneeTeamId: row.assigneeId ? assigneeTeamId : null };
  if (!decide(viewer.actor, { type: 'contact.view', contact: target }).allowed) return null;
  const masks = viewer.masksContactDetails;
  return {
    id: row.id,
    workspaceId: row.workspaceId,
    name: row.name,
    phone: row.phone && masks ? maskPhone(row.phone) : row.phone,
    email: row.email && masks ? maskEmail(row.email) : row.email,
    assigneeId: row.assigneeId,
    teamId: row.teamId,
    isMasked: masks,
  };
}

/** Whether the viewer receives the member list (U1), or only their own record. */
export function seesMember(viewer: Viewer, memberId: string): boolean {
  return viewer.canSeeMembers || memberId === viewer.member.id;
}

/**
 * What the changes in `rows` mean for the viewer. Each changed entity is sent
 * as it is now (or as deleted when it is gone or out of the viewer's sight), so
 * many changes to one entity collapse into one.
 */
export async function projectChanges(store: HubStore, viewer: Viewer, rows: ChangeRow[], isOnline: IsOnline): Promise<WorkspaceChanges> {
  const changes: WorkspaceChanges = {
    members: { upserted: [], deleted: [] },
    teams: { upserted: [], deleted: [] },
    contacts: { upserted: [], deleted: [] },
  };
  const seen = new Set<string>();
  const teamOf = assigneeTeams(store, viewer.member.workspaceId);
  for (const row of rows) {
    const key = `${row.entity}:${row.entityId}`;
    if (seen.has(key)) continue;
    seen.add(key);
    switch (row.entity) {
      case 'workspace': {
        const workspace = await store.workspaces.byId(row.entityId);
        if (workspace) changes.workspace = toWireWorkspace(workspace);
        break;
      }
      case 'member': {
        const member = await store.members.byId(row.entityId);
        if (member && seesMember(viewer, member.id)) changes.members.upserted.push(toWireMember(member, isOnline));
        else if (viewer.canSeeMembers || row.entityId === viewer.member.id) changes.members.deleted.push(row.entityId);
        break;
      }
      case 'team': {
        const team = await store.teams.byId(row.entityId);
        if (team) changes.teams.upserted.push({ id: team.id, workspaceId: team.workspaceId, name: team.name });
        else changes.teams.deleted.push(row.entityId);
        break;
      }
      case 'contact': {
        const contact = await store.contacts.byId(row.entityId);
        const projected = contact ? projectContact(viewer, contact, contact.assigneeId ? await teamOf(contact.assigneeId) : null) : null;
        if (projected) changes.contacts.upserted.push(projected);
        else changes.contacts.deleted.push(row.entityId);
        break;
      }
      case 'preferences': {
        if (row.entityId === viewer.member.id) {
          changes.preferences = (await store.audit.preferences(viewer.member.id)) ?? DEFAULT_PREFERENCES;
        }
        break;
      }
    }
  }
  return changes;
}
