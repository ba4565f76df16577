// The hub's tables. Rows stay inside hub/store; what crosses the wire is built
// from them by hub/domain/projection.ts.
import { sql } from 'drizzle-orm';
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import type { AccessLevel, Plan, Restrictions } from '../../shared/policy';
import type { AuditAction, NotificationPreferences } from '../../shared/domain';

export const organizations = sqliteTable('organizations', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  createdAt: integer('created_at').notNull(),
});

/** A person across the whole hub, signed in by email (one password per person). */
export const people = sqliteTable(
  'people',
  {
    id: text('id').primaryKey(),
    email: text('email').notNull(),
    displayName: text('display_name').notNull(),
    avatarDataUrl: text('avatar_data_url'),
    /** argon2id; null until the person accepts their first invitation. */
    passwordHash: text('password_hash'),
    createdAt: integer('created_at').notNull(),
    updatedAt: integer('updated_at').notNull(),
  },
  (table) => [uniqueIndex('people_email_unique').on(table.email)],
);

/** O1: who belongs to an organization; revoking from a workspace leaves this. */
export const organizationPeople = sqliteTable(
  'organization_people',
  {
    organizationId: text('organization_id').notNull().references(() => organizations.id),
    personId: text('person_id').notNull().references(() => people.id),
    joinedAt: integer('joined_at').notNull(),
  },
  (table) => [primaryKey({ columns: [table.organizationId, table.personId] })],
);

export const workspaces = sqliteTable('workspaces', {
  id: text('id').primaryKey(),
  organizationId: text('organization_id').notNull().references(() => organizations.id),
  name: text('name').notNull(),
  plan: text('plan').$type<Plan>().notNull(),
  /** The last change's sequence number; every change raises it by one. */
  seq: integer('seq').notNull().default(0),
  createdAt: integer('created_at').notNull(),
});

export const teams = sqliteTable(
  'teams',
  {
    id: text('id').primaryKey(),
    workspaceId: text('workspace_id').notNull().references(() => workspaces.id),
    name: text('name').notNull(),
    createdAt: integer('created_at').notNull(),
  },
  (table) => [uniqueIndex('teams_workspace_name_unique').on(table.workspaceId, sql`lower(${table.name})`)],
);

export const members = sqliteTable(
  'members',
  {
    id: text('id').primaryKey(),
    workspaceId: text('workspace_id').notNull().references(() => workspaces.id),
    personId: text('person_id').notNull().references(() => people.id),
    level: text('level').$type<AccessLevel>().notNull(),
    restrictions: text('restrictions', { mode: 'json' }).$type<Restrictions>().notNull(),
    status: text('status').$type<'pending' | 'active'>().notNull(),
    teamId: text('team_id').references(() => teams.id),
    invitedAt: integer('invited_at').notNull(),
    invitedBy: text('invited_by'),
    joinedAt: integer('joined_at'),
    lastSeenAt: integer('last_seen_at'),
    version: integer('version').notNull().default(1),
  },
  (table) => [
    uniqueIndex('members_workspace_person_unique').on(table.workspaceId, table.personId),
    index('members_person').on(table.personId),
    // Changes read what they touch (issue 12.5): deleting a team finds its members by team, and V4 counts the active Owners only.
    index('members_team').on(table.teamId),
    index('members_workspace_level_status').on(table.workspaceId, table.level, table.status),
  ],
);

export const contacts = sqliteTable(
  'contacts',
  {
    id: text('id').primaryKey(),
    workspaceId: text('workspace_id').notNull().references(() => workspaces.id),
    name: text('name').notNull(),
    phone: text('phone'),
    email: text('email'),
    assigneeId: text('assignee_id'),
    teamId: text('team_id'),
    createdAt: integer('created_at').notNull(),
    updatedAt: integer('updated_at').notNull(),
  },
  (table) => [
    index('contacts_workspace').on(table.workspaceId),
    index('contacts_assignee').on(table.assigneeId),
    index('contacts_team').on(table.teamId),
  ],
);

