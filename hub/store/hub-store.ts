// The hub's store: every read and write of hub data goes through this one
// object, so the domain never sees SQL and another database could stand in.
import type { OpenedDatabase } from './database';
import { openHubDatabase } from './database';
import { ReadConnections } from './read-connections';
import { accessReviewsRepo } from './repos/access-reviews';
import { auditRepo } from './repos/audit';
import { changesRepo } from './repos/changes';
import { contactsRepo } from './repos/contacts';
import { invitationsRepo } from './repos/invitations';
import { membersRepo } from './repos/members';
import { organizationRepo } from './repos/organization';
import { passwordResetsRepo } from './repos/password-resets';
import { peopleRepo } from './repos/people';
import { sessionsRepo } from './repos/sessions';
import { settingsRepo } from './repos/settings';
import { teamsRepo } from './repos/teams';
import { twoStepRepo } from './repos/two-step';
import { workspacesRepo } from './repos/workspaces';

export interface HubStore {
  people: ReturnType<typeof peopleRepo>;
  workspaces: ReturnType<typeof workspacesRepo>;
  members: ReturnType<typeof membersRepo>;
  /** An organization's people across its workspaces, and every workspace's member counts. */
  organization: ReturnType<typeof organizationRepo>;
  teams: ReturnType<typeof teamsRepo>;
  contacts: ReturnType<typeof contactsRepo>;
  invitations: ReturnType<typeof invitationsRepo>;
  sessions: ReturnType<typeof sessionsRepo>;
  passwordResets: ReturnType<typeof passwordResetsRepo>;
  /** Issue 13.5: each person's second step of sign-in (across the hub, not per workspace) and the workspaces that require it. */
  twoStep: ReturnType<typeof twoStepRepo>;
  changes: ReturnType<typeof changesRepo>;
  audit: ReturnType<typeof auditRepo>;
  /** Issue 13.1: access reviews, their members and decisions, and each reviewer's schedule. */
  accessReviews: ReturnType<typeof accessReviewsRepo>;
  /** The hub's own settings (SMTP, public address), set by whoever runs it. */
  settings: ReturnType<typeof settingsRepo>;
  /** Read-only connections for long reads (streamed snapshots, the presence list) that must not hold up writes. */
  reads: ReadConnections;
  /** Runs `work` in one write transaction: all of it lands, or none. */
  transaction<T>(work: () => T): T;
  integrityCheck(): string;
  close(): void;
}

export interface HubStoreOptions {
  /** Called with the text of every statement the write connection runs (tests that check what a change reads). */
  onStatement?: (sql: string) => void;
}

export function openHubStore(file: string, migrationsDir?: string, options: HubStoreOptions = {}): HubStore {
  const opened: OpenedDatabase = openHubDatabase(file, migrationsDir, options.onStatement);
  const { db, sqlite } = opened;
  const reads = new ReadConnections(file);
  return {
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
    reads,
    // better-sqlite3 transactions are synchronous: nothing else runs in between.
    transaction: <T>(work: () => T): T => sqlite.transaction(work).immediate(),
    integrityCheck: () => String(sqlite.pragma('integrity_check', { simple: true })),
    close: () => {
      reads.close();
      sqlite.close();
    },
  };
}
