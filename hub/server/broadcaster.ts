// D4: after every commit, brings each subscribed connection of the touched
// workspaces up to date, with what its member may see; pushes presence to
// those who may see the Users page. Snapshots are streamed (snapshot-stream.ts):
// while one is on its way, changes for that socket wait, and once it ends the
// socket is caught up from the change log, from the snapshot's own `seq`, so
// nothing committed meanwhile is lost or sent twice. Everything that moves a
// socket's `seq` takes its workspace's turn (workspace-turns.ts), and checks
// the socket again just before it sends, after the store's reads.
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
import { plainRevokedMessage, revokedMessageFor } from './revoked-message';
import type { SnapshotStreamer } from './snapshot-stream';
import { WorkspaceTurns } from './workspace-turns';

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
  private readonly turns = new WorkspaceTurns();

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
   * change fans out to thousands of desktops cheaply. Resolves once every
   * touched workspace's desktops were sent what they may see (a request
   * replies after that, as when fan-out was synchronous).
   */
  async deliver(ranges: ReadonlyMap<string, SeqRange>): Promise<void> {
    const fanOutDone = this.metrics?.fanOutStarted(ranges.keys());
    try {
      await Promise.all([...ranges].map(([workspaceId, range]) => this.turns.run(workspaceId, () => this.deliverTo(workspaceId, range))));
    } finally {
      fanOutDone?.();
    }
  }

  /** Runs `work` in the workspace's turn: nothing else that moves a socket's `seq` there runs meanwhile. */
  inWorkspaceTurn(workspaceId: string, work: () => Promise<void>): Promise<void> {
    return this.turns.run(workspaceId, work);
  }

  /** Whether `deliver` serves the connection now for changes up to `toSeq` (checked again after every read). */
  private isServed(connection: ClientConnection, toSeq: number): boolean {
    return connection.isSubscribed && !connection.isSnapshotPending && connection.sentSeq < toSeq && !this.revoked.has(connection);
  }

  /**
   * Reads first, for every socket at once (each distinct member's viewer, the
   * rows, each distinct view's frame), then sends in one pass with no await
   * in it, checking each socket again: a socket that began a snapshot, or was
   * found revoked, while the reads ran is skipped as it would have been before.
   */
  private async deliverTo(workspaceId: string, range: SeqRange): Promise<void> {
    // A connection waiting for a snapshot is caught up when it ends, from the snapshot's own seq.
    const served = this.connections.inWorkspace(workspaceId).filter((connection) => this.isServed(connection, range.toSeq));
    if (served.length === 0) return;
    const viewers = await this.viewersOf(served);
    // The view key of each member, and the frame key of each member whose sockets share a frame: once per member, not per socket.
    const viewKeys = new Map([...viewers].map(([memberId, viewer]) => [memberId, viewer ? viewKeyOf(viewer) : null]));
    const isCurrent = (connection: ClientConnection): boolean =>
      viewKeys.get(connection.memberId) === connection.viewKey && connection.sentSeq === range.fromSeq;
    const rows = served.some(isCurrent) ? await this.store.changes.between(workspaceId, range.fromSeq, range.toSeq) : [];
    const frameKeys = new Map<string, string>();
    const frames = new Map<string, Promise<string>>();
    for (const connection of served) {
      const viewer = viewers.get(connection.memberId);
      if (!viewer || frameKeys.has(viewer.member.id) || !isCurrent(connection)) continue;
      const key = `${viewKeys.get(viewer.member.id)}|${needsOwnProjection(viewer, rows) ? viewer.member.id : ''}`;
      frameKeys.set(viewer.member.id, key);
      if (!frames.has(key)) frames.set(key, this.changesFrame(viewer, rows, range));
    }
    const serialized = new Map(await Promise.all([...frames].map(async ([key, frame]) => [key, await frame] as const)));

    const behind: Array<{ connection: ClientConnection; viewer: Viewer }> = [];
    for (const connection of served) {
      if (!this.isServed(connection, range.toSeq)) continue;
      const viewer = viewers.get(connection.memberId) ?? null;
      if (!viewer) {
        this.closeRevoked(connection);
        continue;
      }
      if (viewKeys.get(connection.memberId) !== connection.viewKey) {
        this.refreshSnapshot(connection);
        continue;
      }
      const frameKey = frameKeys.get(connection.memberId);
      const frame = connection.sentSeq === range.fromSeq && frameKey !== undefined ? serialized.get(frameKey) : undefined;
      if (frame === undefined) {
        behind.push({ connection, viewer });
        continue;
      }
      connection.sendFrame(frame);
      this.remember(connection, viewer, range.toSeq, connection.viewKey);
    }
    // Sockets behind this range (they missed one delivered earlier) catch up from what they have.
    await Promise.all(behind.map(({ connection, viewer }) => this.sendChanges(connection, viewer, range.toSeq)));
  }

  /** Each distinct member's viewer (null when no longer active), read together. */
  private async viewersOf(connections: readonly ClientConnection[]): Promise<Map<string, Viewer | null>> {
    const memberIds = [...new Set(connections.map((connection) => connection.memberId))];
    const loaded = await Promise.all(memberIds.map((memberId) => this.viewerOfMember(memberId)));
    return new Map(memberIds.map((memberId, index) => [memberId, loaded[index] ?? null]));
  }

  private async changesFrame(viewer: Viewer, rows: ChangeRow[], range: SeqRange): Promise<string> {
    const changes = await projectChanges(this.store, viewer, rows, this.presence.isOnline);
    return JSON.stringify({ type: 'changes', fromSeq: range.fromSeq, seq: range.toSeq, changes } satisfies ServerMessage);
  }

  /** The viewer behind a connection, or null when the member is no longer active. */
  viewerOf(connection: ClientConnection): Promise<Viewer | null> {
    return this.viewerOfMember(connection.memberId);
  }

  private async viewerOfMember(memberId: string): Promise<Viewer | null> {
    try {
      return await loadViewer(this.store, memberId);
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
    const closeIfAnswered = async (): Promise<void> => {
      // More requests came in while waiting: answer those too before closing.
      if (connection.queue !== queue) return this.closeWhenAnswered(connection);
      // Issue 13.2: why, so a member whose access reached its end date is told so.
      const message = await revokedMessageFor(this.store, connection.workspaceId, connection.personId).catch((error: unknown) => {
        this.logger.error({ err: error, memberId: connection.memberId }, 'could not read why a member was revoked; told plainly');
        return plainRevokedMessage();
      });
      // Requests that came in while it was read are answered (refused) before the close too.
      if (connection.queue !== queue) return this.closeWhenAnswered(connection);
      connection.send(message);
      connection.close(CLOSE_CODES.revoked, 'revoked');
    };
    // A queue that failed still ends the socket. Nobody waits for the close: its one failure (the read) is caught above.
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
          if ((await this.catchUp(connection)) !== 'snapshot') return;
        }
      });
    } finally {
      connection.isSnapshotPending = false;
    }
  }

  /**
   * The changes after what the connection has, up to `toSeq`. Called in the
   * workspace's turn (deliver, a catch-up, a subscribe by changes), so its
   * `sentSeq` stays put while they are read; a socket found revoked
   * meanwhile is sent nothing, nor one that began a snapshot meanwhile
   * (unless this is that snapshot's own catch-up, sent `pastHeld`).
   */
  async sendChanges(connection: ClientConnection, viewer: Viewer, toSeq: number, order: 'inTurn' | 'pastHeld' = 'inTurn'): Promise<void> {
    const fromSeq = connection.sentSeq;
    const rows = await this.store.changes.between(connection.workspaceId, fromSeq, toSeq);
    const changes = await projectChanges(this.store, viewer, rows, this.presence.isOnline);
    if (connection.sentSeq !== fromSeq || this.revoked.has(connection)) return;
    const message: ServerMessage = { type: 'changes', fromSeq, seq: toSeq, changes };
    if (order === 'pastHeld') connection.sendPastHeld(message);
    else if (connection.isSnapshotPending) return;
    else connection.send(message);
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
      const presence = await this.presenceAfterSnapshot(connection.workspaceId, movedSinceSnapshot);
      if (!this.revoked.has(connection)) connection.send({ type: 'presence', presence });
      return;
    }
    await connection.streamExclusively(() => this.streamer.streamPresence(connection));
  }

  /** The current presence of the workspace's online members and of these; a member deleted meanwhile is left out. */
  private async presenceAfterSnapshot(workspaceId: string, moved: ReadonlySet<string>): Promise<Presence[]> {
    const memberIds = new Set(moved);
    for (const connection of this.connections.inWorkspace(workspaceId)) memberIds.add(connection.memberId);
    const presence: Presence[] = [];
    for (const memberId of memberIds) {
      const member = await this.store.members.byId(memberId);
      if (member?.workspaceId !== workspaceId) continue;
      presence.push({ memberId, isOnline: this.presence.isOnline(memberId), lastSeenAt: member.lastSeenAt });
    }
    return presence;
  }

  /**
   * Right after a snapshot: changes since its `seq` go straight after it,
   * ahead of frames held while it streamed. In the workspace's turn, the
   * socket becomes one `deliver` serves (subscribed, nothing pending) in the
   * same turn of the event loop as it is sent its catch-up, so a change
   * committed from now on reaches it that way and none falls between the two.
   */
  private async catchUp(connection: ClientConnection): Promise<'current' | 'snapshot' | 'revoked'> {
    let outcome: 'current' | 'snapshot' | 'revoked' = 'current';
    await this.turns.run(connection.workspaceId, async () => {
      const viewer = await this.viewerOf(connection);
      if (!viewer) {
        connection.isSnapshotPending = false;
        this.closeRevoked(connection);
        outcome = 'revoked';
        return;
      }
      if (viewKeyOf(viewer) !== connection.viewKey || !(await this.logReachesBack(connection))) {
        outcome = 'snapshot';
        return;
      }
      const seq = (await this.store.workspaces.byId(connection.workspaceId))?.seq ?? connection.sentSeq;
      if (seq > connection.sentSeq) await this.sendChanges(connection, viewer, seq, 'pastHeld');
      connection.isSnapshotPending = false;
      connection.isSubscribed = true;
    });
    return outcome;
  }

  /** Whether the change log still holds everything after what the connection has (it is pruned to the last changeLogRetention). */
  private async logReachesBack(connection: ClientConnection): Promise<boolean> {
    const seq = (await this.store.workspaces.byId(connection.workspaceId))?.seq ?? 0;
    if (seq <= connection.sentSeq) return true;
    const oldest = await this.store.changes.oldestSeq(connection.workspaceId);
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

  private remember(connection: ClientConnection, viewer: Viewer, seq: number, viewKey: string = viewKeyOf(viewer)): void {
    connection.sentSeq = seq;
    connection.viewKey = viewKey;
    this.canSeeMembers.set(connection, viewer.canSeeMembers);
  }
}
