// node-postgres hands a pooled client out with no 'error' listener: pg-pool
// removes its own while the client is checked out (a transaction, a snapshot
// read, the migration lock). If PostgreSQL goes away then (a restart, a
// crash), the client emits 'error' and, with nobody listening, the hub
// process dies (hub/cluster-faults.test.ts). The query under way already
// fails with the cause, and its caller answers and logs it; this listener
// keeps the event from being uncaught, and says so itself when the pool's
// idle listener (pool.on('error')) is not there to.
import type pg from 'pg';

export function reportCheckedOutClientErrors(pool: pg.Pool, poolName: string): void {
  pool.on('connect', (client) => {
    client.on('error', (error) => {
      // Idle, the client also has the pool's listener, which reports it through pool.on('error').
      if (client.listenerCount('error') === 1) console.error(`PostgreSQL connection lost while in use in ${poolName}: ${error.message}`);
    });
  });
}
