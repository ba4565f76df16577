// The desktop's side of a streamed snapshot (issue 12, protocol version 2):
// `snapshot.begin` opens a staging transaction in the replica, each
// `snapshot.part` goes into it (unseen by readers) and reports progress,
// `snapshot.end` commits it once the parts add up. Anything that breaks the
// stream (the connection, a part that cannot be written, counts that do not
// add up) rolls it back: the previous copy stays, and the sync client asks
// again. Presence that comes meanwhile waits, since the staging transaction
// holds the replica's write lock.
import type { Logger } from 'pino';
import type { Presence, RecordKind, ServerMessageOf, UnreadableRecord } from '../../../shared/protocol';
import type { Replica } from '../replica/replica';
import { SnapshotAssembly } from './snapshot-assembly';
import type { SyncEvent } from './sync-client';

/** What the intake needs from the sync client that owns it. */
export interface SnapshotIntakeHost {
  replica: Replica;
  workspaceId: string;
  log: Logger;
  now(): number;
  emit(event: SyncEvent): void;
  /** Whether frames are being dropped while a resync waits: a snapshot begun now would be dropped too. */
  isWaitingToResync(): boolean;
  /** The snapshot could not be taken: ask the hub for another after a wait. */
  failed(error: unknown): void;
  /** The snapshot is in the replica; `unreadable` is what was left out of it. */
  committed(unreadable: ReadonlyArray<{ kind: RecordKind; key: string }>): void;
  applyPresence(presence: Presence[]): void;
}

export class SnapshotIntake {
  private assembly: SnapshotAssembly | null = null;
  private heldPresence: Presence[][] = [];

  constructor(private readonly host: SnapshotIntakeHost) {}

  /** A snapshot is being staged: changes must not be applied, presence waits. */
  get isTaking(): boolean {
    return this.assembly !== null;
  }

  begin(message: ServerMessageOf<'snapshot.begin'>): void {
    const { host } = this;
    if (host.isWaitingToResync()) return host.log.info({ seq: message.seq }, 'dropped a snapshot while waiting to resync');
    this.abandon('a new snapshot began');
    try {
      this.assembly = new SnapshotAssembly(host.replica.beginSnapshot(host.workspaceId, message.totals), message);
    } catch (error) {
      return host.failed(error);
    }
    host.log.info({ seq: message.seq, totals: message.totals }, 'a snapshot is coming in parts');
    host.emit({ type: 'progress', progress: this.assembly.progress('receiving') });
  }

  part(message: ServerMessageOf<'snapshot.part'>, unreadable: UnreadableRecord[]): void {
    const assembly = this.assembly;
    // What is left of a snapshot given up (a failed part, a wait to resync) keeps coming until its end: it has nowhere to go.
    if (!assembly) return this.host.log.debug({ seq: message.seq, kind: message.kind }, 'dropped a snapshot part with no snapshot begun');
    if (message.seq !== assembly.seq) return this.fail(new Error(`a part of the snapshot at ${message.seq} came during the one at ${assembly.seq}`));
    try {
      assembly.add(message, unreadable);
    } catch (error) {
      return this.fail(error);
    }
    this.host.emit({ type: 'progress', progress: assembly.progress('receiving') });
  }

  end(message: ServerMessageOf<'snapshot.end'>): void {
    const { host } = this;
    const assembly = this.assembly;
    if (!assembly) return host.log.debug({ seq: message.seq }, 'dropped the end of a snapshot with no snapshot begun');
    const shortfall = message.seq === assembly.seq ? assembly.shortfall() : `the end of the snapshot at ${message.seq} came during the one at ${assembly.seq}`;
    if (shortfall) return this.fail(new Error(shortfall));
    try {
      assembly.commit(host.now());
    } catch (error) {
      return this.fail(error);
    }
    this.assembly = null;
    host.log.info({ seq: message.seq }, 'the snapshot is in the replica');
    host.emit({ type: 'progress', progress: assembly.progress('done') });
    host.committed(assembly.unreadable);
    this.applyHeldPresence();
  }

  /** Presence that came while a snapshot is staged, applied once it is in (or given up). */
  holdPresence(presence: Presence[]): void {
    this.heldPresence.push(presence);
  }

  /**
   * Rolls back a snapshot being staged (the replica keeps its previous copy),
   * saying why in the log and to the window. `isClosing`: the client is
   * stopping, so nothing more is written.
   */
  abandon(reason: string, isClosing = false): void {
    const assembly = this.assembly;
    if (!assembly) return;
    this.assembly = null;
    try {
      assembly.abandon();
    } catch (error) {
      this.host.log.error({ reason: error instanceof Error ? error.message : String(error) }, 'could not roll back a snapshot being staged');
    }
    this.host.log.info({ seq: assembly.seq, reason }, 'abandoned a snapshot before its end; the replica keeps its previous copy');
    this.host.emit({ type: 'progress', progress: assembly.progress('abandoned') });
    if (isClosing) this.heldPresence = [];
    else this.applyHeldPresence();
  }

  private fail(error: unknown): void {
    this.abandon(error instanceof Error ? error.message : String(error));
    this.host.failed(error);
  }

  private applyHeldPresence(): void {
    const held = this.heldPresence;
    this.heldPresence = [];
    for (const presence of held) this.host.applyPresence(presence);
  }
}
