// The two lists the replica keeps fields and a search table for (members and
// contacts, issue 12): which tables hold them, and how one record becomes a
// row of its fields. The catch-up reads the fields from the JSON through the
// views of 0002_list_fields_triggers.sql; a large snapshot writes them from
// the records it already holds (replica-bulk-lists.ts), with the same values
// (replica-bulk-lists.test.ts compares the two, column by column).
import type { Contact, Member } from '../../../shared/domain';
import type { RecordKind } from '../../../shared/protocol';

export interface ListTables {
  name: 'members' | 'contacts';
  /** The replica's own table of the records (their JSON), whose triggers log the list's changes. */
  records: 'replica_members' | 'replica_contacts';
  fields: string;
  /** The view that reads the fields from the JSON (0002). */
  source: string;
  columns: string;
  searchTable: string;
  searchColumns: string;
  /** The columns a presence change rewrites, or null. */
  presenceColumns: string | null;
}

/** Rows changed at once past which a list is rebuilt in bulk (also past a tenth of its rows). */
export const BULK_ROWS = 2_000;

const MEMBER_COLUMNS =
  'workspace_id, id, display_name, email, name_key, level, level_rank, restrictions, status, team_id, is_online, last_seen_at, last_seen_key, invited_at, joined_at, joined_key, access_until, access_until_key';

export const MEMBER_LIST: ListTables = {
  name: 'members',
  records: 'replica_members',
  fields: 'replica_member_fields',
  source: 'replica_member_fields_source',
  columns: MEMBER_COLUMNS,
  searchTable: 'replica_members_search',
  searchColumns: 'display_name, email',
  presenceColumns: 'is_online, last_seen_at, last_seen_key',
};

export const CONTACT_LIST: ListTables = {
  name: 'contacts',
  records: 'replica_contacts',
  fields: 'replica_contact_fields',
  source: 'replica_contact_fields_source',
  columns: 'workspace_id, id, name, email, name_key, assignee_id, team_id',
  searchTable: 'replica_contacts_search',
  searchColumns: 'name, email',
  presenceColumns: null,
};

export const LISTS: readonly ListTables[] = [MEMBER_LIST, CONTACT_LIST];

/** The list a kind of record feeds, if any (teams have none). */
export function listOf(kind: RecordKind): ListTables | null {
  return kind === 'members' ? MEMBER_LIST : kind === 'contacts' ? CONTACT_LIST : null;
}

/**
 * How one record becomes its fields row, as the views read it from the JSON:
 * the statement's values (`name_key` is SQLite's lower() of the name, as in
 * the view, so it is bound as the name). Binding them costs about half what
 * reading them back from the JSON text does.
 */
export interface FieldsRow {
  /** INSERT of one fields row, its values bound in the order `values` gives them. */
  insert: string;
  values(record: { id: string }, workspaceId: string): unknown[];
}

/** The sort key of access without an end date: the latest of all (0004_access_until_fields.sql uses the same number). */
export const NO_ACCESS_END_KEY = Number.MAX_SAFE_INTEGER;

const LEVEL_RANKS: Readonly<Record<string, number>> = { owner: 0, manager: 1, agent: 2 };

const MEMBER_FIELDS: FieldsRow = {
  insert: `INSERT INTO replica_member_fields (${MEMBER_COLUMNS}) VALUES (?, ?, ?, ?, lower(?), ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  values(record, workspaceId) {
    const member = record as Member;
    return [
      workspaceId,
      member.id,
      member.displayName,
      member.email,
      member.displayName,
      member.level,
      LEVEL_RANKS[member.level] ?? 3,
      // json_extract gives an object as its JSON text; the restrictions hold booleans and plain words, written the same by both.
      JSON.stringify(member.restrictions),
      member.status,
      member.teamId,
      // json_extract reads true and false as 1 and 0.
      member.isOnline ? 1 : 0,
      member.lastSeenAt,
      member.lastSeenAt ?? 0,
      member.invitedAt,
      member.joinedAt,
      member.joinedAt ?? 0,
      // Issue 13.2: a hub older than temporary access leaves the end date out (no end).
      member.accessUntil ?? null,
      member.accessUntil ?? NO_ACCESS_END_KEY,
    ];
  },
};

const CONTACT_FIELDS: FieldsRow = {
  insert: `INSERT INTO replica_contact_fields (${CONTACT_LIST.columns}) VALUES (?, ?, ?, ?, lower(?), ?, ?)`,
  values(record, workspaceId) {
    const contact = record as Contact;
    return [workspaceId, contact.id, contact.name, contact.email, contact.name, contact.assigneeId, contact.teamId];
  },
};

export function fieldsRowOf(list: ListTables): FieldsRow {
  return list.name === 'members' ? MEMBER_FIELDS : CONTACT_FIELDS;
}
