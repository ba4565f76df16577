// Issue 14.1: the hub's store on PostgreSQL. The repos are the SQLite store's
// (written once for both, hub/store/repos/dialect.ts), run on a node-postgres
// pool through drizzle with the PostgreSQL schema. Requests run side by side
// on pooled connections: where SQLite's one write connection is taken in
// turn (connection-gate.ts), PostgreSQL's row locks order concurrent writes.
import { AsyncLocalStorage } from 'node:async_hooks';
import { join } from 'node:path';
import { drizzle } from 'drizzle-orm/node-postgres';
import type { NodePgDatabase } from 'drizzle-orm/node-postgres';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import pg from 'pg';
import { asyncRepo } from './async-repo';
import { StoreUsedInsideTransactionError } from './connection-gate';
import type { HubDb } from './database';
import type { HubRepos, HubStore } from './hub-store';
import * as pgSchema from './pg/schema';
import { accessReviewsRepo } from './repos/access-reviews';
import { auditRepo } from './repos/audit';
import { changesRepo } from './repos/changes';
import { contactsRepo } from './repos/contacts';
import type { HubTables } from './repos/dialect';
import { postgresDialect } from './repos/dialect';
import { invitationsRepo } from './repos/invitations';
import { locksRepo } from './repos/locks';
import { membersRepo } from './repos/members';
import { organizationRepo } from './repos/organization';
import { passwordResetsRepo } from './repos/password-resets';
import { peopleRepo } from './repos/people';
import { sessionsRepo } from './repos/sessions';
import { settingsRepo } from './repos/settings';
import { teamsRepo } from './repos/teams';
import { twoStepRepo } from './repos/two-step';
import { workspacesRepo } from './repos/workspaces';
import { checkPostgresIntegrity } from './postgres-integrity';
import { PostgresReadConnections } from './postgres-read-connections';
import { reportCheckedOutClientErrors } from './pool-client-errors';

export const DEFAULT_POSTGRES_MIGRATIONS_DIR = join(import.meta.dirname, 'pg', 'migrations');

/**
 * A number of the hub's own for its migration lock: every instance opening the
 * same database takes it, so only one applies the migrations and the others
 * then find them applied (drizzle's migrator alone would race on its table).
 */
const MIGRATION_LOCK_KEY = 0x6761_7465; // "gate"

/**
 * The hub's store on PostgreSQL: all of HubStore. Its transactions are READ
 * COMMITTED; the ones that check rules spanning rows take their workspace's
 * or person's lock first (repos/locks.ts). Streamed snapshots read in
 * REPEATABLE READ transactions on a pool of their own (postgres-read-connections.ts).
 */
export type PostgresHubStore = HubStore;

export interface PostgresHubStoreOptions {
  /** Most connections the pool opens (node-postgres's default: 10). */
  maxConnections?: number;
  /** Most connections streamed snapshots hold at once (their own pool; more wait). */
  maxReadConnections?: number;
  migrationsDir?: string;
  /** Called with the text of every statement run (tests that check what a change reads). */
  onStatement?: (sql: string) => void;
}

type PgHubDb = NodePgDatabase<typeof pgSchema>;
/** The pool's database or a transaction on it: what the repos run on. */
type Executor = Pick<PgHubDb, 'select' | 'insert' | 'update' | 'delete' | 'execute' | 'transaction'>;

/**
 * The repos on PostgreSQL. They are typed against SQLite's database and
 * tables; drizzle builds the same queries on PostgreSQL's database from
 * PostgreSQL's tables, whose row types are SQLite's (pg/schema-parity.test.ts)
 * and the repos use only what both databases' drizzle has (the contract test
 * runs every repo on both). This is the one place that says so to the compiler.
 */
function reposOn(executor: Executor): HubRepos {
  const db = executor as unknown as HubDb;
  const tables = pgSchema as unknown as HubTables;
  const dialect = postgresDialect(executor as unknown as NodePgDatabase<Record<string, unknown>>);
  return {
    people: peopleRepo(db, tables, dialect),
    workspaces: workspacesRepo(db, tables, dialect),
    members: membersRepo(db, tables, dialect),
    organization: organizationRepo(db, tables, dialect),
    teams: teamsRepo(db, tables, dialect),
    contacts: contactsRepo(db, tables, dialect),
    invitations: invitationsRepo(db, tables, dialect),
    sessions: sessionsRepo(db, tables, dialect),
    passwordResets: passwordResetsRepo(db, tables, dialect),
    twoStep: twoStepRepo(db, tables, dialect),
    changes: changesRepo(db, tables, dialect),
    audit: auditRepo(db, tables, dialect),
    accessReviews: accessReviewsRepo(db, tables, dialect),
    settings: settingsRepo(db, tables, dialect),
    locks: locksRepo(db, tables, dialect),
  };
}

async function applyMigrations(pool: pg.Pool, migrationsFolder: string): Promise<void> {
  // An advisory lock belongs to a session: take it, migrate and release it on one client.
  const client = await pool.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    try {
      await migrate(drizzle(client, { schema: pgSchema }), { migrationsFolder });
    } finally {
      await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]);
    }
  } finally {
    client.release();
  }
}

export async function openPostgresHubStore(connectionString: string, options: PostgresHubStoreOptions = {}): Promise<PostgresHubStore> {
  const pool = new pg.Pool({ connectionString, max: options.maxConnections });
  // An idle client's error (the server restarted, the connection dropped) would otherwise crash the process;
  // the pool replaces the client, and the next query on it fails with the cause.
  pool.on('error', (error) => console.error('PostgreSQL connection lost while idle in the hub store pool:', error));
  reportCheckedOutClientErrors(pool, 'the hub store pool');
  try {
    await applyMigrations(pool, options.migrationsDir ?? DEFAULT_POSTGRES_MIGRATIONS_DIR);
  } catch (error) {
    await pool.end();
    throw error;
  }
  const onStatement = options.onStatement;
  const db: PgHubDb = drizzle(pool, { schema: pgSchema, logger: onStatement ? { logQuery: (query) => onStatement(query) } : false });

  // As on SQLite (connection-gate.ts), work inside a transaction must use its `tx`: the outer store would run
  // outside the transaction, unseen by its rollback. That mistake is refused loudly here too.
  const insideTransaction = new AsyncLocalStorage<true>();
  const outside = reposOn(db);
  const checked = Object.fromEntries(
    Object.entries(outside).map(([name, repo]) => [
      name,
      asyncRepo(repo as object, (work) =>
        insideTransaction.getStore()
          ? Promise.reject(new StoreUsedInsideTransactionError('The store was used directly inside a transaction: use the transaction store it was given.'))
          : Promise.resolve(work()),
      ),
    ]),
  ) as unknown as HubRepos;

  const reads = new PostgresReadConnections(connectionString, options.maxReadConnections);
  const storeOn = (tx: Executor): PostgresHubStore => ({
    ...reposOn(tx),
    reads,
    transaction: (work) => tx.transaction((inner) => work(storeOn(inner))),
    integrityCheck: () => checkPostgresIntegrity(tx),
    close: () => Promise.reject(new Error('A transaction cannot close the store.')),
  });

  return {
    ...checked,
    reads,
    transaction: (work) => db.transaction((tx) => insideTransaction.run(true, () => work(storeOn(tx)))),
    integrityCheck: () => checkPostgresIntegrity(db),
    close: async () => {
      await reads.close();
      await pool.end();
    },
  };
}
