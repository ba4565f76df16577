// Brings the list fields (replica_member_fields, replica_contact_fields) and
// their FTS5 search tables up to date with what the triggers logged in
// replica_list_pending (0002_list_fields_triggers.sql), in one transaction
// on the list queries' connection, before they answer and after each sync
// event.
//
// Many rows at once (a snapshot, a wipe, an R7 or R5 change that re-sends
// every contact): the list is rebuilt in bulk: indexes dropped, rows copied
// from the JSON in one statement, indexes created again (SQLite sorts, then
// builds each in one pass), the search table refilled; about 2 s for 100,000
// members on the list connection, where keeping them in the sync's own
// transaction cost 8 index updates per row. A rebuild also leaves nothing of
// what left: the old pages are overwritten (secure_delete on the
// connection), including the stale copies of moved entries that a b-tree
// keeps in its free space and secure_delete does not reach.
//
// A few rows: each copied from the JSON; the search entries of a row that
// left or whose name or email changed are replaced by key (the search tables
// are contentless); presence changes only rewrite presence columns. Entries
// removed that way stay as tombstoned trigrams in the search table's pages
// until the next rebuild or merge: purging them at every removal would
// stall the app for the time of a rebuild (about 1.5 s at 100,000 contacts)
// each time a contact is deleted.
import type Database from 'better-sqlite3';
import { dropIndexes } from './replica-bulk-lists';
import type { ListTables } from './replica-list-tables';
import { BULK_ROWS, LISTS } from './replica-list-tables';

function sqlOf(sqlite: Database.Database) {
  return {
    run: (sql: string, ...params: unknown[]) => sqlite.prepare(sql).run(...params),
    value: (sql: string, ...params: unknown[]) => sqlite.prepare(sql).pluck().get(...params),
  };
}

/** The keys logged as added, changed or removed for `list`, up to `lastSeq`, in a temporary table of this connection. */
function collectChangedRows(sqlite: Database.Database, list: ListTables, lastSeq: number): number {
  const { run } = sqlOf(sqlite);
  run('CREATE TEMP TABLE IF NOT EXISTS catch_up_rows (workspace_id TEXT NOT NULL, id TEXT NOT NULL, PRIMARY KEY (workspace_id, id)) WITHOUT ROWID');
  run('DELETE FROM temp.catch_up_rows');
  return run(`INSERT OR IGNORE INTO temp.catch_up_rows SELECT workspace_id, id FROM replica_list_pending WHERE list = ? AND seq <= ? AND change <> 'presence'`, list.name, lastSeq).changes;
}

/** The whole list rebuilt from the JSON, its indexes built afresh, its search table refilled: nothing of what left stays. */
function rebuildList(sqlite: Database.Database, list: ListTables): void {
  const { run } = sqlOf(sqlite);
  const restoreIndexes = dropIndexes(sqlite, list.fields);
  run(`DELETE FROM ${list.fields}`);
  run(`INSERT INTO ${list.fields} (${list.columns}) SELECT ${list.columns} FROM ${list.source}`);
  restoreIndexes();
  run(`INSERT INTO ${list.searchTable}(${list.searchTable}) VALUES ('delete-all')`);
  run(`INSERT INTO ${list.searchTable}(rowid, ${list.searchColumns}) SELECT search_key, ${list.searchColumns} FROM ${list.fields}`);
}

/**
 * A few rows: each copied from the JSON, its search entries replaced when its
 * name or email changed or it left (by key: the table is contentless), and
 * presence changes only rewrite presence columns.
 */
