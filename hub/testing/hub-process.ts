// The hub as a separate process, so a test can kill -9 it at any moment.
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { join } from 'node:path';

const require = createRequire(import.meta.url);
// tsx as a loader inside this one process: its CLI would put a second process between us and the hub.
const TSX_LOADER = require.resolve('tsx');
const CLI = join(import.meta.dirname, '..', 'cli.ts');

export interface HubProcess {
  url: string;
  child: ChildProcess;
  kill9(): Promise<void>;
  stop(): Promise<void>;
}

/** A hub process started here, whose output is kept (bench/servers.ts starts HubProcesses of its own, without). */
export interface WatchedHubProcess extends HubProcess {
  /** Every line the hub wrote, as it came: pino's JSON on stdout, and stderr's lines (the pools' lost connections). */
  readonly output: string[];
  /** Whether the process has ended (killed, or crashed by itself). */
  hasExited(): boolean;
}

export interface HubProcessOptions {
  /** Added to this process's environment (tests: GATEHOUSE_PRESENCE_LEASE_MS, hub/cli.ts). */
  env?: Record<string, string>;
}

/** `database`: a postgres:// URL for the hub's store (issue 14.1); without it, the SQLite file in `dataDir`. */
export function startHubProcess(dataDir: string, port: number, database?: string): Promise<HubProcess> {
  return startWatchedHubProcess(dataDir, port, database);
}

/** startHubProcess, with what the process writes kept and the environment it runs with (issue 14.4's fault tests). */
export async function startWatchedHubProcess(dataDir: string, port: number, database?: string, options: HubProcessOptions = {}): Promise<WatchedHubProcess> {
  const storeArguments = database === undefined ? [] : ['--database', database];
  const child = spawn(process.execPath, ['--import', TSX_LOADER, CLI, '--data', dataDir, '--port', String(port), ...storeArguments], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ...options.env },
  });
  let hasExited = false;
  const exited = new Promise<void>((resolve) =>
    child.once('exit', () => {
      hasExited = true;
      resolve();
    }),
  );
  const output: string[] = [];
  const keepLines = (stream: NodeJS.ReadableStream | null): void => {
    let partial = '';
    stream?.on('data', (chunk: Buffer) => {
      const lines = (partial + chunk.toString()).split('\n');
      partial = lines.pop() ?? '';
      output.push(...lines.filter((line) => line.trim() !== ''));
    });
  };
  keepLines(child.stdout);
  keepLines(child.stderr);
  await new Promise<void>((resolve, reject) => {
    const listening = setInterval(() => {
      if (output.some((line) => line.includes('hub listening'))) {
        clearInterval(listening);
        resolve();
      }
    }, 10);
    child.once('exit', (code) => {
      clearInterval(listening);
      reject(new Error(`hub exited with ${code}: ${output.join('\n')}`));
    });
  });
  return {
    url: `http://127.0.0.1:${port}`,
    child,
    output,
    hasExited: () => hasExited,
    async kill9() {
      child.kill('SIGKILL');
      await exited;
    },
    async stop() {
      child.kill('SIGTERM');
      await exited;
    },
  };
}
