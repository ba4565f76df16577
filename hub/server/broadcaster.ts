// D4: after every commit, brings each subscribed connection of the touched
// workspaces up to date, with what its member may see; pushes presence to
// those who may see the Users page. Snapshots are streamed (snapshot-stream.ts):
// while one is on its way, changes for that socket wait, and once it ends the
// socket is caught up from the change log, from the snapshot's own `seq`, so
// nothing committed meanwhile is lost or sent twice.
import type { Logger } from 'pino';
import type { Presence, ServerMessage } from '../../shared/protocol';
import { CLOSE_CODES } from '../../shared/protocol';
import type { SeqRange } from '../domain/change-recorder';
import { HubFailure } from '../domain/hub-failure';
import { projectChanges } from '../domain/projection';
import type { Viewer } from '../domain/viewer';
import { loadViewer } from '../domain/viewer';
import type { HubStore } from '../store/hub-store';
import type { ChangeRow } from '../store/repos/changes';
import type { ClientConnection } from './client-connection';
import type { ConnectionRegistry } from './connection-registry';
import type { HubMetrics } from './metrics';
import type { PresenceRegistry } from './presence';
import { revokedMessageFor } from './revoked-message';
import type { SnapshotStreamer } from './snapshot-stream';

/**
 * Whether the member's projection of these rows differs from that of others
 * with the same view: their own record or preferences are in it, or what they
 * see depends on who they are (no member list, or R5).
 */
function needsOwnProjection(viewer: Viewer, rows: ChangeRow[]): boolean {
  if (!viewer.canSeeMembers || viewer.actor.restrictions.contactVisibility !== 'all') return true;
  return rows.some((row) => row.entity === 'preferences' || (row.entity === 'member' && row.entityId === viewer.member.id));
}

/** The facts that decide what a member may see; when they change, the member gets a fresh snapshot. */
function viewKeyOf(viewer: Viewer): string {
  const { level, restrictions, teamId, plan } = viewer.actor;
  return JSON.stringify({ level, restrictions, teamId, plan });
}

export class Broadcaster {
  private readonly canSeeMembers = new WeakMap<ClientConnection, boolean>();
  /** Connections of members found revoked, closing once their requests are answered. */
  private readonly revoked = new WeakSet<ClientConnection>();
  /**
   * U3: sockets subscribing with a snapshot, and the members whose presence
   * moved since it began. Its rows carry each member's online state and last
   * seen; only these moves (and who is online now) must follow it, not the
   * whole workspace's presence (bench/README.md, benchmark 7a).
   */
  private readonly presenceMovedSinceSnapshot = new WeakMap<ClientConnection, Set<string>>();

  constructor(
    private readonly store: HubStore,
    private readonly connections: ConnectionRegistry,
    private readonly presence: PresenceRegistry,
    private readonly streamer: SnapshotStreamer,
    private readonly logger: Logger,
    private readonly metrics?: HubMetrics,
  ) {}

  /**
   * Desktops that see the same thing get the same frame: the projection and
   * its JSON are made once per distinct view, not once per socket, so one
   * change fans out to thousands of desktops cheaply.
   */
  deliver(ranges: ReadonlyMap<string, SeqRange>): void {
    const fanOutDone = this.metrics?.fanOutStarted(ranges.keys());
    for (const [workspaceId, range] of ranges) {
      const viewers = new Map<string, Viewer | null>();
      const frames = new Map<string, string>();
      let rows: ChangeRow[] | null = null;
      for (const connection of this.connections.inWorkspace(workspaceId)) {
        // A connection waiting for a snapshot is caught up when it ends, from the snapshot's own seq.
        if (!connection.isSubscribed || connection.isSnapshotPending || connection.sentSeq >= range.toSeq || this.revoked.has(connection)) continue;
        if (!viewers.has(connection.memberId)) viewers.set(connection.memberId, this.viewerOf(connection));
        const viewer = viewers.get(connection.memberId);
        if (!viewer) {
          this.closeRevoked(connection);
          continue;
        }
        if (viewKeyOf(viewer) !== connection.viewKey) {
          this.refreshSnapshot(connection);
          continue;
        }
        if (connection.sentSeq !== range.fromSeq) {
          this.sendChanges(connection, viewer, range.toSeq);
          continue;
        }
        rows ??= this.store.changes.between(workspaceId, range.fromSeq, range.toSeq);
        const key = `${viewKeyOf(viewer)}|${needsOwnProjection(viewer, rows) ? viewer.member.id : ''}`;
        let frame = frames.get(key);
        if (frame === undefined) {
          const changes = projectChanges(this.store, viewer, rows, this.presence.isOnline);
          frame = JSON.stringify({ type: 'changes', fromSeq: range.fromSeq, seq: range.toSeq, changes } satisfies ServerMessage);
          frames.set(key, frame);
        }
        connection.sendFrame(frame);
        this.remember(connection, viewer, range.toSeq);
      }
    }
    fanOutDone?.();
  }

