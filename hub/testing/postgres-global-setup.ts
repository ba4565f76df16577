// Vitest global setup of the "hub on PostgreSQL" project: one PostgreSQL
// server for the whole run (hub/testing/postgres-server.ts), stopped after it.
// Worker processes inherit its address through the environment (test-store.ts).
import { startPostgresServer } from './postgres-server';
import { TEST_POSTGRES_URL_VARIABLE } from './test-store';

export default async function setup(): Promise<() => Promise<void>> {
  const server = await startPostgresServer();
  process.env[TEST_POSTGRES_URL_VARIABLE] = server.connectionString('postgres');
  return () => server.stop();
}
