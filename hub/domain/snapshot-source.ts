// A snapshot as cursors (issue 12): what one member may see of a workspace,
// read inside one read transaction (so every record is as of one `seq`) and
// projected record by record as it is consumed. The whole workspace is never
// built in memory; the hub streams it in frames of bounded size
// (hub/server/snapshot-stream.ts).
import type { Contact, Member, NotificationPreferences, Organization, Team, Workspace } from '../../shared/domain';
import type { RecordKind, SnapshotTotals } from '../../shared/protocol';
import type { SnapshotReader } from '../store/snapshot-reader';
import type { IsOnline } from './projection';
import { DEFAULT_PREFERENCES, projectContact, toWireMember, toWireWorkspace } from './projection';
import type { Viewer } from './viewer';
import { viewerFrom } from './viewer';

/** Everything of a snapshot but its lists. */
export interface SnapshotHeader {
  seq: number;
  organization: Organization;
  workspace: Workspace;
  selfMemberId: string;
  preferences: NotificationPreferences;
  totals: SnapshotTotals;
}

export type SnapshotRecord = Member | Team | Contact;

export interface SnapshotSource {
  header: SnapshotHeader;
  /** Who it is projected for, as of the snapshot's `seq`. */
  viewer: Viewer;
  /** The records of one kind as the viewer may see them, read from a cursor as they are consumed. */
  records(kind: RecordKind): Iterable<SnapshotRecord>;
}

function* visibleContacts(reader: SnapshotReader, viewer: Viewer): IterableIterator<Contact> {
  for (const row of reader.contacts(viewer.member.workspaceId)) {
    const contact = projectContact(viewer, row, row.assigneeTeamId);
    if (contact) yield contact;
  }
}

function* teamsOf(reader: SnapshotReader, workspaceId: string): IterableIterator<Team> {
  for (const { id, name } of reader.teams(workspaceId)) yield { id, workspaceId, name };
}

function* membersOf(reader: SnapshotReader, workspaceId: string, isOnline: IsOnline): IterableIterator<Member> {
  for (const row of reader.members(workspaceId)) yield toWireMember(row, isOnline);
}

/**
 * R5 can hide contacts, so how many a restricted agent receives is counted by
 * projecting them (one pass of the cursor, nothing kept); for everyone who
 * sees them all, SQLite counts. An unassigned contact is one R5 always hides
 * from a restricted agent, and whoever may see it may see every contact.
 */
function contactTotal(reader: SnapshotReader, viewer: Viewer): number {
  const workspaceId = viewer.member.workspaceId;
  const unassigned = { id: 'probe', workspaceId, name: 'probe', phone: null, email: null, assigneeId: null, teamId: null, createdAt: 0, updatedAt: 0 };
  if (projectContact(viewer, unassigned, null) !== null) return reader.contactCount(workspaceId);
  let count = 0;
  for (const contact of visibleContacts(reader, viewer)) count += contact ? 1 : 0;
  return count;
}

/**
 * Reads the header and returns the cursors. The caller's read transaction
 * pins all of it (the viewer, the `seq`, every list) to one state of the
 * store, whatever is committed while the cursors are read. Throws
 * `unauthorized` when the member is no longer active in that state.
 */
export function openSnapshotSource(reader: SnapshotReader, memberId: string, isOnline: IsOnline): SnapshotSource {
  const viewer = viewerFrom(reader, memberId);
  const workspaceId = viewer.member.workspaceId;
  const workspace = reader.workspace(workspaceId);
  const organization = workspace && reader.organization(workspace.organizationId);
  if (!workspace || !organization) throw new Error(`Workspace ${workspaceId} is incomplete`);
  const header: SnapshotHeader = {
    seq: workspace.seq,
    organization: { id: organization.id, name: organization.name },
    workspace: toWireWorkspace(workspace),
    selfMemberId: viewer.member.id,
    preferences: reader.preferences(viewer.member.id) ?? DEFAULT_PREFERENCES,
    totals: {
      // U1: the list only for those who may open the Users page; everyone else gets their own record.
      members: viewer.canSeeMembers ? reader.memberCount(workspaceId) : 1,
      teams: reader.teamCount(workspaceId),
      contacts: contactTotal(reader, viewer),
    },
  };
  return {
    header,
    viewer,
    records(kind) {
      if (kind === 'members') return viewer.canSeeMembers ? membersOf(reader, workspaceId, isOnline) : [toWireMember(viewer.member, isOnline)];
      if (kind === 'teams') return teamsOf(reader, workspaceId);
      return visibleContacts(reader, viewer);
    },
  };
}
