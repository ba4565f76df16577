// The hub's tables on PostgreSQL (issue 14.1): the same tables, columns,
// constraints and indexes as ../schema.ts, with the same inferred row types,
// so a repository is written once for both stores. schema-parity.test.ts
// holds the two together; change both files in the same commit.
//
// How SQLite's types are carried over:
// - Epoch-millisecond times and sequence numbers are bigint read as JS numbers
//   (mode 'number'): SQLite's integer is 64-bit, PostgreSQL's integer only
//   32-bit, and a millisecond time passes 2^31 in 25 days. Small counts (days,
//   versions, a port) stay integer.
// - JSON columns are jsonb with the same $type: node-postgres hands back the
//   parsed value, as drizzle's SQLite json mode does.
// - String unions stay text with the same $type, not pg enums: SQLite checks
//   none of them either, and a pg enum would need an ALTER TYPE migration for
//   every new value that SQLite's store does not need.
import { sql } from 'drizzle-orm';
import { bigint, index, integer, jsonb, pgTable, primaryKey, text, uniqueIndex } from 'drizzle-orm/pg-core';
import type { AccessLevel, Plan, Restrictions } from '../../../shared/policy';
import type { AuditAction, NotificationPreferences } from '../../../shared/domain';

/** Epoch milliseconds (UTC), read as a JS number (exact up to 2^53). */
const epochMs = (name: string) => bigint(name, { mode: 'number' });
/** A 64-bit counter (SQLite's integer), read as a JS number. */
const int64 = (name: string) => bigint(name, { mode: 'number' });

export const organizations = pgTable('organizations', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  createdAt: epochMs('created_at').notNull(),
});

/** A person across the whole hub, signed in by email (one password per person). */
export const people = pgTable(
  'people',
  {
    id: text('id').primaryKey(),
    email: text('email').notNull(),
    displayName: text('display_name').notNull(),
    avatarDataUrl: text('avatar_data_url'),
    /** argon2id; null until the person accepts their first invitation. */
    passwordHash: text('password_hash'),
    createdAt: epochMs('created_at').notNull(),
    updatedAt: epochMs('updated_at').notNull(),
  },
  // Emails are lower-cased before they reach the store (shared/domain/schemas.ts), as on SQLite, whose index
  // is a plain one too: an index on lower(email) would add nothing and refuse no more.
  (table) => [uniqueIndex('people_email_unique').on(table.email)],
);

/** O1: who belongs to an organization; revoking from a workspace leaves this. */
export const organizationPeople = pgTable(
  'organization_people',
  {
    organizationId: text('organization_id').notNull().references(() => organizations.id),
    personId: text('person_id').notNull().references(() => people.id),
    joinedAt: epochMs('joined_at').notNull(),
  },
  (table) => [primaryKey({ columns: [table.organizationId, table.personId] })],
);

export const workspaces = pgTable('workspaces', {
  id: text('id').primaryKey(),
  organizationId: text('organization_id').notNull().references(() => organizations.id),
  name: text('name').notNull(),
  plan: text('plan').$type<Plan>().notNull(),
  /** The last change's sequence number; every change raises it by one. */
  seq: int64('seq').notNull().default(0),
  createdAt: epochMs('created_at').notNull(),
  /** Issue 13.2: how many days before a member's access ends the hub warns (0: never). */
  accessEndWarningDays: integer('access_end_warning_days').notNull().default(3),
});

export const teams = pgTable(
  'teams',
  {
    id: text('id').primaryKey(),
    workspaceId: text('workspace_id').notNull().references(() => workspaces.id),
    name: text('name').notNull(),
    createdAt: epochMs('created_at').notNull(),
  },
  // The same expression index as SQLite's. SQLite's lower() folds ASCII letters only; PostgreSQL's follows the
  // database's LC_CTYPE (the test server uses C, which folds ASCII only too). The repository compares
  // lower(name) with lower(?) in the same database, so lookups and this index always agree.
  (table) => [uniqueIndex('teams_workspace_name_unique').on(table.workspaceId, sql`lower(${table.name})`)],
);