/** A6: one row per link sent; resending supersedes the old row, so its link dies. */
export const invitations = sqliteTable(
  'invitations',
  {
    id: text('id').primaryKey(),
    workspaceId: text('workspace_id').notNull().references(() => workspaces.id),
    memberId: text('member_id').notNull(),
    /** SHA-256 of the token; the token itself exists only in the link. */
    tokenHash: text('token_hash').notNull(),
    createdBy: text('created_by'),
    createdAt: integer('created_at').notNull(),
    expiresAt: integer('expires_at').notNull(),
    usedAt: integer('used_at'),
    cancelledAt: integer('cancelled_at'),
    supersededAt: integer('superseded_at'),
  },
  (table) => [uniqueIndex('invitations_token_hash_unique').on(table.tokenHash), index('invitations_member').on(table.memberId)],
);

export const sessions = sqliteTable(
  'sessions',
  {
    /** SHA-256 of the bearer token. */
    tokenHash: text('token_hash').primaryKey(),
    personId: text('person_id').notNull().references(() => people.id),
    createdAt: integer('created_at').notNull(),
    expiresAt: integer('expires_at').notNull(),
  },
  (table) => [index('sessions_person').on(table.personId)],
);

/** The change log: which entity changed at which sequence number. */
export const changes = sqliteTable(
  'changes',
  {
    workspaceId: text('workspace_id').notNull(),
    seq: integer('seq').notNull(),
    entity: text('entity').$type<'workspace' | 'member' | 'team' | 'contact' | 'preferences'>().notNull(),
    entityId: text('entity_id').notNull(),
  },
  (table) => [primaryKey({ columns: [table.workspaceId, table.seq] })],
);

/** Mutations already applied, by the client's mutation id, with the reply they got. */
export const appliedMutations = sqliteTable(
  'applied_mutations',
  {
    personId: text('person_id').notNull(),
    mutationId: text('mutation_id').notNull(),
    workspaceId: text('workspace_id').notNull(),
    /** Which member sent it, and a SHA-256 of what was asked: the same key with another request is refused. */
    memberId: text('member_id').notNull().default(''),
    fingerprint: text('fingerprint').notNull().default(''),
    reply: text('reply', { mode: 'json' }).notNull(),
    createdAt: integer('created_at').notNull(),
  },
  (table) => [primaryKey({ columns: [table.personId, table.mutationId] }), index('applied_mutations_created').on(table.createdAt)],
);

/** "Forgot password" links: single-use, short-lived, only the token's hash is kept. */
export const passwordResets = sqliteTable(
  'password_resets',
  {
    tokenHash: text('token_hash').primaryKey(),
    personId: text('person_id').notNull().references(() => people.id),
    createdAt: integer('created_at').notNull(),
    expiresAt: integer('expires_at').notNull(),
    usedAt: integer('used_at'),
  },
  (table) => [index('password_resets_person').on(table.personId)],
);

export const auditLog = sqliteTable(
  'audit_log',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    workspaceId: text('workspace_id').notNull(),
    at: integer('at').notNull(),
    actorMemberId: text('actor_member_id'),
    actorName: text('actor_name').notNull(),
    action: text('action').$type<AuditAction>().notNull(),
    targetMemberId: text('target_member_id'),
    targetName: text('target_name'),
    before: text('before', { mode: 'json' }).$type<Record<string, unknown>>(),
    after: text('after', { mode: 'json' }).$type<Record<string, unknown>>(),
  },
  (table) => [index('audit_workspace_id').on(table.workspaceId, table.id)],
);

export const notificationPreferences = sqliteTable('notification_preferences', {
  memberId: text('member_id').primaryKey(),
  preferences: text('preferences', { mode: 'json' }).$type<NotificationPreferences>().notNull(),
});

/**
 * The hub's own settings, set by the person who runs it (one row, id 1): the
 * invitation email's SMTP server and the public address used in links. They
 * belong to the whole hub, which may serve several organizations, so no
 * workspace member reads or writes them. The SMTP password is kept because
 * the hub must log in with it; no read of the settings ever returns it.
 */
export const hubSettings = sqliteTable('hub_settings', {
  id: integer('id').primaryKey(),
  smtpHost: text('smtp_host'),
  smtpPort: integer('smtp_port'),
  smtpSecurity: text('smtp_security').$type<'none' | 'starttls' | 'tls'>(),
  smtpUser: text('smtp_user'),
  smtpPassword: text('smtp_password'),
  mailFrom: text('mail_from'),
  publicUrl: text('public_url'),
  updatedAt: integer('updated_at').notNull(),
});
