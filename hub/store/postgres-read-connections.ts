// Issue 14.1: the PostgreSQL twin of read-connections.ts. A streamed snapshot
// (or presence list) reads inside one REPEATABLE READ READ ONLY transaction,
// so every statement sees the database as of its first read, whatever the
// hub's writers commit meanwhile, and PostgreSQL's MVCC keeps that view
// without holding up any writer. The transactions run on a small pool of
// their own: a slow desktop holds its client for as long as it reads, and
// must not take the clients requests write with. Past `size` at once, readers
// wait for a client (node-postgres's pool queues them).
import pg from 'pg';
import { reportCheckedOutClientErrors } from './pool-client-errors';
import { postgresSnapshotReader } from './postgres-snapshot-reader';
import type { SnapshotReader, SnapshotReads } from './snapshot-reader';

/** How many snapshots stream at once, as on SQLite (read-connections.ts). */
export const POSTGRES_READ_CONNECTIONS = 16;

export class PostgresReadConnections implements SnapshotReads {
  private readonly pool: pg.Pool;
  private isClosed = false;

  constructor(connectionString: string, size = POSTGRES_READ_CONNECTIONS) {
    this.pool = new pg.Pool({ connectionString, max: size });
    // An idle client's error (the server restarted) would otherwise crash the process; the pool replaces the client.
    this.pool.on('error', (error) => console.error('PostgreSQL connection lost while idle in the hub read pool:', error));
    reportCheckedOutClientErrors(this.pool, 'the hub read pool');
  }

  async withReadTransaction<T>(read: (reader: SnapshotReader) => Promise<T>): Promise<T> {
    if (this.isClosed) throw new Error('the hub store is closed');
    const client = await this.pool.connect();
    // A client whose BEGIN, COMMIT or ROLLBACK failed (the connection dropped) is of no use to the next reader: it is destroyed.
    let isBroken = false;
    const control = (statement: string) =>
      client.query(statement).then(
        () => undefined,
        (error: unknown) => {
          isBroken = true;
          throw error;
        },
      );
    try {
      await control('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
      let result: T;
      try {
        result = await read(postgresSnapshotReader(client));
      } catch (error) {
        // The read's own failure is the one that matters; a failed rollback only marks the client broken.
        await control('ROLLBACK').catch(() => undefined);
        throw error;
      }
      await control('COMMIT');
      return result;
    } finally {
      client.release(isBroken);
    }
  }

  get busyCount(): number {
    return this.pool.totalCount - this.pool.idleCount;
  }

  async close(): Promise<void> {
    if (this.isClosed) return;
    this.isClosed = true;
    await this.pool.end();
  }
}

