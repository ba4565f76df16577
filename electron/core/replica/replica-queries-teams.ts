// The team list's windows, by name, each team with its member count counted
// by SQLite over the member index by team (no member list crosses to the
// renderer to count it). Teams are few, so they are read, searched and
// sorted straight from their JSON.
import type { TeamListRow, TeamsQuery, TeamWindow } from '../../../shared/api/list-queries-contract';
import type { Team } from '../../../shared/domain';
import { planSearch } from './replica-queries-search';
import type { Statements } from './replica-queries-sql';
import { anchorIndex, Conditions, Order, patternClause } from './replica-queries-sql';

const FROM = 'FROM replica_teams t';
const ROW_COLUMNS = 't.data AS data, (SELECT count(*) FROM replica_member_fields m WHERE m.workspace_id = t.workspace_id AND m.team_id = t.id) AS memberCount';

interface StoredRow {
  data: string;
  memberCount: number;
}

function teamConditions(workspaceId: string, search: string): Conditions {
  const conditions = new Conditions().add('t.workspace_id = ?', workspaceId);
  const plan = planSearch(search);
  if (plan.kind === 'nothing') conditions.add('0');
  // Teams have no search index (they are few): every search scans them.
  if (plan.kind === 'scan' || plan.kind === 'index') conditions.add(patternClause("json_extract(t.data, '$.name')", plan.check), plan.check.pattern);
  return conditions;
}

export function queryTeams(statements: Statements, workspaceId: string, query: TeamsQuery): TeamWindow {
  const conditions = teamConditions(workspaceId, query.search);
  const order = new Order(["lower(json_extract(t.data, '$.name'))", 't.id'], 'asc');
  const total = statements.count(`SELECT count(*) ${FROM}${conditions.sql}`, conditions.params);
  // Teams are few: the rows come straight from the ordered query.
  const rows =
    query.limit === 0 || query.offset >= total
      ? []
      : statements.rows<StoredRow>(`SELECT ${ROW_COLUMNS} ${FROM}${conditions.sql}${order.sql} LIMIT ? OFFSET ?`, [...conditions.params, query.limit, query.offset]);
  return {
    rows: rows.map((row): TeamListRow => ({ ...(JSON.parse(row.data) as Team), memberCount: row.memberCount })),
    total,
    offset: query.offset,
    anchorIndex: anchorIndex(statements, FROM, conditions, order, 't.id', query.anchorId),
  };
}
