// Issue 14.3 groundwork: the test PostgreSQL server does what fault tests
// will lean on. A restart keeps committed rows and the port; a kill -9 leaves
// no process and the next start recovers; a process that exits without
// stop() still removes its server; a machine without PostgreSQL is told how
// to install it.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { promisify } from 'node:util';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findPostgresBinDir, PostgresNotInstalledError } from './postgres-binaries';
import { startPostgresServer, type PostgresServer } from './postgres-server';
import { isProcessAlive } from './process-table';

const run = promisify(execFile);
const TSX_LOADER = createRequire(import.meta.url).resolve('tsx');

let server: PostgresServer;
let url: string;

beforeAll(async () => {
  server = await startPostgresServer();
  url = await server.createDatabase('faults');
  const client = new pg.Client(url);
  await client.connect();
  await client.query('CREATE TABLE kept (id integer PRIMARY KEY)');
  await client.end();
}, 60_000);

afterAll(() => server?.stop(), 60_000);

async function keptIds(): Promise<number[]> {
  const client = new pg.Client(url);
  await client.connect();
  try {
    const { rows } = await client.query<{ id: number }>('SELECT id FROM kept ORDER BY id');
    return rows.map((row) => row.id);
  } finally {
    await client.end();
  }
}

async function keep(id: number): Promise<void> {
  const client = new pg.Client(url);
  await client.connect();
  await client.query('INSERT INTO kept VALUES ($1)', [id]);
  await client.end();
}

describe('the test PostgreSQL server', () => {
  it('answers on its Unix socket as well as on 127.0.0.1', async () => {
    const client = new pg.Client({ host: server.socketFolder, port: server.port, user: 'postgres', database: 'faults' });
    await client.connect();
    const { rows } = await client.query<{ isSocket: boolean }>('SELECT inet_client_addr() IS NULL AS "isSocket"');
    await client.end();
    expect(rows[0]?.isSocket).toBe(true);
  });

  it('restarted, keeps its port and every committed row, and ends open sessions', async () => {
    const port = server.port;
    await keep(1);
    const open = new pg.Client(url);
    await open.connect();
    // pg reports the ended session as an error event, maybe more than once: every one is caught here.
    const ended = new Promise<Error>((resolve) => open.on('error', resolve));
    await server.restart();
    expect((await ended).message).toMatch(/terminat/i);
    expect(server.port).toBe(port);
    expect(await keptIds()).toEqual([1]);
  });

  it('killed with -9, leaves no process; started again, recovers every committed row', async () => {
    await keep(2);
    const pids = server.processIds();
    expect(pids.length).toBeGreaterThan(2);
    await server.kill9();
    expect(pids.filter(isProcessAlive)).toEqual([]);
    await expect(keptIds()).rejects.toMatchObject({ code: 'ECONNREFUSED' });
    await server.restart();
    expect(await keptIds()).toEqual([1, 2]);
  });

  it('refuses a database name that would need quoting', async () => {
    await expect(server.createDatabase('x"; DROP DATABASE postgres; --')).rejects.toThrow(/lower-case letters/);
  });

  it('is stopped and its folder removed when the process exits without stop()', async () => {
    const script = [
      "import { startPostgresServer } from './hub/testing/postgres-server.ts';",
      'const server = await startPostgresServer();',
      'console.log(JSON.stringify({ folder: server.folder, pids: server.processIds() }));',
      'process.exit(0);',
    ].join('\n');
    const { stdout } = await run(process.execPath, ['--import', TSX_LOADER, '--input-type=module', '-e', script], { cwd: process.cwd() });
    const forgotten = JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}') as { folder: string; pids: number[] };
    expect(forgotten.pids.length).toBeGreaterThan(0);
    expect(existsSync(forgotten.folder)).toBe(false);
    expect(forgotten.pids.filter(isProcessAlive)).toEqual([]);
  }, 60_000);

  it('without PostgreSQL installed, says how to install it', () => {
    expect(() => findPostgresBinDir(['/nonexistent/postgresql/bin'])).toThrow(PostgresNotInstalledError);
    expect(() => findPostgresBinDir([])).toThrow(/scripts\/install-system-deps\.sh/);
  });
});
