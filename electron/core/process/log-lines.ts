// One process writes the log file: the parent. The host's logger turns each
// line into a message, and the parent writes it unchanged into its own log
// (logs/gatehouse.log), so "Show logs" still shows one file in order, and a
// rotation is never done by two processes at once.
import type { DestinationStream, Level, Logger } from 'pino';
import pino from 'pino';

/** The host's logger: pino, writing each JSON line to `send`, marked as the core process's. */
export function forwardingLogger(level: Level | 'silent', send: (line: string) => void): Logger {
  const destination: DestinationStream = { write: (line) => send(line) };
  return pino({ name: 'gatehouse-desktop', level }, destination).child({ process: 'core' });
}

/** Writes a line the host logged into the parent's log, as it was written. */
export function writeLogLine(logger: Logger, line: string): void {
  // pino keeps its destination under this symbol; every logger made by createDesktopLogger (or a test's pino) has one.
  const stream = (logger as unknown as Record<symbol, DestinationStream | undefined>)[pino.symbols.streamSym];
  if (stream) {
    stream.write(line.endsWith('\n') ? line : `${line}\n`);
    return;
  }
  logger.info({ coreLine: line }, 'core log line');
}
