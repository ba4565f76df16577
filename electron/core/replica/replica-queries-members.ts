// The member list's windows: the Users page (search, level, status, team and
// presence filters, five sorts), the pickers that choose a member, and
// members by id, read from replica_member_fields, where each filter and
// sort has its index (schema.ts), and the page's members from their JSON.
//
// Presence: the replica keeps what the hub last said (is_online), but it
// counts only while the core hears the hub and has had its presence list,
// as the dots on the page do; otherwise everyone is offline, the "online"
// filter finds nobody and "last seen" sorts by the last time alone.
import { endingSoonDays } from '../../../shared/api/list-queries-contract';
import type { MemberChoice, MemberChoices, MemberListRow, MembersQuery, MemberSort, MemberWindow } from '../../../shared/api/list-queries-contract';
import type { Member } from '../../../shared/domain';
import type { AccessLevel } from '../../../shared/policy';
import { NO_ACCESS_END_KEY } from './replica-list-tables';
import { planSearch } from './replica-queries-search';
import type { RowSource, SearchAccess, Statements } from './replica-queries-sql';
import { addSearch, anchorIndex, Conditions, countFrom, Order, rowsInOrder, windowKeys } from './replica-queries-sql';

export interface MembersView {
  workspaceId: string;
  /** The core hears the hub and has its presence list: is_online counts. */
  isPresenceLive: boolean;
  /** The clock "access ending soon" counts from (UTC ms); now when left out (tests set it). */
  now?: number;
}

const LEVEL_RANKS: Record<AccessLevel, number> = { owner: 0, manager: 1, agent: 2 };

const SOURCE: RowSource = { alias: 'm', plain: 'FROM replica_member_fields m', walk: 'FROM replica_member_fields m INDEXED BY replica_member_fields_by_name' };
const ROWS_BY_KEY = `SELECT m.search_key AS searchKey, d.data AS data, json_extract(t.data, '$.name') AS teamName FROM replica_member_fields m
  JOIN replica_members d ON d.workspace_id = m.workspace_id AND d.id = m.id
  LEFT JOIN replica_teams t ON t.workspace_id = m.workspace_id AND t.id = m.team_id
  WHERE m.search_key IN (SELECT value FROM json_each(?))`;

interface StoredRow {
  searchKey: number;
  data: string;
  teamName: string | null;
}

type MemberFilters = Pick<MembersQuery, 'search' | 'level' | 'status' | 'teamId' | 'presence' | 'access' | 'excludeIds'>;

const DAY_MS = 86_400_000;

/**
 * Issue 13.2: the latest end date that counts as "ending soon" now, from the
 * workspace's warning days as the replica holds them (a hub older than
 * temporary access sends none: its default, 3).
 */
function endingSoonCutoff(statements: Statements, view: MembersView): number {
  const [days] = statements.values(`SELECT coalesce(json_extract(workspace, '$.accessEndWarningDays'), 3) FROM replica_workspaces WHERE workspace_id = ?`, [view.workspaceId]) ?? [3];
  return (view.now ?? Date.now()) + endingSoonDays(Number(days)) * DAY_MS;
}

function memberConditions(statements: Statements, view: MembersView, filters: MemberFilters): { conditions: Conditions; access: SearchAccess } {
  const conditions = new Conditions().add('m.workspace_id = ?', view.workspaceId);
  if (filters.level !== null) conditions.add('m.level_rank = ?', LEVEL_RANKS[filters.level]);
  if (filters.status !== null) conditions.add('m.status = ?', filters.status);
  if (filters.teamId !== null) conditions.add('m.team_id = ?', filters.teamId);
  if (filters.presence === 'online') conditions.add(view.isPresenceLive ? 'm.is_online = 1' : '0');
  if (filters.presence === 'offline' && view.isPresenceLive) conditions.add('m.is_online = 0');
  // No end date is stored as the largest key (NO_ACCESS_END_KEY), so both filters read the end date's index.
  if (filters.access === 'ending_soon') conditions.add('m.access_until_key <= ?', endingSoonCutoff(statements, view));
  if (filters.access === 'has_end') conditions.add('m.access_until_key < ?', NO_ACCESS_END_KEY);
  if (filters.excludeIds.length > 0) conditions.add('m.id NOT IN (SELECT value FROM json_each(?))', JSON.stringify(filters.excludeIds));
  const access = addSearch(statements, conditions, planSearch(filters.search), { alias: 'm', index: 'replica_members_search', columns: ['display_name', 'email'] });
  return { conditions, access };
}

