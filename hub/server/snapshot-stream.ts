// Streams a snapshot (issue 12) from a read transaction on a read connection
// of its own (SQLite's read connections, PostgreSQL's read pool), so it is as
// of one `seq` whatever commits meanwhile, and the hub's memory does not grow
// with the workspace: records are read from cursors a batch at a time,
// projected and serialized one at a time, cut into frames of at most
// MAX_SNAPSHOT_FRAME_BYTES, and the next frame is made only once the socket
// has taken the last ones (ClientConnection.writeStreamed). The full presence
// list that follows a catch-up by changes goes the same way, as one message in
// fragments (after a snapshot only who is online and who moved follows it).
import type { Presence } from '../../shared/protocol';
import { CLOSE_CODES, RECORD_KINDS } from '../../shared/protocol';
import type { IsOnline } from '../domain/projection';
import { openSnapshotSource } from '../domain/snapshot-source';
import type { Viewer } from '../domain/viewer';
import type { HubStore } from '../store/hub-store';
import type { ClientConnection } from './client-connection';
import type { Frame } from './snapshot-frames';
import { around, FragmentedList, FragmentedMessage, snapshotEncoder } from './snapshot-frames';

/** A snapshot sent whole: the `seq` it is as of, and the viewer it was projected for then. */
export interface StreamedSnapshot {
  seq: number;
  viewer: Viewer;
}

export class SnapshotStreamer {
  private isStopped = false;
  private stopAll: () => void = () => undefined;
  private readonly stopped = new Promise<void>((resolve) => (this.stopAll = resolve));
  private readonly running = new Set<Promise<unknown>>();

  constructor(
    private readonly store: HubStore,
    private readonly isOnline: IsOnline,
  ) {}

  /**
   * Streams what the connection's member may see. Resolves with its `seq`
   * once the last frame is handed to the socket, or null when the socket
   * closed (or the hub began stopping) first. Throws `unauthorized` when the
   * member is no longer active; a failure after the first frame also closes
   * the socket, since what it was sent cannot be finished.
   */
  stream(connection: ClientConnection): Promise<StreamedSnapshot | null> {
    return this.track(
      this.store.reads.withReadTransaction(async (reader) => {
        const source = await openSnapshotSource(reader, connection.memberId, this.isOnline);
        const encoder = snapshotEncoder(source.header, connection.protocolVersion);
        try {
          if (!(await this.write(connection, encoder.begin()))) return null;
          for (const kind of RECORD_KINDS) {
            // Leaving the loop (return) ends the cursor, so the read transaction can end.
            for await (const records of source.records(kind)) {
              for (const record of records) {
                const frames = encoder.record(kind, JSON.stringify(record));
                if (frames.length > 0 && !(await this.write(connection, frames))) return null;
              }
            }
            if (!(await this.write(connection, encoder.endKind(kind)))) return null;
          }
          if (!(await this.write(connection, encoder.end()))) return null;
          return { seq: source.header.seq, viewer: source.viewer };
        } catch (error) {
          connection.close(CLOSE_CODES.internalError, 'the hub failed while sending the workspace');
          throw error;
        }
      }),
    );
  }

  /** U3: every member's presence after a catch-up by changes (for those who may see the Users page), read from a cursor and sent as one message in fragments. */
  streamPresence(connection: ClientConnection): Promise<void> {
    return this.track(
      this.store.reads.withReadTransaction(async (reader) => {
        const [before, after] = around({ type: 'presence', presence: [] }, 'presence');
        const message = new FragmentedMessage();
        const list = new FragmentedList(message);
        try {
          if (!(await this.write(connection, message.append(before)))) return;
          for await (const rows of reader.lastSeen(connection.workspaceId)) {
            for (const row of rows) {
              const presence = { memberId: row.id, isOnline: this.isOnline(row.id), lastSeenAt: row.lastSeenAt } satisfies Presence;
              const frames = list.item(JSON.stringify(presence));
              if (frames.length > 0 && !(await this.write(connection, frames))) return;
            }
          }
          await this.write(connection, message.finish(after));
        } catch (error) {
          connection.close(CLOSE_CODES.internalError, 'the hub failed while sending presence');
          throw error;
        }
      }),
    );
  }

  /** The hub is stopping: every stream ends at its next frame; resolves once their read transactions are over. */
  async stop(): Promise<void> {
    this.isStopped = true;
    this.stopAll();
    await Promise.allSettled([...this.running]);
  }

  /** False when the stream must end: the socket closed, or the hub is stopping. */
  private async write(connection: ClientConnection, frames: Frame[]): Promise<boolean> {
    for (const frame of frames) {
      if (this.isStopped || !(await connection.writeStreamed(frame.data, frame.isFinal, this.stopped))) return false;
    }
    return !this.isStopped;
  }

  private track<T>(work: Promise<T>): Promise<T> {
    this.running.add(work);
    const forget = () => this.running.delete(work);
    work.then(forget, forget);
    return work;
  }
}
