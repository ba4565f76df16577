// A snapshot as cursors (issue 12): what one member may see of a workspace,
// read inside one read transaction (so every record is as of one `seq`) and
// projected batch by batch as it is consumed. The whole workspace is never
// built in memory; the hub streams it in frames of bounded size
// (hub/server/snapshot-stream.ts).
import type { Contact, Member, NotificationPreferences, Organization, Team, Workspace } from '../../shared/domain';
import type { RecordKind, SnapshotTotals } from '../../shared/protocol';
import type { RowBatches, SnapshotReader } from '../store/snapshot-reader';
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
  /** The records of one kind as the viewer may see them, read from a cursor a batch at a time as they are consumed. */
  records(kind: RecordKind): RowBatches<SnapshotRecord>;
}

/** Each batch projected row by row; rows the projection drops (null) are left out, and so is a batch left empty. */
async function* projected<Row, Out>(batches: RowBatches<Row>, project: (row: Row) => Out | null): AsyncGenerator<readonly Out[]> {
  for await (const rows of batches) {
    const out: Out[] = [];
    for (const row of rows) {
      const record = project(row);
      if (record !== null) out.push(record);
    }
    if (out.length > 0) yield out;
  }
}

/** A batch already in hand, in the shape of the cursors'. */
async function* only<Out>(record: Out): AsyncGenerator<readonly Out[]> {
  yield [record];
}

function visibleContacts(reader: SnapshotReader, viewer: Viewer): RowBatches<Contact> {
  return projected(reader.contacts(viewer.member.workspaceId), (row) => projectContact(viewer, row, row.assigneeTeamId));
}

/**
 * R5 can hide contacts, so how many a restricted agent receives is counted by
 * projecting them (one pass of the cursor, nothing kept); for everyone who
 * sees them all, the database counts. An unassigned contact is one R5 always
 * hides from a restricted agent, and whoever may see it may see every contact.
 */
async function contactTotal(reader: SnapshotReader, viewer: Viewer): Promise<number> {
  const workspaceId = viewer.member.workspaceId;
  const unassigned = { id: 'probe', workspaceId, name: 'probe', phone: null, email: null, assigneeId: null, teamId: null, createdAt: 0, updatedAt: 0 };
  if (projectContact(viewer, unassigned, null) !== null) return reader.contactCount(workspaceId);
  let count = 0;
  for await (const contacts of visibleContacts(reader, viewer)) count += contacts.length;
  return count;
}

/**
 * Reads the header and returns the cursors. The caller's read transaction
 * pins all of it (the viewer, the `seq`, every list) to one state of the
 * store, whatever is committed while the cursors are read. Throws
 * `unauthorized` when the member is no longer active in that state.
 */
export async function openSnapshotSource(reader: SnapshotReader, memberId: string, isOnline: IsOnline): Promise<SnapshotSource> {
  const self = await reader.member(memberId);
  // The workspace only for an active member, as viewerFrom reads it; its checks then give the same refusals.
  const workspace = self?.status === 'active' ? await reader.workspace(self.workspaceId) : undefined;
  const viewer = viewerFrom({ member: () => self, workspace: () => workspace }, memberId);
  const workspaceId = viewer.member.workspaceId;
  const organization = workspace && (await reader.organization(workspace.organizationId));
  if (!workspace || !organization) throw new Error(`Workspace ${workspaceId} is incomplete`);
  const header: SnapshotHeader = {
    seq: workspace.seq,
    organization: { id: organization.id, name: organization.name },
    workspace: toWireWorkspace(workspace),
    selfMemberId: viewer.member.id,
    preferences: (await reader.preferences(viewer.member.id)) ?? DEFAULT_PREFERENCES,
    totals: {
      // U1: the list only for those who may open the Users page; everyone else gets their own record.
      members: viewer.canSeeMembers ? await reader.memberCount(workspaceId) : 1,
      teams: await reader.teamCount(workspaceId),
      contacts: await contactTotal(reader, viewer),
    },
  };
  return {
    header,
    viewer,
    records(kind) {
      if (kind === 'members') {
        return viewer.canSeeMembers ? projected(reader.members(workspaceId), (row) => toWireMember(row, isOnline)) : only(toWireMember(viewer.member, isOnline));
      }
      if (kind === 'teams') return projected(reader.teams(workspaceId), ({ id, name }): Team => ({ id, workspaceId, name }));
      return visibleContacts(reader, viewer);
    },
  };
}
