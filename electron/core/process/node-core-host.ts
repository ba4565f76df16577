// The core host as a Node child process (child_process.fork), as the web
// console and the tests run it: the TypeScript entry through tsx from a
// checkout, or the bundled out/main/core-host.js as Electron runs it.
import { fork } from 'node:child_process';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { CoreHostProcess } from './links';

const require = createRequire(import.meta.url);

/** The entry in the sources, run through tsx. */
export const CORE_HOST_SOURCE = join(import.meta.dirname, 'core-host.ts');

export interface NodeCoreHostOptions {
  /** core-host.ts (through tsx, the default) or a bundled core-host.js. */
  entry?: string;
  /** Where its stdout and stderr go: the parent's by default (an uncaught error is printed there too). */
  stdio?: 'inherit' | 'ignore';
}

export function forkNodeCoreHost(options: NodeCoreHostOptions = {}): CoreHostProcess {
  const entry = options.entry ?? CORE_HOST_SOURCE;
  const output = options.stdio ?? 'inherit';
  const child = fork(entry, [], {
    // Only what the entry needs: a parent's own flags (a test runner's, an inspector) are not passed on.
    execArgv: entry.endsWith('.ts') ? ['--import', require.resolve('tsx')] : [],
    // Structured clone, as Electron's parentPort uses: both transports carry the same values.
    serialization: 'advanced',
    stdio: ['ignore', output, output, 'ipc'],
  });
  // A failed send or spawn is reported as an 'error' event; the exit that follows is what the parent acts on.
  child.on('error', () => undefined);
  return {
    get pid() {
      return child.exitCode === null && child.signalCode === null ? child.pid : undefined;
    },
    send(message) {
      if (child.connected) child.send(message);
    },
    onMessage: (listener) => void child.on('message', listener),
    onExit: (listener) => void child.once('exit', (code, signal) => listener({ code, signal })),
    kill: () => void child.kill('SIGKILL'),
  };
}