  /** The viewer behind a connection, or null when the member is no longer active. */
  viewerOf(connection: ClientConnection): Viewer | null {
    try {
      return loadViewer(this.store, connection.memberId);
    } catch (error) {
      if (!(error instanceof HubFailure)) throw error;
      return null;
    }
  }

  /** Whether the connection's member was found revoked; its requests are refused from then on. */
  isRevoked(connection: ClientConnection): boolean {
    return this.revoked.has(connection);
  }

  /**
   * Tells a revoked member's desktop, and closes it, once every request it
   * sent before has its reply: the one in flight finishes (it was decided
   * before the revoke), those queued behind it are refused as unauthorized.
   * Nothing else is sent to it meanwhile.
   */
  closeRevoked(connection: ClientConnection): void {
    if (this.revoked.has(connection)) return;
    this.revoked.add(connection);
    this.closeWhenAnswered(connection);
  }

  private closeWhenAnswered(connection: ClientConnection): void {
    const queue = connection.queue;
    const closeIfAnswered = (): void => {
      // More requests came in while waiting: answer those too before closing.
      if (connection.queue !== queue) return this.closeWhenAnswered(connection);
      // Issue 13.2: why, so a member whose access reached its end date is told so.
      connection.send(revokedMessageFor(this.store, connection.workspaceId, connection.personId));
      connection.close(CLOSE_CODES.revoked, 'revoked');
    };
    // A queue that failed still ends the socket.
    void queue.then(closeIfAnswered, closeIfAnswered);
  }

  /**
   * Streams a snapshot, then sends what was committed after its `seq` (or
   * another snapshot, when what the member may see changed meanwhile or the
   * log no longer reaches back). Resolves once the connection is current, or
   * gone. Throws `unauthorized` when the member is no longer active.
   */
  async sendSnapshot(connection: ClientConnection): Promise<void> {
    // Before the snapshot's read transaction opens: a move it cannot show is then one this set holds.
    // A subscribed socket (a fresh snapshot for a changed view) hears every move as it happens instead.
    if (!connection.isSubscribed) this.presenceMovedSinceSnapshot.set(connection, new Set());
    connection.isSnapshotPending = true;
    try {
      await connection.streamExclusively(async () => {
        for (;;) {
          const streamed = await this.streamer.stream(connection);
          if (!streamed) return;
          this.remember(connection, streamed.viewer, streamed.seq);
          if (this.catchUp(connection) !== 'snapshot') return;
        }
      });
    } finally {
      connection.isSnapshotPending = false;
    }
  }

  sendChanges(connection: ClientConnection, viewer: Viewer, toSeq: number, send: (message: ServerMessage) => void = (message) => connection.send(message)): void {
    const rows = this.store.changes.between(connection.workspaceId, connection.sentSeq, toSeq);
    const changes = projectChanges(this.store, viewer, rows, this.presence.isOnline);
    send({ type: 'changes', fromSeq: connection.sentSeq, seq: toSeq, changes });
    this.remember(connection, viewer, toSeq);
  }

  /**
   * U3: presence right after subscribing, for those who may see the Users
   * page. After a snapshot, whose rows already said who was online and when
   * each was last seen: the members online now and those whose presence
   * moved while it streamed. After a catch-up by changes: every member's,
   * since an offline member's last seen may have moved while this desktop
   * was away, and no change carries it.
   */
  async sendPresenceOfAll(connection: ClientConnection): Promise<void> {
    const movedSinceSnapshot = this.presenceMovedSinceSnapshot.get(connection);
    this.presenceMovedSinceSnapshot.delete(connection);
    // A member found revoked meanwhile is sent nothing more before the close (closeRevoked).
    if (!this.canSeeMembers.get(connection) || this.revoked.has(connection)) return;
    if (movedSinceSnapshot) {
      connection.send({ type: 'presence', presence: this.presenceAfterSnapshot(connection.workspaceId, movedSinceSnapshot) });
      return;
    }
    await connection.streamExclusively(() => this.streamer.streamPresence(connection));
  }

