// The desktop's log: JSON lines in <data folder>/logs/gatehouse.log, rotated
// by size. A packaged app has no terminal, so this file is where a person (or
// whoever helps them) reads why the app went offline or left something out.
// It names people's ids and the hub's refusals, so it is private like the
// rest of the data folder: a 0700 folder and 0600 files.
import { join } from 'node:path';
import type { Logger } from 'pino';
import pino from 'pino';
import type { RotatingFileStream } from 'rotating-file-stream';
import { createStream } from 'rotating-file-stream';
import { ensurePrivateFile, ensurePrivateFolder } from '../../../hub';

export const LOG_FILE_NAME = 'gatehouse.log';
const PRIVATE_FILE_MODE = 0o600;

export interface DesktopLogSettings {
  /** Size past which the file is rotated (rotating-file-stream's notation: "5M", "300B"). */
  size: `${number}${'B' | 'K' | 'M' | 'G'}`;
  /** How many rotated files are kept beside the current one (gatehouse.log.1 is the newest). */
  keep: number;
  level: pino.Level;
}

export const DEFAULT_LOG_SETTINGS: DesktopLogSettings = { size: '5M', keep: 5, level: 'info' };

export interface DesktopLogger {
  logger: Logger;
  /** The file being written now. */
  file: string;
  /** Flushes and closes the file (at quit). */
  close(): Promise<void>;
}

/** The folder the logs are in, for a "Show log files" action. */
export function logFolder(dataDir: string): string {
  return join(dataDir, 'logs');
}

export function createDesktopLogger(dataDir: string, settings: Partial<DesktopLogSettings> = {}): DesktopLogger {
  const { size, keep, level } = { ...DEFAULT_LOG_SETTINGS, ...settings };
  const folder = logFolder(dataDir);
  const file = join(folder, LOG_FILE_NAME);
  ensurePrivateFolder(folder);
  // A file left by an older version (or made with a looser umask) is narrowed before anything more is written to it.
  ensurePrivateFile(file);
  const stream: RotatingFileStream = createStream(LOG_FILE_NAME, { path: folder, size, rotate: keep, mode: PRIVATE_FILE_MODE });
  // A log that cannot be written must never take the app down with it.
  stream.on('error', () => undefined);
  const logger = pino({ name: 'gatehouse-desktop', level }, stream);
  return {
    logger,
    file,
    close: () =>
      new Promise<void>((resolve) => {
        stream.end(() => resolve());
      }),
  };
}
