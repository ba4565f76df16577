// The hub's store: every read and write of hub data goes through this one
// object, so the domain never sees SQL and another database could stand in.
import type { AsyncRepo, RunOnConnection } from './async-repo';
import { asyncRepo } from './async-repo';
import { ConnectionGate } from './connection-gate';
import type { OpenedDatabase } from './database';
import { openHubDatabase } from './database';
import { ReadConnections } from './read-connections';
import { accessReviewsRepo } from './repos/access-reviews';
import { auditRepo } from './repos/audit';
import { changesRepo } from './repos/changes';
import { contactsRepo } from './repos/contacts';
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
import type { SnapshotReads } from './snapshot-reader';

/** The repos, each method returning a promise (the same on SQLite and PostgreSQL). */
export interface HubRepos {
  people: AsyncRepo<ReturnType<typeof peopleRepo>>;
  workspaces: AsyncRepo<ReturnType<typeof workspacesRepo>>;
  members: AsyncRepo<ReturnType<typeof membersRepo>>;
  /** An organization's people across its workspaces, and every workspace's member counts. */
  organization: AsyncRepo<ReturnType<typeof organizationRepo>>;
  teams: AsyncRepo<ReturnType<typeof teamsRepo>>;
  contacts: AsyncRepo<ReturnType<typeof contactsRepo>>;
  invitations: AsyncRepo<ReturnType<typeof invitationsRepo>>;
  sessions: AsyncRepo<ReturnType<typeof sessionsRepo>>;
  passwordResets: AsyncRepo<ReturnType<typeof passwordResetsRepo>>;
  /** Issue 13.5: each person's second step of sign-in (across the hub, not per workspace) and the workspaces that require it. */
  twoStep: AsyncRepo<ReturnType<typeof twoStepRepo>>;
  changes: AsyncRepo<ReturnType<typeof changesRepo>>;
  audit: AsyncRepo<ReturnType<typeof auditRepo>>;
  /** Issue 13.1: access reviews, their members and decisions, and each reviewer's schedule. */
  accessReviews: AsyncRepo<ReturnType<typeof accessReviewsRepo>>;
  /** The hub's own settings (SMTP, public address), set by whoever runs it. */
  settings: AsyncRepo<ReturnType<typeof settingsRepo>>;
  /** Issue 14.1: the per-workspace and per-person locks a transaction takes before it checks rules that span rows. */
  locks: AsyncRepo<ReturnType<typeof locksRepo>>;
}

/**
 * Where the transaction boundary sits: a request's whole change (its reads,
 * its writes, its change-log rows) is one `transaction`, given a store of its
 * own (`tx`) to use inside. Slow work (password hashing, mail, sockets) stays
 * outside it, as before: on SQLite a transaction holds the one write
 * connection, on PostgreSQL a pooled client and its row locks.
 */
export interface HubStore extends HubRepos {
  /** Read-only transactions for long reads (streamed snapshots, the presence list) that must not hold up writes. */
  reads: SnapshotReads;
  /** Runs `work` in one write transaction: all of it lands, or none. Nested, it is a savepoint. */
  transaction<T>(work: (tx: HubStore) => Promise<T>): Promise<T>;
  integrityCheck(): Promise<string>;
  close(): Promise<void>;
}

export interface HubStoreOptions {
  /** Called with the text of every statement the write connection runs (tests that check what a change reads). */
  onStatement?: (sql: string) => void;
}

export function openHubStore(file: string, migrationsDir?: string, options: HubStoreOptions = {}): HubStore {
  const opened: OpenedDatabase = openHubDatabase(file, migrationsDir, options.onStatement);
  const { db, sqlite } = opened;
  const reads = new ReadConnections(file);
  const gate = new ConnectionGate();
  const sync = {
    people: peopleRepo(db),
    workspaces: workspacesRepo(db),
    members: membersRepo(db),
    organization: organizationRepo(db),
    teams: teamsRepo(db),
    contacts: contactsRepo(db),
    invitations: invitationsRepo(db),
    sessions: sessionsRepo(db),
    passwordResets: passwordResetsRepo(db),
    twoStep: twoStepRepo(db),
    changes: changesRepo(db),
    audit: auditRepo(db),
    accessReviews: accessReviewsRepo(db),
    settings: settingsRepo(db),
    locks: locksRepo(db),
  };
  const reposRunning = (run: RunOnConnection): HubRepos =>
    Object.fromEntries(Object.entries(sync).map(([name, repo]) => [name, asyncRepo(repo, run)])) as unknown as HubRepos;
  // Outside a transaction each call waits for the connection; inside one the transaction already holds it.
  const gated = reposRunning((work) => gate.run(work));
  const direct = reposRunning(async (work) => work());

  let savepoints = 0;
  async function inTransaction<T>(begin: string, commit: string, rollback: string, work: (tx: HubStore) => Promise<T>): Promise<T> {
    sqlite.exec(begin);
    try {
      const result = await work(tx);
      sqlite.exec(commit);
      return result;
    } catch (error) {
      // SQLite rolls a transaction back by itself on some failures (a full disk, an I/O error): rolling back
      // again would throw "no transaction is active" and hide the failure that matters.
      if (sqlite.inTransaction) sqlite.exec(rollback);
      throw error;
    }
  }
  const tx: HubStore = {
    ...direct,
    reads,
    transaction: (work) => {
      const name = `nested_${++savepoints}`;
      return inTransaction(`SAVEPOINT ${name}`, `RELEASE ${name}`, `ROLLBACK TO ${name}; RELEASE ${name}`, work);
    },
    integrityCheck: async () => String(sqlite.pragma('integrity_check', { simple: true })),
    close: () => Promise.reject(new Error('A transaction cannot close the store.')),
  };
  return {
    ...gated,
    reads,
    // IMMEDIATE takes the write lock at once, so another process's writer waits (busy_timeout) rather than failing mid-transaction.
    transaction: (work) => gate.runTransaction(() => inTransaction('BEGIN IMMEDIATE', 'COMMIT', 'ROLLBACK', work)),
    integrityCheck: () => gate.run(() => String(sqlite.pragma('integrity_check', { simple: true }))),
    close: () =>
      gate.run(async () => {
        await reads.close();
        sqlite.close();
      }),
  };
}
