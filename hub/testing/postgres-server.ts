// A real PostgreSQL server for tests (issue 14): its own cluster in a temp
// folder it owns, reachable on 127.0.0.1 at a free port and on a Unix socket
// in that folder, trusted without passwords. A test makes one database per
// case (createDatabase), can restart or kill -9 the server for fault tests,
// and stop() leaves no process and no folder behind.
//
// PostgreSQL refuses to run as root: as root (CI runs so), the folder is
// handed to the `postgres` system user and every program runs through
// `runuser -u postgres --`; otherwise the programs run as the current user.
import { execFile, execFileSync } from 'node:child_process';
import { appendFileSync, chownSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { freePort } from './free-port';
import { findPostgresBinDir, PostgresNotInstalledError } from './postgres-binaries';
import { childProcessIds, isProcessAlive, processGroupOf, waitUntilProcessesGone, waitUntilProcessesReaped } from './process-table';

const run = promisify(execFile);

/** The cluster's superuser, whoever runs the programs, so connection strings are the same as root and not. */
export const POSTGRES_TEST_USER = 'postgres';

const SETTINGS_FILE = 'gatehouse-test.conf';
const DATABASE_NAME = /^[a-z_][a-z0-9_]{0,62}$/;
const START_ATTEMPTS = 3;
const PG_CTL_TIMEOUT_SECONDS = 30;

interface Account {
  /** Runs a server program as the account that owns the cluster. */
  command(program: string, args: string[]): [string, string[]];
  uid: number;
  gid: number;
}

function accountFor(binDir: string): Account {
  const direct = (program: string, args: string[]): [string, string[]] => [join(binDir, program), args];
  if (process.getuid?.() !== 0) return { command: direct, uid: process.getuid?.() ?? -1, gid: process.getgid?.() ?? -1 };
  let uid: number;
  let gid: number;
  try {
    uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }));
    gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }));
  } catch {
    throw new PostgresNotInstalledError(
      'PostgreSQL will not run as root and there is no `postgres` system user to run it as. ' +
        'Run scripts/install-system-deps.sh (the Debian package creates that user).',
    );
  }
  return { command: (program, args) => ['runuser', ['-u', 'postgres', '--', join(binDir, program), ...args]], uid, gid };
}

/** The environment without PG* variables: a PGDATA or PGPORT of the person running the tests must not steer this cluster. */
function cleanEnvironment(): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('PG')));
}

/**
 * Settings for a throwaway cluster. fsync and full_page_writes off make
 * start-up and every commit fast; they only risk data on a power cut or an OS
 * crash, which tests never cause: a kill -9 of the server still recovers
 * every commit from the WAL, as the OS keeps what was written. Not
 * synchronous_commit = off: a commit would be acknowledged before its WAL is
 * written, and a kill -9 within the next 200 ms would lose it, which a fault
 * test would wrongly blame on the hub. Small shared_buffers: several servers
 * may run at once on a test machine.
 */
function settings(folder: string, port: number): string {
  return [
    `listen_addresses = '127.0.0.1'`,
    `port = ${port}`,
    `unix_socket_directories = '${folder}'`,
    'fsync = off',
    'full_page_writes = off',
    'shared_buffers = 16MB',
    'max_connections = 100',
    // Messages go to the log file pg_ctl names; a failed start quotes it.
    "log_min_messages = 'warning'",
    '',
  ].join('\n');
}

/** Servers not yet stopped: stopped and deleted when the process exits, so a test that forgot leaves nothing behind. */
const running = new Set<PostgresServer>();
let isExitHookInstalled = false;

function installExitHook(): void {
  if (isExitHookInstalled) return;
  isExitHookInstalled = true;
  process.once('exit', () => {
    for (const server of running) server.stopNow();
  });
}

export class PostgresServer {
  private listenPort = 0;
  private isRunning = false;
  private isStopped = false;

  private constructor(
    /** The temp folder the server owns: its data, log and Unix socket. */
    readonly folder: string,
    private readonly account: Account,
  ) {}

  /** The 127.0.0.1 port (also the Unix socket's number); kept across restart(). */
  get port(): number {
    return this.listenPort;
  }

