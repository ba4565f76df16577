// The core host in an Electron utility process: the bundled core-host.js,
// started with utilityProcess.fork and spoken to over its message port (the
// host's process.parentPort). The same messages as in the web console's
// child process (electron/core/process/protocol.ts); this adapter is the
// only part that differs.
import { utilityProcess } from 'electron';
import type { CoreHostProcess, HostExit } from '../../core/process/links';
import type { ToHostMessage } from '../../core/process/protocol';

export function forkUtilityCoreHost(entry: string): CoreHostProcess {
  const child = utilityProcess.fork(entry, [], { serviceName: 'Gatehouse core', stdio: 'inherit' });
  // Messages wait until the process runs: nothing is lost if the first ones are sent before it has spawned.
  let queued: ToHostMessage[] | null = [];
  child.once('spawn', () => {
    for (const message of queued ?? []) child.postMessage(message);
    queued = null;
  });
  let exit: HostExit | null = null;
  child.once('exit', (code) => (exit = { code, signal: null }));
  return {
    get pid() {
      return child.pid;
    },
    send(message) {
      if (exit) return;
      if (queued) queued.push(message);
      else child.postMessage(message);
    },
    onMessage: (listener) => void child.on('message', listener),
    onExit: (listener) => void child.once('exit', (code) => listener({ code, signal: null })),
    kill: () => void child.kill(),
  };
}
