// Reading the hub's tables on PostgreSQL for the row-for-row check (issue
// 14.5): in primary-key order, through a cursor, so a table of millions of
// rows is digested in batches rather than held in memory.
import pg from 'pg';
import type { HubTable } from './hub-tables';
import { hubTables, quoted } from './hub-tables';
import type { TableDigest } from './row-digest';
import { TableDigester } from './row-digest';

/** Rows fetched from the cursor at a time. */
const FETCH_ROWS = 2_000;

/**
 * The table's columns as the check reads them: jsonb as its text, so SQL
 * NULL and a JSON null stay apart (node-postgres would parse both to null).
 */
function selectedColumns(table: HubTable): string {
  return table.columns.map((column) => (column.kind === 'json' ? `${quoted(column.name)}::text` : quoted(column.name))).join(', ');
}

/**
 * Primary-key order, text compared by bytes ("C"), which is SQLite's BINARY
 * order for UTF-8 text: a database created with another collation (en_US,
 * say) would otherwise order the same keys differently.
 */
export function postgresKeyOrder(table: HubTable): string {
  return table.primaryKey
    .map((name) => (table.columns.find((column) => column.name === name)?.kind === 'text' ? `${quoted(name)} COLLATE "C"` : quoted(name)))
    .join(', ');
}

/** Digests every table on `client`, which must be inside a transaction (a cursor lives in one). */
export async function digestPostgresTables(client: pg.ClientBase, tables: readonly HubTable[] = hubTables()): Promise<TableDigest[]> {
  const digests: TableDigest[] = [];
  for (const table of tables) {
    const digester = new TableDigester(table);
    await client.query(`DECLARE hub_rows NO SCROLL CURSOR FOR SELECT ${selectedColumns(table)} FROM ${quoted(table.name)} ORDER BY ${postgresKeyOrder(table)}`);
    for (;;) {
      const batch = await client.query<unknown[]>({ text: `FETCH FORWARD ${FETCH_ROWS} FROM hub_rows`, rowMode: 'array' });
      for (const row of batch.rows) digester.add(row);
      if (batch.rows.length < FETCH_ROWS) break;
    }
    await client.query('CLOSE hub_rows');
    digests.push(digester.finish());
  }
  return digests;
}

/** The digests of the hub in the PostgreSQL database at `url`, read in one snapshot (a backup check, a restore test). */
export async function digestPostgresHub(url: string): Promise<TableDigest[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    const digests = await digestPostgresTables(client);
    await client.query('COMMIT');
    return digests;
  } finally {
    await client.end();
  }
}
