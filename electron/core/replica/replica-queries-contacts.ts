// The contact list's windows (Contacts and Messages): search on the name and
// on the email as this person sees it (masked under R7, so a masked address
// is never found by what it hides), filtered by assignee or team, by name.
// The replica holds only the contacts R5 lets this person see, so every
// count here follows R5 too.
import type { ContactListRow, ContactsQuery, ContactWindow } from '../../../shared/api/list-queries-contract';
import type { Contact } from '../../../shared/domain';
import { planSearch } from './replica-queries-search';
import type { RowSource, SearchAccess, Statements } from './replica-queries-sql';
import { addSearch, anchorIndex, Conditions, countFrom, Order, rowsInOrder, windowKeys } from './replica-queries-sql';

const SOURCE: RowSource = { alias: 'c', plain: 'FROM replica_contact_fields c', walk: 'FROM replica_contact_fields c INDEXED BY replica_contact_fields_by_name' };
const ROWS_BY_KEY = `SELECT c.search_key AS searchKey, d.data AS data, a.id AS assigneeId, a.display_name AS assigneeName, a.team_id AS assigneeTeamId
  FROM replica_contact_fields c JOIN replica_contacts d ON d.workspace_id = c.workspace_id AND d.id = c.id
  LEFT JOIN replica_member_fields a ON a.workspace_id = c.workspace_id AND a.id = c.assignee_id
  WHERE c.search_key IN (SELECT value FROM json_each(?))`;

interface StoredRow {
  searchKey: number;
  data: string;
  assigneeId: string | null;
  assigneeName: string | null;
  assigneeTeamId: string | null;
}

function contactConditions(statements: Statements, workspaceId: string, query: ContactsQuery): { conditions: Conditions; access: SearchAccess } {
  const conditions = new Conditions().add('c.workspace_id = ?', workspaceId);
  if (query.assignee.kind === 'unassigned') conditions.add('c.assignee_id IS NULL');
  if (query.assignee.kind === 'member') conditions.add('c.assignee_id = ?', query.assignee.memberId);
  if (query.teamId !== null) conditions.add('c.team_id = ?', query.teamId);
  const access = addSearch(statements, conditions, planSearch(query.search), { alias: 'c', index: 'replica_contacts_search', columns: ['name', 'email'] });
  return { conditions, access };
}

function toListRow(row: StoredRow): ContactListRow {
  const contact = JSON.parse(row.data) as Contact;
  const assignee = row.assigneeId === null ? null : { id: row.assigneeId, displayName: row.assigneeName ?? '', teamId: row.assigneeTeamId };
  return { ...contact, assignee };
}

export function queryContacts(statements: Statements, workspaceId: string, query: ContactsQuery): ContactWindow {
  const { conditions, access } = contactConditions(statements, workspaceId, query);
  const order = new Order(['c.name_key', 'c.id'], query.direction);
  const total = statements.count(`SELECT count(*) ${countFrom(SOURCE, access)}${conditions.sql}`, conditions.params);
  const window = { limit: query.limit, offset: query.offset, total, isNameOrder: true };
  const keys = query.limit === 0 || query.offset >= total ? [] : windowKeys(statements, SOURCE, access, conditions, order, window);
  const rows = rowsInOrder<StoredRow>(statements, ROWS_BY_KEY, keys);
  return { rows: rows.map(toListRow), total, offset: query.offset, anchorIndex: anchorIndex(statements, SOURCE.plain, conditions, order, 'c.id', query.anchorId) };
}