  /** The current presence of the workspace's online members and of these; a member deleted meanwhile is left out. */
  private presenceAfterSnapshot(workspaceId: string, moved: ReadonlySet<string>): Presence[] {
    const memberIds = new Set(moved);
    for (const connection of this.connections.inWorkspace(workspaceId)) memberIds.add(connection.memberId);
    const presence: Presence[] = [];
    for (const memberId of memberIds) {
      const member = this.store.members.byId(memberId);
      if (member?.workspaceId !== workspaceId) continue;
      presence.push({ memberId, isOnline: this.presence.isOnline(memberId), lastSeenAt: member.lastSeenAt });
    }
    return presence;
  }

  /**
   * Right after a snapshot: changes since its `seq` go straight after it,
   * ahead of frames held while it streamed. In the same turn the socket
   * becomes one `deliver` serves (subscribed, nothing pending), so a change
   * committed from now on reaches it that way and none falls between the two.
   */
  private catchUp(connection: ClientConnection): 'current' | 'snapshot' | 'revoked' {
    const viewer = this.viewerOf(connection);
    if (!viewer) {
      connection.isSnapshotPending = false;
      this.closeRevoked(connection);
      return 'revoked';
    }
    if (viewKeyOf(viewer) !== connection.viewKey || !this.logReachesBack(connection)) return 'snapshot';
    const seq = this.store.workspaces.byId(connection.workspaceId)?.seq ?? connection.sentSeq;
    if (seq > connection.sentSeq) this.sendChanges(connection, viewer, seq, (message) => connection.sendPastHeld(message));
    connection.isSnapshotPending = false;
    connection.isSubscribed = true;
    return 'current';
  }

  /** Whether the change log still holds everything after what the connection has (it is pruned to the last changeLogRetention). */
  private logReachesBack(connection: ClientConnection): boolean {
    const seq = this.store.workspaces.byId(connection.workspaceId)?.seq ?? 0;
    if (seq <= connection.sentSeq) return true;
    const oldest = this.store.changes.oldestSeq(connection.workspaceId);
    return oldest !== null && oldest <= connection.sentSeq + 1;
  }

  /** A fresh snapshot for a subscribed desktop whose view changed; if it cannot be sent, the socket ends and the desktop subscribes again. */
  private refreshSnapshot(connection: ClientConnection): void {
    this.sendSnapshot(connection).catch((error: unknown) => {
      if (error instanceof HubFailure && error.code === 'unauthorized') return this.closeRevoked(connection);
      this.logger.error({ err: error, memberId: connection.memberId }, 'could not send a fresh snapshot');
      connection.close(CLOSE_CODES.internalError, 'the hub failed while sending the workspace');
    });
  }

  /** Issue 13.2: an `access_ending` warning for the subscribed sockets of these members. */
  sendToMembers(workspaceId: string, memberIds: ReadonlySet<string>, message: ServerMessage): void {
    const frame = JSON.stringify(message);
    for (const connection of this.connections.inWorkspace(workspaceId)) {
      if (connection.isSubscribed && memberIds.has(connection.memberId) && !this.revoked.has(connection)) connection.sendFrame(frame);
    }
  }

  /** Issue 13.2: every socket of a member whose access ended, subscribed or not, is told why and closed. */
  closeMember(workspaceId: string, memberId: string): void {
    for (const connection of this.connections.inWorkspace(workspaceId)) {
      if (connection.memberId === memberId) this.closeRevoked(connection);
    }
  }

  presenceChanged(workspaceId: string, presence: Presence): void {
    const frame = JSON.stringify({ type: 'presence', presence: [presence] } satisfies ServerMessage);
    for (const connection of this.connections.inWorkspace(workspaceId)) {
      this.presenceMovedSinceSnapshot.get(connection)?.add(presence.memberId);
      if (connection.isSubscribed && this.canSeeMembers.get(connection) && !this.revoked.has(connection)) connection.sendFrame(frame);
    }
  }

  private remember(connection: ClientConnection, viewer: Viewer, seq: number): void {
    connection.sentSeq = seq;
    connection.viewKey = viewKeyOf(viewer);
    this.canSeeMembers.set(connection, viewer.canSeeMembers);
  }
}