export const members = pgTable(
  'members',
  {
    id: text('id').primaryKey(),
    workspaceId: text('workspace_id').notNull().references(() => workspaces.id),
    personId: text('person_id').notNull().references(() => people.id),
    level: text('level').$type<AccessLevel>().notNull(),
    restrictions: jsonb('restrictions').$type<Restrictions>().notNull(),
    status: text('status').$type<'pending' | 'active'>().notNull(),
    teamId: text('team_id').references(() => teams.id),
    invitedAt: epochMs('invited_at').notNull(),
    invitedBy: text('invited_by'),
    joinedAt: epochMs('joined_at'),
    lastSeenAt: epochMs('last_seen_at'),
    version: integer('version').notNull().default(1),
    /** Issue 13.2: when the hub revokes the member by itself (UTC ms); null: no end. */
    accessUntil: epochMs('access_until'),
    /** Who receives the member's contacts at the end; null: left unassigned. */
    accessHeirMemberId: text('access_heir_member_id'),
    /** The end date a warning was already sent for: one warning per date, and a changed date warns again. */
    accessWarnedFor: epochMs('access_warned_for'),
    /** The end date whose revoke was held back because it would leave no active Owner (V4): the Owners are told once. */
    accessEndHeldFor: epochMs('access_end_held_for'),
  },
  (table) => [
    uniqueIndex('members_workspace_person_unique').on(table.workspaceId, table.personId),
    index('members_person').on(table.personId),
    // Changes read what they touch (issue 12.5): deleting a team finds its members by team, and V4 counts the active Owners only.
    index('members_team').on(table.teamId),
    index('members_workspace_level_status').on(table.workspaceId, table.level, table.status),
    // Issue 13.2: the due-work runner reads the next end dates across the hub.
    index('members_access_until').on(table.accessUntil),
  ],
);

/**
 * Issue 13.2: whose access in a workspace ended by its date, so a desktop that
 * reconnects afterwards is told why (the member row itself is gone, V1).
 * Removed when the person is invited to the workspace again.
 */
export const endedAccesses = pgTable(
  'ended_accesses',
  {
    workspaceId: text('workspace_id').notNull(),
    personId: text('person_id').notNull(),
    accessUntil: epochMs('access_until').notNull(),
    endedAt: epochMs('ended_at').notNull(),
  },
  (table) => [primaryKey({ columns: [table.workspaceId, table.personId] })],
);

export const contacts = pgTable(
  'contacts',
  {
    id: text('id').primaryKey(),
    workspaceId: text('workspace_id').notNull().references(() => workspaces.id),
    name: text('name').notNull(),
    phone: text('phone'),
    email: text('email'),
    assigneeId: text('assignee_id'),
    teamId: text('team_id'),
    createdAt: epochMs('created_at').notNull(),
    updatedAt: epochMs('updated_at').notNull(),
  },
  (table) => [
    index('contacts_workspace').on(table.workspaceId),
    index('contacts_assignee').on(table.assigneeId),
    index('contacts_team').on(table.teamId),
  ],
);

/** A6: one row per link sent; resending supersedes the old row, so its link dies. */
export const invitations = pgTable(
  'invitations',
  {
    id: text('id').primaryKey(),
    workspaceId: text('workspace_id').notNull().references(() => workspaces.id),
    memberId: text('member_id').notNull(),
    /** SHA-256 of the token; the token itself exists only in the link. */
    tokenHash: text('token_hash').notNull(),
    createdBy: text('created_by'),
    createdAt: epochMs('created_at').notNull(),
    expiresAt: epochMs('expires_at').notNull(),
    usedAt: epochMs('used_at'),
    cancelledAt: epochMs('cancelled_at'),
    supersededAt: epochMs('superseded_at'),
  },
  (table) => [uniqueIndex('invitations_token_hash_unique').on(table.tokenHash), index('invitations_member').on(table.memberId)],
);

export const sessions = pgTable(
  'sessions',
  {
    /** SHA-256 of the bearer token. */
    tokenHash: text('token_hash').primaryKey(),
    personId: text('person_id').notNull().references(() => people.id),
    createdAt: epochMs('created_at').notNull(),
    expiresAt: epochMs('expires_at').notNull(),
    /** Issue 13.5: when this session passed the second step of sign-in (null: password only). */
    secondStepAt: epochMs('second_step_at'),
  },
  (table) => [index('sessions_person').on(table.personId)],
);

/** The change log: which entity changed at which sequence number. */
export const changes = pgTable(
  'changes',
  {
    workspaceId: text('workspace_id').notNull(),
    seq: int64('seq').notNull(),
    entity: text('entity').$type<'workspace' | 'member' | 'team' | 'contact' | 'preferences'>().notNull(),
    entityId: text('entity_id').notNull(),
  },
  (table) => [primaryKey({ columns: [table.workspaceId, table.seq] })],
);

/** Mutations already applied, by the client's mutation id, with the reply they got. */
export const appliedMutations = pgTable(
  'applied_mutations',
  {
    personId: text('person_id').notNull(),
    mutationId: text('mutation_id').notNull(),
    workspaceId: text('workspace_id').notNull(),
    /** Which member sent it, and a SHA-256 of what was asked: the same key with another request is refused. */
    memberId: text('member_id').notNull().default(''),
    fingerprint: text('fingerprint').notNull().default(''),
    reply: jsonb('reply').notNull(),
    createdAt: epochMs('created_at').notNull(),
  },
  (table) => [primaryKey({ columns: [table.personId, table.mutationId] }), index('applied_mutations_created').on(table.createdAt)],
);

