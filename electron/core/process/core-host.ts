// Entry of the core host: the desktop core (replica, sync client, embedded
// hub, export) in a process of its own, so parsing and applying a large
// snapshot never blocks the window, the tray or the web console. Electron
// starts it with utilityProcess.fork (the bundled out/main/core-host.js);
// the web console and the tests with child_process.fork. Its parent speaks
// to it in the messages of ./protocol.ts.
import { CoreHostServer } from './core-host-server';
import { currentHostLink } from './host-links';

// Give the last messages (a reply, a log line) a moment to leave before the process ends.
const exitSoon = (code: number): void => void setTimeout(() => process.exit(code), 100);

const server = new CoreHostServer(currentHostLink(), exitSoon);

// The host lives until its parent says stop or is gone, even with nothing open (signed out, no local hub):
// an Electron utility process is not kept alive by its parentPort alone.
setInterval(() => undefined, 2 ** 30);

// Ctrl+C in a terminal reaches the whole process group: the parent decides when the core stops.
process.on('SIGINT', () => undefined);
process.on('uncaughtException', (error) => {
  process.stderr.write(`Gatehouse core: ${error.stack ?? error.message}\n`);
  server.logger?.fatal({ err: error }, 'the core stopped on an unexpected error');
  exitSoon(1);
});
