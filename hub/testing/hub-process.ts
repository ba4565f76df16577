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

/** `database`: a postgres:// URL for the hub's store (issue 14.1); without it, the SQLite file in `dataDir`. */
export async function startHubProcess(dataDir: string, port: number, database?: string): Promise<HubProcess> {
  const storeArguments = database === undefined ? [] : ['--database', database];
  const child = spawn(process.execPath, ['--import', TSX_LOADER, CLI, '--data', dataDir, '--port', String(port), ...storeArguments], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  await new Promise<void>((resolve, reject) => {
    let output = '';
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('hub listening')) {
        child.stdout?.off('data', onData);
        resolve();
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', (code) => reject(new Error(`hub exited with ${code}: ${output}`)));
  });
  child.stdout?.resume();
  return {
    url: `http://127.0.0.1:${port}`,
    child,
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