/** "Forgot password" links: single-use, short-lived, only the token's hash is kept. */
export const passwordResets = pgTable(
  'password_resets',
  {
    tokenHash: text('token_hash').primaryKey(),
    personId: text('person_id').notNull().references(() => people.id),
    createdAt: epochMs('created_at').notNull(),
    expiresAt: epochMs('expires_at').notNull(),
    usedAt: epochMs('used_at'),
  },
  (table) => [index('password_resets_person').on(table.personId)],
);

export const auditLog = pgTable(
  'audit_log',
  {
    // SQLite's AUTOINCREMENT never hands out an id twice; an identity column's sequence does not either. "By
    // default" rather than "always" keeps the id optional on insert, as SQLite's row type has it.
    id: int64('id').primaryKey().generatedByDefaultAsIdentity(),
    workspaceId: text('workspace_id').notNull(),
    at: epochMs('at').notNull(),
    actorMemberId: text('actor_member_id'),
    actorName: text('actor_name').notNull(),
    action: text('action').$type<AuditAction>().notNull(),
    targetMemberId: text('target_member_id'),
    targetName: text('target_name'),
    before: jsonb('before').$type<Record<string, unknown>>(),
    after: jsonb('after').$type<Record<string, unknown>>(),
  },
  // X1: the log is read newest first, by id, filtered by action, by who acted and by whom it involves; each of those
  // walks its own index down from a page's `before`. A short span of time is read on its own index
  // (hub/store/repos/audit.ts, hub/audit-plans.test.ts).
  (table) => [
    index('audit_workspace_id').on(table.workspaceId, table.id),
    index('audit_workspace_action').on(table.workspaceId, table.action, table.id),
    index('audit_workspace_actor').on(table.workspaceId, table.actorMemberId, table.id),
    index('audit_workspace_target').on(table.workspaceId, table.targetMemberId, table.id),
    index('audit_workspace_at').on(table.workspaceId, table.at),
  ],
);

export const notificationPreferences = pgTable('notification_preferences', {
  memberId: text('member_id').primaryKey(),
  preferences: jsonb('preferences').$type<NotificationPreferences>().notNull(),
});

/**
 * The hub's own settings, set by the person who runs it (one row, id 1): the
 * invitation email's SMTP server and the public address used in links. They
 * belong to the whole hub, which may serve several organizations, so no
 * workspace member reads or writes them. The SMTP password is kept because
 * the hub must log in with it; no read of the settings ever returns it.
 */
export const hubSettings = pgTable('hub_settings', {
  // SQLite's INTEGER PRIMARY KEY numbers a row the insert leaves unnumbered (its rowid), so its row type has the
  // id optional; an identity "by default" does the same and still takes the explicit id 1.
  id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
  smtpHost: text('smtp_host'),
  smtpPort: integer('smtp_port'),
  smtpSecurity: text('smtp_security').$type<'none' | 'starttls' | 'tls'>(),
  smtpUser: text('smtp_user'),
  smtpPassword: text('smtp_password'),
  mailFrom: text('mail_from'),
  publicUrl: text('public_url'),
  updatedAt: epochMs('updated_at').notNull(),
});

/**
 * Issue 13.5: a person's authenticator (TOTP, RFC 6238). It belongs to the
 * person across the whole hub, never to a workspace. The secret is encrypted
 * with a key kept in a 0600 file beside the database (hub/auth/two-step-secret-box.ts).
 */
export const twoStepSecrets = pgTable('two_step_secrets', {
  personId: text('person_id').primaryKey().references(() => people.id),
  encryptedSecret: text('encrypted_secret').notNull(),
  createdAt: epochMs('created_at').notNull(),
  /** Null while the person has not yet entered a first code: the second step is not on. */
  confirmedAt: epochMs('confirmed_at'),
  /** The last time step whose code was accepted: a code is taken once in its window. */
  // A 30-second step counted from 1970 fits a 32-bit integer until the year 4000.
  lastUsedStep: integer('last_used_step'),
});

/** Issue 13.5: single-use recovery codes, kept only as their SHA-256. */
export const twoStepRecoveryCodes = pgTable(
  'two_step_recovery_codes',
  {
    codeHash: text('code_hash').primaryKey(),
    personId: text('person_id').notNull().references(() => people.id),
    createdAt: epochMs('created_at').notNull(),
    usedAt: epochMs('used_at'),
  },
  (table) => [index('two_step_recovery_codes_person').on(table.personId)],
);

