// D4: after every commit, brings each subscribed connection of the touched
// workspaces up to date, with what its member may see; pushes presence to
// those who may see the Users page.
import type { Presence } from '../../shared/protocol';
import { CLOSE_CODES } from '../../shared/protocol';
import type { SeqRange } from '../domain/change-recorder';
import { HubFailure } from '../domain/hub-failure';
import { buildSnapshot, projectChanges } from '../domain/projection';
import type { Viewer } from '../domain/viewer';
import { loadViewer } from '../domain/viewer';
import type { HubStore } from '../store/hub-store';
import type { ClientConnection } from './client-connection';
import type { ConnectionRegistry } from './connection-registry';
import type { PresenceRegistry } from './presence';

/** The facts that decide what a member may see; when they change, the member gets a fresh snapshot. */
function viewKeyOf(viewer: Viewer): string {
  const { level, restrictions, teamId, plan } = viewer.actor;
  return JSON.stringify({ level, restrictions, teamId, plan });
}

export class Broadcaster {
  private readonly canSeeMembers = new WeakMap<ClientConnection, boolean>();

  constructor(
    private readonly store: HubStore,
    private readonly connections: ConnectionRegistry,
    private readonly presence: PresenceRegistry,
  ) {}

  deliver(ranges: ReadonlyMap<string, SeqRange>): void {
    for (const [workspaceId, range] of ranges) {
      for (const connection of this.connections.inWorkspace(workspaceId)) {
        if (connection.isSubscribed && connection.sentSeq < range.toSeq) this.bringUpToDate(connection, range.toSeq);
      }
    }
  }

  /** The viewer behind a connection, or null after telling a revoked member and closing. */
  viewerOf(connection: ClientConnection): Viewer | null {
    try {
      return loadViewer(this.store, connection.memberId);
    } catch (error) {
      if (!(error instanceof HubFailure)) throw error;
      connection.send({ type: 'revoked', message: 'Your access to this workspace was revoked.' });
      connection.close(CLOSE_CODES.revoked, 'revoked');
      return null;
    }
  }

  sendSnapshot(connection: ClientConnection, viewer: Viewer): void {
    const workspace = this.store.workspaces.byId(connection.workspaceId);
    const seq = workspace?.seq ?? 0;
    connection.send({ type: 'snapshot', seq, snapshot: buildSnapshot(this.store, viewer, this.presence.isOnline) });
    this.remember(connection, viewer, seq);
  }

  sendChanges(connection: ClientConnection, viewer: Viewer, toSeq: number): void {
    const rows = this.store.changes.between(connection.workspaceId, connection.sentSeq, toSeq);
    const changes = projectChanges(this.store, viewer, rows, this.presence.isOnline);
    connection.send({ type: 'changes', fromSeq: connection.sentSeq, seq: toSeq, changes });
    this.remember(connection, viewer, toSeq);
  }

  sendPresenceOfAll(connection: ClientConnection): void {
    if (!this.canSeeMembers.get(connection)) return;
    const presence = this.store.members
      .inWorkspace(connection.workspaceId)
      .map((member) => ({ memberId: member.id, isOnline: this.presence.isOnline(member.id), lastSeenAt: member.lastSeenAt }));
    connection.send({ type: 'presence', presence });
  }

  presenceChanged(workspaceId: string, presence: Presence): void {
    for (const connection of this.connections.inWorkspace(workspaceId)) {
      if (connection.isSubscribed && this.canSeeMembers.get(connection)) connection.send({ type: 'presence', presence: [presence] });
    }
  }

  private bringUpToDate(connection: ClientConnection, toSeq: number): void {
    const viewer = this.viewerOf(connection);
    if (!viewer) return;
    if (viewKeyOf(viewer) !== connection.viewKey) this.sendSnapshot(connection, viewer);
    else this.sendChanges(connection, viewer, toSeq);
  }

  private remember(connection: ClientConnection, viewer: Viewer, seq: number): void {
    connection.sentSeq = seq;
    connection.viewKey = viewKeyOf(viewer);
    this.canSeeMembers.set(connection, viewer.canSeeMembers);
  }
}
