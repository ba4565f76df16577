// Unit and integration suites: plain Node, real SQLite files and real sockets.
// Browser end-to-end tests run under Playwright, not here.
//
// Two projects (issue 14.1): "SQLite" runs every suite; "hub on PostgreSQL"
// runs the hub suites that matter most once more with the hub's store on a
// real PostgreSQL server (one per run, started by its global setup; a fresh
// database per test hub: hub/testing/test-store.ts). The project's name shows
// in each test's output, so a failure says which store it was on.
import { resolve } from 'node:path';
import { defineConfig } from 'vitest/config';

/** The hub suites run on both stores: those a change of store could break, kept to what CI's two cores can add. */
export const POSTGRES_SUITES = [
  'hub/authorization-matrix.test.ts',
  'hub/sync.test.ts',
  'hub/invitations.test.ts',
  'hub/my-invitations.test.ts',
  'hub/member-access.test.ts',
  'hub/fuzz.test.ts',
  'hub/fault-kill.test.ts',
  'hub/concurrent-mutations.test.ts',
  'hub/presence-after-snapshot.test.ts',
  'hub/plan-change.test.ts',
  'hub/account-password.test.ts',
  'hub/revoked-replies.test.ts',
  'hub/store-concurrency.test.ts',
];

export default defineConfig({
  resolve: { alias: { '@shared': resolve(import.meta.dirname, 'shared') } },
  test: {
    environment: 'node',
    pool: 'forks',
    testTimeout: 20_000,
    hookTimeout: 20_000,
    projects: [
      {
        extends: true,
        test: {
          name: 'SQLite',
          include: ['shared/**/*.test.ts', 'hub/**/*.test.ts', 'electron/**/*.test.ts', 'scripts/**/*.test.ts', 'bench/**/*.test.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'hub on PostgreSQL',
          include: POSTGRES_SUITES,
          env: { GATEHOUSE_TEST_STORE: 'postgres' },
          globalSetup: ['hub/testing/postgres-global-setup.ts'],
          hookTimeout: 60_000,
        },
      },
    ],
  },
});
