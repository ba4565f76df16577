// Issue 14.1: the locks a transaction takes before it checks rules that span
// rows. SQLite runs the hub's transactions one at a time (the connection
// gate); PostgreSQL runs them side by side under READ COMMITTED, where two
// requests could each read "two active Owners", each demote the other, and
// leave none (V4), or each count the seats left (R7) and together pass the
// plan's limit. A transaction that first takes its workspace's lock waits for
// any other one on that workspace to end, and every statement it runs after
// the lock sees what that one committed. The lock is held until the
// transaction ends; outside a transaction it is taken and let go at once.
import type { HubDb } from '../database';
import type { Dialect, HubTables } from './dialect';
import { sqliteDialect, sqliteTables } from './dialect';

export function locksRepo(db: HubDb, _tables: HubTables = sqliteTables, dialect: Dialect = sqliteDialect(db)) {
  return {
    /** Every mutation of a workspace's members, teams, contacts, invitations or plan takes this first (V4, R7, A1). */
    workspace: (workspaceId: string): Promise<void> => dialect.lockForTransaction('workspace', workspaceId),
    /** A person's own account: password, second step, recovery codes (each recovery code works once). */
    person: (personId: string): Promise<void> => dialect.lockForTransaction('person', personId),
  };
}
