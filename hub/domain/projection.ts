// Turns store rows into what one member may receive: the member list only for
// those who may open the Users page (U1), contacts filtered by R5 and masked by
// R7 here, before anything leaves the hub.
import type { Contact, Member, NotificationPreferences } from '../../shared/domain';
import { decide, maskEmail, maskPhone } from '../../shared/policy';
import type { WorkspaceChanges, WorkspaceSnapshot } from '../../shared/protocol';
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
    version: row.version,
  };
}

export function toWireWorkspace(row: WorkspaceRow) {
  return { id: row.id, organizationId: row.organizationId, name: row.name, plan: row.plan };
}

/** Team of each member, for R5's "assigned to their team". */
export type TeamOfMember = (memberId: string) => string | null;

export function teamLookup(store: HubStore, workspaceId: string, members = store.members.inWorkspace(workspaceId)): TeamOfMember {
  const teams = new Map(members.map((member) => [member.id, member.teamId]));
  return (memberId) => teams.get(memberId) ?? null;
}

/** The contact as the viewer may see it, or null when R5 hides it from them. */
export function projectContact(viewer: Viewer, row: ContactRow, teamOf: TeamOfMember): Contact | null {
  const target = {
    assigneeId: row.assigneeId,
    teamId: row.teamId,
    assigneeTeamId: row.assigneeId ? teamOf(row.assigneeId) : null,
  };
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

function visibleMembers(rows: MemberWithPerson[], viewer: Viewer, isOnline: IsOnline): Member[] {
  if (viewer.canSeeMembers) return rows.map((row) => toWireMember(row, isOnline));
  return [toWireMember(viewer.member, isOnline)];
}

export function buildSnapshot(store: HubStore, viewer: Viewer, isOnline: IsOnline): WorkspaceSnapshot {
  const workspaceId = viewer.member.workspaceId;
  const workspace = store.workspaces.byId(workspaceId);
  const organization = workspace && store.workspaces.organization(workspace.organizationId);
  if (!workspace || !organization) throw new Error(`Workspace ${workspaceId} is incomplete`);
  // One read of the members serves both the member list and R5's team lookup.
  const memberRows = store.members.inWorkspace(workspaceId);
  const teamOf = teamLookup(store, workspaceId, memberRows);
  const contacts = store.contacts
    .inWorkspace(workspaceId)
    .map((row) => projectContact(viewer, row, teamOf))
    .filter((contact): contact is Contact => contact !== null);
  return {
    organization: { id: organization.id, name: organization.name },
    workspace: toWireWorkspace(workspace),
    selfMemberId: viewer.member.id,
    members: visibleMembers(memberRows, viewer, isOnline),
    teams: store.teams.inWorkspace(workspaceId).map(({ id, workspaceId: ws, name }) => ({ id, workspaceId: ws, name })),
    contacts,
    preferences: store.audit.preferences(viewer.member.id) ?? DEFAULT_PREFERENCES,
  };
}

/**
 * What the changes in `rows` mean for the viewer. Each changed entity is sent
 * as it is now (or as deleted when it is gone or out of the viewer's sight), so
 * many changes to one entity collapse into one.
 */
export function projectChanges(store: HubStore, viewer: Viewer, rows: ChangeRow[], isOnline: IsOnline): WorkspaceChanges {
  const changes: WorkspaceChanges = {
    members: { upserted: [], deleted: [] },
    teams: { upserted: [], deleted: [] },
    contacts: { upserted: [], deleted: [] },
  };
  const seen = new Set<string>();
  let teamOf: TeamOfMember | null = null;
  for (const row of rows) {
    const key = `${row.entity}:${row.entityId}`;
    if (seen.has(key)) continue;
    seen.add(key);
    switch (row.entity) {
      case 'workspace': {
        const workspace = store.workspaces.byId(row.entityId);
        if (workspace) changes.workspace = toWireWorkspace(workspace);
        break;
      }
      case 'member': {
        const member = store.members.byId(row.entityId);
        const isVisible = member && (viewer.canSeeMembers || member.id === viewer.member.id);
        if (member && isVisible) changes.members.upserted.push(toWireMember(member, isOnline));
        else if (viewer.canSeeMembers || row.entityId === viewer.member.id) changes.members.deleted.push(row.entityId);
        break;
      }
      case 'team': {
        const team = store.teams.byId(row.entityId);
        if (team) changes.teams.upserted.push({ id: team.id, workspaceId: team.workspaceId, name: team.name });
        else changes.teams.deleted.push(row.entityId);
        break;
      }
      case 'contact': {
        const contact = store.contacts.byId(row.entityId);
        teamOf ??= teamLookup(store, viewer.member.workspaceId);
        const projected = contact ? projectContact(viewer, contact, teamOf) : null;
        if (projected) changes.contacts.upserted.push(projected);
        else changes.contacts.deleted.push(row.entityId);
        break;
      }
      case 'preferences': {
        if (row.entityId === viewer.member.id) {
          changes.preferences = store.audit.preferences(viewer.member.id) ?? DEFAULT_PREFERENCES;
        }
        break;
      }
    }
  }
  return changes;
}
