// The local replica: exactly what the hub sent this person, per workspace, so
// it stays readable offline (D1). Entities are kept as the wire JSON the hub
// sent (already filtered and masked for this person).
import { index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import type { Contact, Member, NotificationPreferences, Organization, Team, Workspace } from '../../../shared/domain';

/** Whose replica this file is: a file of another hub or person is not read. */
export const replicaIdentity = sqliteTable('replica_identity', {
  key: text('key').primaryKey(),
  hubUrl: text('hub_url').notNull(),
  personId: text('person_id').notNull(),
});

export const replicaWorkspaces = sqliteTable('replica_workspaces', {
  workspaceId: text('workspace_id').primaryKey(),
  seq: integer('seq').notNull(),
  organization: text('organization', { mode: 'json' }).$type<Organization>().notNull(),
  workspace: text('workspace', { mode: 'json' }).$type<Workspace>().notNull(),
  selfMemberId: text('self_member_id').notNull(),
  preferences: text('preferences', { mode: 'json' }).$type<NotificationPreferences>().notNull(),
  syncedAt: integer('synced_at'),
});

export const replicaMembers = sqliteTable(
  'replica_members',
  {
    workspaceId: text('workspace_id').notNull(),
    id: text('id').notNull(),
    data: text('data', { mode: 'json' }).$type<Member>().notNull(),
  },
  (table) => [primaryKey({ columns: [table.workspaceId, table.id] })],
);

export const replicaTeams = sqliteTable(
  'replica_teams',
  {
    workspaceId: text('workspace_id').notNull(),
    id: text('id').notNull(),
    data: text('data', { mode: 'json' }).$type<Team>().notNull(),
  },
  (table) => [primaryKey({ columns: [table.workspaceId, table.id] })],
);

export const replicaContacts = sqliteTable(
  'replica_contacts',
  {
    workspaceId: text('workspace_id').notNull(),
    id: text('id').notNull(),
    data: text('data', { mode: 'json' }).$type<Contact>().notNull(),
  },
  (table) => [primaryKey({ columns: [table.workspaceId, table.id] }), index('replica_contacts_workspace').on(table.workspaceId)],
);