  /** The data folder (PGDATA). */
  get dataFolder(): string {
    return join(this.folder, 'data');
  }

  /** The folder holding the Unix socket (a `host` for libpq and node-postgres). */
  get socketFolder(): string {
    return this.folder;
  }

  get logFile(): string {
    return join(this.folder, 'server.log');
  }

  static async start(): Promise<PostgresServer> {
    const account = accountFor(findPostgresBinDir());
    const folder = mkdtempSync(join(tmpdir(), 'gatehouse-pg-'));
    const server = new PostgresServer(folder, account);
    running.add(server);
    installExitHook();
    try {
      chownSync(folder, account.uid, account.gid);
      await server.initialize();
      await server.startWithFreePort();
      return server;
    } catch (error) {
      await server.stop();
      throw error;
    }
  }

  /** Creates an empty database and returns its connection string (TCP, no password). */
  async createDatabase(name: string): Promise<string> {
    if (!DATABASE_NAME.test(name)) throw new Error(`Database name ${JSON.stringify(name)} must be lower-case letters, digits and _`);
    const client = new pg.Client({ host: '127.0.0.1', port: this.port, user: POSTGRES_TEST_USER, database: 'postgres' });
    await client.connect();
    try {
      await client.query(`CREATE DATABASE "${name}"`);
    } finally {
      await client.end();
    }
    return this.connectionString(name);
  }

  connectionString(database: string): string {
    return `postgresql://${POSTGRES_TEST_USER}@127.0.0.1:${this.port}/${database}`;
  }

  /** The postmaster's process id while it runs (from postmaster.pid), else undefined. */
  postmasterPid(): number | undefined {
    let text: string;
    try {
      text = readFileSync(join(this.dataFolder, 'postmaster.pid'), 'utf8');
    } catch {
      return undefined;
    }
    const pid = Number(text.split('\n')[0]);
    return Number.isInteger(pid) && pid > 0 && isProcessAlive(pid) ? pid : undefined;
  }

  /** The postmaster and its backends and helpers. */
  processIds(): number[] {
    const pid = this.postmasterPid();
    return pid === undefined ? [] : [pid, ...childProcessIds(pid)];
  }

  /** A clean stop (fast: open sessions are ended) and a start on the same port and data. */
  async restart(): Promise<void> {
    this.assertNotStopped();
    if (this.isRunning) await this.pgCtlStop('fast');
    await this.pgCtlStart();
  }

  /** A crash: SIGKILL to the postmaster and every process of its group, as a lost machine would. restart() recovers. */
  async kill9(): Promise<void> {
    this.assertNotStopped();
    const pids = this.processIds();
    const postmaster = pids[0];
    if (postmaster === undefined) {
      if (!this.isRunning) return;
      throw new Error(`PostgreSQL in ${this.folder} runs but its postmaster was not found in /proc (this helper needs Linux)`);
    }
    // pg_ctl starts the postmaster in a session of its own, so its process group is the server and nothing else.
    if (processGroupOf(postmaster) === postmaster) process.kill(-postmaster, 'SIGKILL');
    else for (const pid of pids) process.kill(pid, 'SIGKILL');
    this.isRunning = false;
    await waitUntilProcessesGone(pids, 10_000);
    // The postmaster is an orphan of pg_ctl: until PID 1 reads its exit it stays a zombie, which PostgreSQL's
    // lock-file check takes for a running server. A machine that crashed has no such zombie: when PID 1 is slow
    // to reap, or never does (a container whose PID 1 is no init), the lock file goes as it would after a reboot.
    if (!(await waitUntilProcessesReaped([postmaster], 2_000))) {
      console.error(`PostgreSQL's postmaster ${postmaster} was not reaped; removing its postmaster.pid so the next start proceeds`);
      rmSync(join(this.dataFolder, 'postmaster.pid'), { force: true });
    }
  }

  /** Stops the server and removes its folder. Safe to call twice. */
  async stop(): Promise<void> {
    if (this.isStopped) return;
    if (this.isRunning) {
      try {
        await this.pgCtlStop('fast');
      } catch (error) {
        console.error(`PostgreSQL in ${this.folder} did not stop cleanly, killing it:`, error);
        // The folder goes either way: a server that survives this has lost its files and exits at its next check.
        await this.kill9().catch((killError: unknown) => console.error(`PostgreSQL in ${this.folder} could not be killed:`, killError));
      }
    }
    this.removeFolder();
  }

