// Issue 14.2: how an instance is told apart from the others on the same
// database. The name is its connections' application_name: the triggers put
// it in every notification a commit sends (hub/store/pg/migrations), so the
// store's pool must be opened with it (storeConnectionString), and it shows
// in pg_stat_activity beside each connection, which helps an operator.
import { randomUUID } from 'node:crypto';

const PREFIX = 'gatehouse-hub ';

/** A fresh name for an instance starting now (PostgreSQL keeps 63 bytes of it; this is 50). */
export function newInstanceName(): string {
  return `${PREFIX}${randomUUID()}`;
}

/** The connection string with this instance's name as application_name, for the store's pool. */
export function storeConnectionString(connectionString: string, instanceName: string): string {
  const url = new URL(connectionString);
  url.searchParams.set('application_name', instanceName);
  return url.toString();
}