function memberOrder(sort: MemberSort, isPresenceLive: boolean): Order {
  switch (sort.by) {
    case 'name':
      return new Order(['m.name_key', 'm.id'], sort.direction);
    case 'level':
      return new Order(['m.level_rank', 'm.name_key', 'm.id'], sort.direction);
    case 'last_seen':
      return new Order(isPresenceLive ? ['m.is_online', 'm.last_seen_key', 'm.id'] : ['m.last_seen_key', 'm.id'], sort.direction);
    case 'invited':
      return new Order(['m.invited_at', 'm.id'], sort.direction);
    case 'joined':
      return new Order(['m.joined_key', 'm.id'], sort.direction);
    case 'access_until':
      return new Order(['m.access_until_key', 'm.id'], sort.direction);
  }
}

function toListRow(row: StoredRow, isPresenceLive: boolean): MemberListRow {
  const member = JSON.parse(row.data) as Member;
  return { ...member, isOnline: isPresenceLive && member.isOnline, teamName: row.teamName };
}

export function queryMembers(statements: Statements, view: MembersView, query: MembersQuery): MemberWindow {
  const { conditions, access } = memberConditions(statements, view, query);
  const order = memberOrder(query.sort, view.isPresenceLive);
  const total = statements.count(`SELECT count(*) ${countFrom(SOURCE, access)}${conditions.sql}`, conditions.params);
  const window = { limit: query.limit, offset: query.offset, total, isNameOrder: query.sort.by === 'name' };
  const keys = query.limit === 0 || query.offset >= total ? [] : windowKeys(statements, SOURCE, access, conditions, order, window);
  const rows = rowsInOrder<StoredRow>(statements, ROWS_BY_KEY, keys);
  return {
    rows: rows.map((row) => toListRow(row, view.isPresenceLive)),
    total,
    offset: query.offset,
    anchorIndex: anchorIndex(statements, SOURCE.plain, conditions, order, 'm.id', query.anchorId),
  };
}

export interface MemberPick {
  search: string;
  status: Member['status'] | null;
  excludeIds: string[];
  limit: number;
}

/** The first members by name that match, for a picker. */
export function pickMembers(statements: Statements, view: MembersView, pick: MemberPick): MemberChoices {
  const window = queryMembers(statements, view, {
    ...pick,
    level: null,
    teamId: null,
    presence: null,
    access: null,
    sort: { by: 'name', direction: 'asc' },
    offset: 0,
    anchorId: null,
  });
  const rows = window.rows.map(
    ({ id, displayName, email, avatarDataUrl, level, status, teamId }): MemberChoice => ({ id, displayName, email, avatarDataUrl, level, status, teamId }),
  );
  return { rows, total: window.total };
}

/** These members, in the order asked; ids not in the replica are left out. */
export function membersByIds(statements: Statements, view: MembersView, ids: readonly string[]): MemberListRow[] {
  if (ids.length === 0) return [];
  const keys = statements.rows<{ searchKey: number; id: string }>('SELECT search_key AS searchKey, id FROM replica_member_fields WHERE workspace_id = ? AND id IN (SELECT value FROM json_each(?))', [
    view.workspaceId,
    JSON.stringify(ids),
  ]);
  const keyOf = new Map(keys.map((row) => [row.id, row.searchKey]));
  const wanted = ids.flatMap((id) => keyOf.get(id) ?? []);
  return rowsInOrder<StoredRow>(statements, ROWS_BY_KEY, wanted).map((row) => toListRow(row, view.isPresenceLive));
}
