// The local replica: exactly what the hub sent this person, per workspace, so
// it stays readable offline (D1). Entities are kept as the wire JSON the hub
// sent (already filtered and masked for this person).
//
// Beside them, for the list queries (replica-queries.ts): the fields each
// list filters, sorts and searches by, in plain indexed columns. Triggers
// (migrations/0002_list_fields_triggers.sql) log every write to the
// replica's tables, whichever code makes it, and the list queries'
// connection brings the fields up to date from the log before it answers
// (replica-queries-catch-up.ts): one bulk rebuild after a snapshot instead
// of eight index updates per row inside the sync's transaction. A deleted
// row's name and email are blanked by the triggers at once, so what a wipe
// removes (V2) leaves the field tables with it. They are tables of their own, not generated
// columns: SQLite never reads a generated column from an index alone, so a
// search would read every 1.5 KB row instead of walking a compact index.
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
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

/**
 * `search_key` is the integer key the FTS5 search tables point at: an
 * INTEGER PRIMARY KEY keeps its values through a VACUUM, and AUTOINCREMENT
 * never hands a removed row's key to a new one, so a search entry not yet
 * caught up can never name someone else.
 */
const searchKey = () => integer('search_key').primaryKey({ autoIncrement: true });

/**
 * What the member lists read, one row per replica_members row. Names sort
 * by SQLite's lower(), which folds ASCII letters only: the Users page sorted
 * with localeCompare, and this order differs for letters outside ASCII
 * ("Émile" after "Zoë", Cyrillic after Latin) and breaks ties by id where
 * localeCompare put lower case first. (An ICU collation would need a function
 * registered on every connection that writes the file.)
 */
export const replicaMemberFields = sqliteTable(
  'replica_member_fields',
  {
    searchKey: searchKey(),
    workspaceId: text('workspace_id').notNull(),
    id: text('id').notNull(),
    displayName: text('display_name'),
    email: text('email'),
    nameKey: text('name_key'),
    level: text('level'),
    /** Owners first, then Managers, then Agents. */
    levelRank: integer('level_rank'),
    /** As JSON text: the export words it once per distinct set. */
    restrictions: text('restrictions'),
    status: text('status'),
    teamId: text('team_id'),
    /** Presence as the hub last sent it; it counts only while the core hears the hub (replica-queries-members.ts). */
    isOnline: integer('is_online'),
    lastSeenAt: integer('last_seen_at'),
    /** Never seen sorts as the oldest, as the Users page did. */
    lastSeenKey: integer('last_seen_key'),
    invitedAt: integer('invited_at'),
    joinedAt: integer('joined_at'),
    /** Not joined yet (pending) sorts as the oldest. */
    joinedKey: integer('joined_key'),
    /** Issue 13.2: when the member's access ends (UTC ms), or null for no end. */
    accessUntil: integer('access_until'),
    /** No end sorts as the latest (Number.MAX_SAFE_INTEGER), so "ends soonest first" puts access without an end last. */
    accessUntilKey: integer('access_until_key'),
  },
  // One index per filter and per sort; a sort's ends in id, so its order never ties. by_name also holds
  // what a search and the filters read, so a search walks it alone. Every index is dropped and built again
  // when many rows change at once (replica-queries-catch-up.ts), which also leaves none of the stale
  // copies of moved entries that a b-tree keeps in its free space (secure_delete does not reach them).
  (table) => [
    uniqueIndex('replica_member_fields_key').on(table.workspaceId, table.id),
    index('replica_member_fields_by_name').on(table.workspaceId, table.nameKey, table.id, table.displayName, table.email, table.levelRank, table.status, table.teamId),
    index('replica_member_fields_by_level').on(table.workspaceId, table.levelRank, table.nameKey, table.id),
    index('replica_member_fields_by_team').on(table.workspaceId, table.teamId),
    index('replica_member_fields_by_presence').on(table.workspaceId, table.isOnline, table.lastSeenKey, table.id),
    index('replica_member_fields_by_last_seen').on(table.workspaceId, table.lastSeenKey, table.id),
    index('replica_member_fields_by_invited').on(table.workspaceId, table.invitedAt, table.id),
    index('replica_member_fields_by_joined').on(table.workspaceId, table.joinedKey, table.id),
    index('replica_member_fields_by_access_until').on(table.workspaceId, table.accessUntilKey, table.id),
  ],
);

/** What the contact lists read, one row per replica_contacts row; the email as this person sees it (masked under R7). */
export const replicaContactFields = sqliteTable(
  'replica_contact_fields',
  {
    searchKey: searchKey(),
    workspaceId: text('workspace_id').notNull(),
    id: text('id').notNull(),
    name: text('name'),
    email: text('email'),
    nameKey: text('name_key'),
    assigneeId: text('assignee_id'),
    teamId: text('team_id'),
  },
  (table) => [
    uniqueIndex('replica_contact_fields_key').on(table.workspaceId, table.id),
    index('replica_contact_fields_by_name').on(table.workspaceId, table.nameKey, table.id, table.name, table.email, table.assigneeId, table.teamId),
    index('replica_contact_fields_by_assignee').on(table.workspaceId, table.assigneeId),
  ],
);

/**
 * What changed in the replica's member and contact rows since the list
 * queries' connection last caught up, logged by triggers: keys only, nothing
 * a person typed, so a wipe leaves nothing of it behind.
 */
export const replicaListPending = sqliteTable('replica_list_pending', {
  seq: integer('seq').primaryKey({ autoIncrement: true }),
  /** 'members' or 'contacts'. */
  list: text('list').notNull(),
  workspaceId: text('workspace_id').notNull(),
  id: text('id').notNull(),
  /** 'row': added or its fields changed; 'presence': only its presence changed; 'removed': deleted (its name and email blanked). */
  change: text('change').notNull(),
});