/** Issue 13.5: a password was right and the second step is awaited; never a session. */
export const twoStepPendingSignIns = pgTable(
  'two_step_pending_sign_ins',
  {
    /** SHA-256 of the short-lived token handed back after the password. */
    tokenHash: text('token_hash').primaryKey(),
    personId: text('person_id').notNull().references(() => people.id),
    createdAt: epochMs('created_at').notNull(),
    expiresAt: epochMs('expires_at').notNull(),
  },
  (table) => [index('two_step_pending_sign_ins_person').on(table.personId)],
);

/** Issue 13.5: a workspace whose Owners require the second step, from `deadline` on (stored UTC ms, checked at each socket). */
export const workspaceTwoStepRules = pgTable('workspace_two_step_rules', {
  workspaceId: text('workspace_id').primaryKey().references(() => workspaces.id),
  requiredAt: epochMs('required_at').notNull(),
  deadline: epochMs('deadline').notNull(),
  requiredByMemberId: text('required_by_member_id'),
});

/**
 * Issue 13.1: an access review. Its starter chose who it looks at (members not
 * seen for `notSeenDays` days, or never seen since they were invited); the
 * candidates are frozen in access_review_items when it starts. Open until one
 * confirmed decision completes it. Times are UTC milliseconds.
 */
export const accessReviews = pgTable(
  'access_reviews',
  {
    id: text('id').primaryKey(),
    workspaceId: text('workspace_id').notNull().references(() => workspaces.id),
    startedByMemberId: text('started_by_member_id').notNull(),
    startedByName: text('started_by_name').notNull(),
    startedAt: epochMs('started_at').notNull(),
    criteria: text('criteria').$type<'not_seen' | 'never_signed_in'>().notNull(),
    /** For `not_seen`: how many days without being seen; null for `never_signed_in`. */
    notSeenDays: integer('not_seen_days'),
    /** Members who matched but did not fit (a review holds at most MAX_REVIEW_MEMBERS). */
    leftOut: integer('left_out').notNull().default(0),
    status: text('status').$type<'open' | 'completed'>().notNull(),
    completedAt: epochMs('completed_at'),
    completedByMemberId: text('completed_by_member_id'),
  },
  (table) => [index('access_reviews_workspace').on(table.workspaceId, table.startedAt)],
);

/** Issue 13.1: one member of a review: as they were when it started, then what was decided and what came of it. */
export const accessReviewItems = pgTable(
  'access_review_items',
  {
    reviewId: text('review_id').notNull().references(() => accessReviews.id),
    memberId: text('member_id').notNull(),
    displayName: text('display_name').notNull(),
    email: text('email').notNull(),
    level: text('level').$type<AccessLevel>().notNull(),
    memberStatus: text('member_status').$type<'pending' | 'active'>().notNull(),
    invitedAt: epochMs('invited_at').notNull(),
    lastSeenAt: epochMs('last_seen_at'),
    /** The member's version when the review started: a revoke is refused if their access changed since. */
    memberVersion: integer('member_version').notNull(),
    decision: text('decision').$type<'keep' | 'revoke'>(),
    outcome: text('outcome').$type<'kept' | 'revoked' | 'refused'>(),
    refusalCode: text('refusal_code'),
    refusalMessage: text('refusal_message'),
    heirMemberId: text('heir_member_id'),
    contactsAffected: integer('contacts_affected'),
    decidedByMemberId: text('decided_by_member_id'),
    decidedAt: epochMs('decided_at'),
  },
  (table) => [primaryKey({ columns: [table.reviewId, table.memberId] })],
);

/** Issue 13.1: a member's recurring review: due at `nextDueAt` (UTC ms), then every `everyDays` after each completed review. */
export const accessReviewSchedules = pgTable(
  'access_review_schedules',
  {
    memberId: text('member_id').primaryKey(),
    workspaceId: text('workspace_id').notNull().references(() => workspaces.id),
    everyDays: integer('every_days').notNull(),
    nextDueAt: epochMs('next_due_at').notNull(),
    updatedAt: epochMs('updated_at').notNull(),
  },
  (table) => [index('access_review_schedules_workspace').on(table.workspaceId)],
);

/** Issue 14.2: presence leases per (instance, member), renewed by the instance's heartbeat (see the SQLite schema). */
export const presenceLeases = pgTable(
  'presence_leases',
  {
    instanceName: text('instance_name').notNull(),
    memberId: text('member_id').notNull(),
    workspaceId: text('workspace_id').notNull(),
    renewedAt: epochMs('renewed_at').notNull(),
    expiresAt: epochMs('expires_at').notNull(),
  },
  (table) => [primaryKey({ columns: [table.instanceName, table.memberId] }), index('presence_leases_member').on(table.memberId), index('presence_leases_expires').on(table.expiresAt)],
);
