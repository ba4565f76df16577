// A large snapshot writes a list's fields and search entries itself, in the
// snapshot's own transaction, instead of leaving them to the catch-up
// (issue 12, first sync): the list connection then has nothing to do before
// the Users page can answer. Inside that transaction the list's triggers
// and the fields' indexes are dropped, so each record costs one plain row
// in each table (no log row, no index update) and the indexes are built
// once at the end from sorted keys; both are made again, as they were,
// before the commit, so no other connection ever sees them missing.
//
// As the catch-up's rebuild does, it leaves nothing of what left (V2, R7):
// the workspace's old rows are deleted with secure_delete on, the fields
// table is emptied and the other workspaces' rows read again from their
// JSON, the search table is cleared and refilled, and the dropped indexes'
// pages are freed (zeroed under secure_delete) and built afresh.
import type Database from 'better-sqlite3';
import type { ListTables } from './replica-list-tables';
import { fieldsRowOf } from './replica-list-tables';

interface SchemaEntry {
  name: string;
  sql: string;
}

/**
 * Drops a table's indexes for a bulk write and returns what makes them again,
 * with their planner statistics (0003), which dropping an index deletes.
 */
export function dropIndexes(sqlite: Database.Database, table: string): () => void {
  const indexes = sqlite.prepare(`SELECT name, sql FROM sqlite_schema WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL`).all(table) as SchemaEntry[];
  const statistics = sqlite.prepare('SELECT idx, stat FROM sqlite_stat1 WHERE tbl = ?').all(table) as Array<{ idx: string; stat: string }>;
  for (const index of indexes) sqlite.exec(`DROP INDEX ${index.name}`);
  return () => {
    for (const index of indexes) sqlite.exec(index.sql);
    const restore = sqlite.prepare('INSERT INTO sqlite_stat1 (tbl, idx, stat) VALUES (?, ?, ?)');
    for (const statistic of statistics) restore.run(table, statistic.idx, statistic.stat);
  };
}

/** Drops a table's triggers for a bulk write and returns what makes them again. */
function dropTriggers(sqlite: Database.Database, table: string): () => void {
  const triggers = sqlite.prepare(`SELECT name, sql FROM sqlite_schema WHERE type = 'trigger' AND tbl_name = ?`).all(table) as SchemaEntry[];
  for (const trigger of triggers) sqlite.exec(`DROP TRIGGER ${trigger.name}`);
  return () => {
    for (const trigger of triggers) sqlite.exec(trigger.sql);
  };
}

/**
 * Whether a snapshot bringing `incoming` records of a list to a workspace is
 * worth writing in bulk. A bulk write reads the other workspaces' rows of
 * the list again and builds its indexes over all of them; logging each row
 * and catching up costs about twice as much per row changed, but nothing for
 * the others. So: in bulk when the other workspaces hold no more rows than
 * the snapshot changes (always, when the workspace is alone in the file).
 */
export function isBulkWorth(sqlite: Database.Database, list: ListTables, workspaceId: string, incoming: number): boolean {
  // A file made by the previous version's migrations (the upgrade test and the benchmarks open one) has no lists to write.
  if (!sqlite.prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = ?").get(list.fields)) return false;
  const count = (sql: string, ...params: unknown[]) => Number(sqlite.prepare(sql).pluck().get(...params));
  const replaced = count(`SELECT count(*) FROM ${list.fields} WHERE workspace_id = ?`, workspaceId);
  const others = count(`SELECT count(*) FROM ${list.fields}`) - replaced;
  return others <= incoming + replaced;
}

/** One list being written in bulk inside an open transaction: started, fed each part's records, finished before the commit. */
export class BulkListLoad {
  private readonly insertFields: Database.Statement;
  private readonly insertSearch: Database.Statement;
  private readonly fieldsRow;

  private constructor(
    sqlite: Database.Database,
    readonly list: ListTables,
    private readonly restore: ReadonlyArray<() => void>,
    /** The last search key given so far: every row added after it has a greater one (AUTOINCREMENT). */
    private lastKey: number,
  ) {
    this.fieldsRow = fieldsRowOf(list);
    this.insertFields = sqlite.prepare(this.fieldsRow.insert);
    // A part's search entries in one statement: about twice as fast as one insert per row into FTS5.
    this.insertSearch = sqlite.prepare(`INSERT INTO ${list.searchTable} (rowid, ${list.searchColumns}) SELECT search_key, ${list.searchColumns} FROM ${list.fields} WHERE search_key > ?`);
  }

  /**
   * Deletes the workspace's records of the list (their triggers dropped
   * first, so nothing is logged) and clears what the list derived from the
   * whole table: the other workspaces' fields and search entries are read
   * again from their JSON, this workspace's come with its parts.
   */
  static start(sqlite: Database.Database, list: ListTables, workspaceId: string): BulkListLoad {
    const run = (sql: string, ...params: unknown[]) => sqlite.prepare(sql).run(...params);
    const restoreTriggers = dropTriggers(sqlite, list.records);
    // Alone in the file, the workspace's rows go at once (a table with no triggers is emptied page by page, zeroed
    // under secure_delete), not one by one through the b-tree.
    const hasOthers = sqlite.prepare(`SELECT 1 FROM ${list.records} WHERE workspace_id < ? OR workspace_id > ? LIMIT 1`).get(workspaceId, workspaceId) !== undefined;
    if (hasOthers) run(`DELETE FROM ${list.records} WHERE workspace_id = ?`, workspaceId);
    else run(`DELETE FROM ${list.records}`);
    const restoreIndexes = dropIndexes(sqlite, list.fields);
    run(`DELETE FROM ${list.fields}`);
    run(`INSERT INTO ${list.fields} (${list.columns}) SELECT ${list.columns} FROM ${list.source}`);
    run(`INSERT INTO ${list.searchTable}(${list.searchTable}) VALUES ('delete-all')`);
    run(`INSERT INTO ${list.searchTable}(rowid, ${list.searchColumns}) SELECT search_key, ${list.searchColumns} FROM ${list.fields}`);
    // Everything logged for this list is in what was just read from the JSON, or is this workspace's old rows.
    run('DELETE FROM replica_list_pending WHERE list = ?', list.name);
    const lastKey = Number(sqlite.prepare(`SELECT coalesce(max(search_key), 0) FROM ${list.fields}`).pluck().get());
    return new BulkListLoad(sqlite, list, [restoreIndexes, restoreTriggers], lastKey);
  }

  /** The fields and search entries of records whose JSON rows this transaction has written. */
  add(workspaceId: string, records: ReadonlyArray<{ id: string }>): void {
    const { fieldsRow, insertFields } = this;
    let lastKey = this.lastKey;
    for (const record of records) lastKey = Number(insertFields.run(...fieldsRow.values(record, workspaceId)).lastInsertRowid);
    this.insertSearch.run(this.lastKey);
    this.lastKey = lastKey;
  }

  /** The indexes built from the rows now there, their statistics put back, the triggers made again. */
  finish(): void {
    for (const restore of this.restore) restore();
  }
}
