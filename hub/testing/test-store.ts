// Issue 14.1: which store the hub's tests run on. The vitest project "hub on
// PostgreSQL" (vitest.config.ts) sets GATEHOUSE_TEST_STORE=postgres, and its
// global setup starts one PostgreSQL server for the run and puts the address
// of its maintenance database in GATEHOUSE_TEST_POSTGRES_URL; every test hub
// then gets a fresh database of its own on that server. Without them, tests
// run on a SQLite file in the hub's temp folder, as before.
import { randomBytes } from 'node:crypto';
import pg from 'pg';

export const TEST_STORE_VARIABLE = 'GATEHOUSE_TEST_STORE';
export const TEST_POSTGRES_URL_VARIABLE = 'GATEHOUSE_TEST_POSTGRES_URL';

export type TestStoreKind = 'sqlite' | 'postgres';

export function testStoreKind(): TestStoreKind {
  return process.env[TEST_STORE_VARIABLE] === 'postgres' ? 'postgres' : 'sqlite';
}

/** For test names: which store a suite ran on. */
export function testStoreName(): string {
  return testStoreKind() === 'postgres' ? 'PostgreSQL' : 'SQLite';
}

/**
 * A new, empty database on the run's PostgreSQL server, or undefined when the
 * tests run on SQLite. Named uniquely across the run's worker processes.
 */
export async function createTestDatabase(): Promise<string | undefined> {
  if (testStoreKind() !== 'postgres') return undefined;
  const serverUrl = process.env[TEST_POSTGRES_URL_VARIABLE];
  if (!serverUrl) {
    throw new Error(`${TEST_STORE_VARIABLE}=postgres needs ${TEST_POSTGRES_URL_VARIABLE}: run the suites through vitest's "hub on PostgreSQL" project, whose global setup starts the server.`);
  }
  const name = `hub_${process.pid}_${randomBytes(6).toString('hex')}`;
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE "${name}"`);
  } finally {
    await client.end();
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}
