// Test helper for the fault suites across hub instances (hub/cluster-faults.test.ts):
// what the PostgreSQL database holds of a workspace's teams, change log and
// applied mutations, read with plain SQL beside the hubs (not through their
// store), so the test checks the rows themselves.
import pg from 'pg';

export interface StoredWrites {
  /** The workspace's seq. */
  seq: number;
  teams: Array<{ id: string; name: string }>;
  /** The change log's seqs, in order. */
  changeSeqs: number[];
  /** How many change log entries name each team. */
  teamChanges: Map<string, number>;
  /** How many applied-mutation records each mutation id has. */
  appliedMutations: Map<string, number>;
}

export async function readStoredWrites(database: string, workspaceId: string): Promise<StoredWrites> {
  const client = new pg.Client({ connectionString: database });
  await client.connect();
  try {
    const workspace = await client.query<{ seq: string }>('SELECT seq FROM workspaces WHERE id = $1', [workspaceId]);
    const teams = await client.query<{ id: string; name: string }>('SELECT id, name FROM teams WHERE workspace_id = $1 ORDER BY id', [workspaceId]);
    const changes = await client.query<{ seq: string; entity: string; entity_id: string }>(
      'SELECT seq, entity, entity_id FROM changes WHERE workspace_id = $1 ORDER BY seq',
      [workspaceId],
    );
    const applied = await client.query<{ mutation_id: string; count: string }>(
      'SELECT mutation_id, count(*) AS count FROM applied_mutations WHERE workspace_id = $1 GROUP BY mutation_id',
      [workspaceId],
    );
    const teamChanges = new Map<string, number>();
    for (const change of changes.rows) if (change.entity === 'team') teamChanges.set(change.entity_id, (teamChanges.get(change.entity_id) ?? 0) + 1);
    return {
      seq: Number(workspace.rows[0]?.seq ?? Number.NaN),
      teams: teams.rows,
      changeSeqs: changes.rows.map((change) => Number(change.seq)),
      teamChanges,
      appliedMutations: new Map(applied.rows.map((row) => [row.mutation_id, Number(row.count)])),
    };
  } finally {
    await client.end();
  }
}