function applyChangedRows(sqlite: Database.Database, list: ListTables, lastSeq: number): void {
  const { run, value } = sqlOf(sqlite);
  const isGone = `NOT EXISTS (SELECT 1 FROM ${list.source} s WHERE s.workspace_id = k.workspace_id AND s.id = k.id)`;
  const [firstText, secondText] = list.searchColumns.split(', ');
  const lastKey = Number(value(`SELECT coalesce(max(search_key), 0) FROM ${list.fields}`));
  run('CREATE TEMP TABLE IF NOT EXISTS catch_up_stale (search_key INTEGER PRIMARY KEY)');
  run('DELETE FROM temp.catch_up_stale');
  // Entries whose text goes: the row left (its text already blanked), or its name or email is another now.
  run(
    `INSERT INTO temp.catch_up_stale SELECT f.search_key FROM temp.catch_up_rows k
     JOIN ${list.fields} f ON f.workspace_id = k.workspace_id AND f.id = k.id
     LEFT JOIN ${list.source} s ON s.workspace_id = k.workspace_id AND s.id = k.id
     WHERE s.id IS NULL OR f.${firstText} IS NOT s.${firstText} OR f.${secondText} IS NOT s.${secondText}`,
  );
  run(`DELETE FROM ${list.searchTable} WHERE rowid IN (SELECT search_key FROM temp.catch_up_stale)`);
  run(`DELETE FROM ${list.fields} WHERE (workspace_id, id) IN (SELECT workspace_id, id FROM temp.catch_up_rows k WHERE ${isGone})`);
  const assignments = list.columns
    .split(', ')
    .filter((column) => column !== 'workspace_id' && column !== 'id')
    .map((column) => `${column} = excluded.${column}`)
    .join(', ');
  const sourceColumns = list.columns
    .split(', ')
    .map((column) => `s.${column}`)
    .join(', ');
  run(
    `INSERT INTO ${list.fields} (${list.columns}) SELECT ${sourceColumns} FROM temp.catch_up_rows k
     JOIN ${list.source} s ON s.workspace_id = k.workspace_id AND s.id = k.id WHERE true
     ON CONFLICT (workspace_id, id) DO UPDATE SET ${assignments}`,
  );
  if (list.presenceColumns) {
    run(
      `UPDATE ${list.fields} AS f SET (${list.presenceColumns}) = (SELECT ${list.presenceColumns} FROM ${list.source} s WHERE s.workspace_id = f.workspace_id AND s.id = f.id)
       WHERE (workspace_id, id) IN (SELECT workspace_id, id FROM replica_list_pending WHERE list = ? AND seq <= ? AND change = 'presence')`,
      list.name,
      lastSeq,
    );
  }
  // New rows (search keys only grow), and the rows whose text changed.
  run(
    `INSERT INTO ${list.searchTable}(rowid, ${list.searchColumns}) SELECT search_key, ${list.searchColumns} FROM ${list.fields}
     WHERE search_key > ? OR search_key IN (SELECT search_key FROM temp.catch_up_stale)`,
    lastKey,
  );
}

/** True when nothing is logged: the fields and search tables hold exactly the replica's rows. */
export function isCaughtUp(sqlite: Database.Database): boolean {
  return sqlite.prepare('SELECT 1 FROM replica_list_pending LIMIT 1').get() === undefined;
}

/** Returns true when a list was rebuilt (the caller then checkpoints and reloads the planner's statistics). */
export function catchUpLists(sqlite: Database.Database): boolean {
  if (isCaughtUp(sqlite)) return false;
  return sqlite.transaction((): boolean => {
    let hasRebuilt = false;
    for (const list of LISTS) {
      const lastSeq = Number(sqlite.prepare('SELECT coalesce(max(seq), 0) FROM replica_list_pending WHERE list = ?').pluck().get(list.name));
      if (lastSeq === 0) continue;
      const changedRows = collectChangedRows(sqlite, list, lastSeq);
      const rows = Number(sqlite.prepare(`SELECT count(*) FROM ${list.fields}`).pluck().get());
      if (changedRows > Math.max(BULK_ROWS, rows / 10)) {
        rebuildList(sqlite, list);
        hasRebuilt = true;
      } else {
        applyChangedRows(sqlite, list, lastSeq);
      }
      sqlite.prepare('DELETE FROM replica_list_pending WHERE list = ? AND seq <= ?').run(list.name, lastSeq);
    }
    return hasRebuilt;
  })();
}

/**
 * V2: after a workspace's rows are deleted, on the connection that deleted
 * them and before its checkpoint, leaves none of their names or emails in
 * the list structures: both lists are rebuilt from what is left (their
 * fields, indexes and search tables). Replica.wipeWorkspace should call it
 * (about 2 s per 100,000 rows left, once, at a revoke); until it does, the
 * core's catch-up after the revoke event does the same.
 */
export function forgetRemovedRows(sqlite: Database.Database): void {
  sqlite.transaction(() => {
    // A rebuild reads every row from the JSON: whatever else was logged is in it too.
    for (const list of LISTS) rebuildList(sqlite, list);
    sqlite.prepare('DELETE FROM replica_list_pending').run();
  })();
}
