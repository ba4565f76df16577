// Read-only connections to the hub's file for reads that take a while: a
// snapshot streamed to a slow desktop, the presence list of a large
// workspace. WAL lets each read a consistent state (pinned when its read
// transaction begins) while the write connection goes on committing, and
// since a better-sqlite3 connection is busy while one of its statements
// iterates, each long read borrows a connection of its own. Up to `size` are
// open at once (each with a small page cache: these reads go through a list
// once); more readers than that wait their turn. A desktop that stops reading
// holds its connection until its socket closes (the heartbeat ends a silent
// one within two intervals), so the limit is generous.
import Database from 'better-sqlite3';
import type { SnapshotReader, SnapshotReads } from './snapshot-reader';
import { sqliteSnapshotReader } from './snapshot-reader';

interface ReadConnection {
  sqlite: Database.Database;
  reader: SnapshotReader;
}

export class ReadConnections implements SnapshotReads {
  private readonly idle: ReadConnection[] = [];
  private openCount = 0;
  private readonly waiting: Array<{ resolve: (connection: ReadConnection) => void; reject: (error: Error) => void }> = [];
  private isClosed = false;

  constructor(
    private readonly file: string,
    /** How many long reads run at once; the rest queue (each holds a read transaction, which keeps the WAL from being reset). */
    private readonly size = 16,
  ) {}

  /**
   * Runs `read` inside one read transaction on a connection no one else uses
   * meanwhile: every statement it runs sees the file as it was at its first
   * read, whatever the write connection commits in between (`read` may await).
   */
  async withReadTransaction<T>(read: (reader: SnapshotReader) => Promise<T>): Promise<T> {
    const connection = await this.acquire();
    connection.sqlite.exec('BEGIN');
    try {
      return await read(connection.reader);
    } finally {
      this.endTransaction(connection);
    }
  }

  /** Connections lent out now (tests and metrics). */
  get busyCount(): number {
    return this.openCount - this.idle.length;
  }

  /** Closes the idle connections now, the borrowed ones as they come back; readers still waiting are refused. */
  close(): Promise<void> {
    this.isClosed = true;
    for (const connection of this.idle.splice(0)) connection.sqlite.close();
    for (const waiter of this.waiting.splice(0)) waiter.reject(new Error('the hub store is closed'));
    return Promise.resolve();
  }

  private endTransaction(connection: ReadConnection): void {
    try {
      // The cursors `read` opened are finished or returned by now (for await...of returns them), so the connection is free.
      connection.sqlite.exec('COMMIT');
    } catch (error) {
      // A connection left busy is of no use to the next reader: it goes, and a fresh one is opened when needed.
      connection.sqlite.close();
      this.openCount -= 1;
      this.handOnSlot();
      throw error;
    }
    this.release(connection);
  }

  private acquire(): Promise<ReadConnection> {
    if (this.isClosed) return Promise.reject(new Error('the hub store is closed'));
    const idle = this.idle.pop();
    if (idle) return Promise.resolve(idle);
    if (this.openCount < this.size) {
      this.openCount += 1;
      return Promise.resolve(this.open());
    }
    return new Promise((resolve, reject) => this.waiting.push({ resolve, reject }));
  }

  private release(connection: ReadConnection): void {
    if (this.isClosed) {
      connection.sqlite.close();
      this.openCount -= 1;
      return;
    }
    const next = this.waiting.shift();
    if (next) return next.resolve(connection);
    this.idle.push(connection);
  }

  /** A connection was closed: the next reader waiting gets a new one in its place. */
  private handOnSlot(): void {
    const next = this.waiting.shift();
    if (!next || this.isClosed) return;
    this.openCount += 1;
    next.resolve(this.open());
  }

  private open(): ReadConnection {
    const sqlite = new Database(this.file, { readonly: true, fileMustExist: true });
    sqlite.pragma('busy_timeout = 5000');
    sqlite.pragma('cache_size = -1024');
    return { sqlite, reader: sqliteSnapshotReader(sqlite) };
  }
}
