// The web console as its own process (`scripts/web.ts`, as `npm run web`
// runs it), so a test can freeze it (SIGSTOP: a hung or sleeping server whose
// sockets stay open), thaw it, or stop and start it again on the same port.
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';

const require = createRequire(import.meta.url);
const TSX_LOADER = require.resolve('tsx');
const SCRIPT = join(import.meta.dirname, '..', '..', 'scripts', 'web.ts');

export interface WebConsoleProcess {
  /** The one-time link it printed. */
  url: string;
  port: number;
  freeze(): void;
  thaw(): void;
  stop(): Promise<void>;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export async function startWebConsoleProcess(dataDir: string, port: number): Promise<WebConsoleProcess> {
  const child: ChildProcess = spawn(process.execPath, ['--import', TSX_LOADER, SCRIPT], {
    env: { ...process.env, GATEHOUSE_DATA_DIR: dataDir, GATEHOUSE_WEB_PORT: String(port), GATEHOUSE_LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = await new Promise<string>((resolve, reject) => {
    let output = '';
    const onData = (chunk: Buffer): void => {
      output += chunk.toString();
      const printed = /open (http\S+)/.exec(output);
      if (printed?.[1]) {
        child.stdout?.off('data', onData);
        resolve(printed[1]);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', (code) => reject(new Error(`web console exited with ${code}: ${output}`)));
  });
  child.stdout?.resume();
  child.stderr?.resume();
  return {
    url,
    port,
    freeze: () => child.kill('SIGSTOP'),
    thaw: () => child.kill('SIGCONT'),
    async stop() {
      child.kill('SIGCONT');
      child.kill('SIGTERM');
      await exited;
    },
  };
}