  /** For the exit hook: synchronous, as nothing asynchronous runs once the process exits. */
  stopNow(): void {
    if (this.isStopped) return;
    if (this.isRunning) {
      const [program, args] = this.account.command('pg_ctl', ['stop', '-D', this.dataFolder, '-m', 'immediate', '-w']);
      try {
        execFileSync(program, args, { cwd: this.folder, env: cleanEnvironment(), stdio: 'ignore' });
      } catch (error) {
        console.error(`PostgreSQL in ${this.folder} did not stop when the process exited:`, error);
      }
    }
    this.removeFolder();
  }

  private removeFolder(): void {
    this.isStopped = true;
    this.isRunning = false;
    running.delete(this);
    rmSync(this.folder, { recursive: true, force: true });
  }

  private assertNotStopped(): void {
    if (this.isStopped) throw new Error(`PostgreSQL in ${this.folder} was stopped and its folder removed`);
  }

  private async exec(program: string, args: string[]): Promise<string> {
    const [file, fullArgs] = this.account.command(program, args);
    try {
      const { stdout } = await run(file, fullArgs, { cwd: this.folder, env: cleanEnvironment(), maxBuffer: 16 * 1024 * 1024 });
      return stdout;
    } catch (error) {
      const failure = error as Error & { stderr?: string; stdout?: string };
      throw new Error(`${program} ${args.join(' ')} failed: ${failure.stderr || failure.stdout || failure.message}${this.logTail()}`, {
        cause: error,
      });
    }
  }

  private logTail(): string {
    try {
      const lines = readFileSync(this.logFile, 'utf8').trimEnd().split('\n');
      return `\nserver log (${this.logFile}):\n${lines.slice(-15).join('\n')}`;
    } catch {
      return '';
    }
  }

  private async initialize(): Promise<void> {
    // Locale C: lower() folds ASCII only, as SQLite's does (hub/store/pg/schema.ts, teams), and sorting is by bytes.
    await this.exec('initdb', [
      '-D',
      this.dataFolder,
      `--username=${POSTGRES_TEST_USER}`,
      '--auth=trust',
      '--encoding=UTF8',
      '--locale=C',
      // A throwaway cluster need not wait for its files to reach the disk.
      '--no-sync',
    ]);
    appendFileSync(join(this.dataFolder, 'postgresql.conf'), `\ninclude '${SETTINGS_FILE}'\n`);
  }

  private writeSettings(): void {
    const file = join(this.dataFolder, SETTINGS_FILE);
    writeFileSync(file, settings(this.folder, this.port));
    chownSync(file, this.account.uid, this.account.gid);
  }

  /** Another process may take the port between freePort() and the server's bind: then a new port is tried. */
  private async startWithFreePort(): Promise<void> {
    for (let attempt = 1; ; attempt += 1) {
      this.listenPort = await freePort();
      this.writeSettings();
      try {
        await this.pgCtlStart();
        return;
      } catch (error) {
        const isPortTaken = /could not bind|Address already in use/i.test(String(error));
        if (!isPortTaken || attempt >= START_ATTEMPTS) throw error;
        console.error(`PostgreSQL could not bind 127.0.0.1:${this.port}; trying another port`);
      }
    }
  }

  private async pgCtlStart(): Promise<void> {
    await this.exec('pg_ctl', ['start', '-D', this.dataFolder, '-l', this.logFile, '-w', '-t', String(PG_CTL_TIMEOUT_SECONDS)]);
    this.isRunning = true;
  }

  private async pgCtlStop(mode: 'fast' | 'immediate'): Promise<void> {
    await this.exec('pg_ctl', ['stop', '-D', this.dataFolder, '-m', mode, '-w', '-t', String(PG_CTL_TIMEOUT_SECONDS)]);
    this.isRunning = false;
  }
}

/** Starts a PostgreSQL server for a test; call stop() in afterAll. */
export function startPostgresServer(): Promise<PostgresServer> {
  return PostgresServer.start();
}
