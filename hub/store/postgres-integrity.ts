// What integrityCheck() means on PostgreSQL. SQLite's integrity_check reads
// the file's pages; PostgreSQL keeps its pages itself (a page check needs
// the amcheck extension and a superuser), so this checks what the hub relies
// on above them: every index usable (a failed CREATE INDEX CONCURRENTLY
// leaves one invalid, and unique lookups would silently stop being enforced),
// every constraint validated, and no workspace's change log ahead of its
// sequence (a change past `seq` would be handed out again under the same
// number). "ok" when all hold, as SQLite answers.
import { sql } from 'drizzle-orm';
import type { NodePgDatabase } from 'drizzle-orm/node-postgres';
import type * as pgSchema from './pg/schema';

type Reader = Pick<NodePgDatabase<typeof pgSchema>, 'execute'>;

export async function checkPostgresIntegrity(db: Reader): Promise<string> {
  const problems: string[] = [];
  const invalidIndexes = await db.execute<{ name: string }>(
    sql`SELECT indexrelid::regclass::text AS name FROM pg_index JOIN pg_class ON pg_class.oid = pg_index.indrelid
        WHERE pg_class.relnamespace = 'public'::regnamespace AND NOT (pg_index.indisvalid AND pg_index.indisready) ORDER BY 1`,
  );
  for (const row of invalidIndexes.rows) problems.push(`index ${row.name} is not valid`);
  const unvalidated = await db.execute<{ name: string; table: string }>(
    sql`SELECT conname AS name, conrelid::regclass::text AS table FROM pg_constraint
        WHERE connamespace = 'public'::regnamespace AND NOT convalidated ORDER BY 2, 1`,
  );
  for (const row of unvalidated.rows) problems.push(`constraint ${row.name} on ${row.table} is not validated`);
  const changesAhead = await db.execute<{ workspace_id: string; seq: string; newest: string }>(
    sql`SELECT w.id AS workspace_id, w.seq::text AS seq, c.newest::text AS newest
        FROM workspaces w JOIN (SELECT workspace_id, max(seq) AS newest FROM changes GROUP BY workspace_id) c ON c.workspace_id = w.id
        WHERE c.newest > w.seq ORDER BY 1`,
  );
  for (const row of changesAhead.rows) problems.push(`workspace ${row.workspace_id} has changes up to ${row.newest} past its sequence ${row.seq}`);
  return problems.length === 0 ? 'ok' : problems.join('\n');
}
