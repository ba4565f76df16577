// Folders and files that hold people's data (the hub's database, the desktop's
// replica, settings, the session token, exports waiting for download) are
// readable by their owner only: 0700 folders and 0600 files, whatever the
// umask, because other accounts on the same machine must not read password
// hashes or unmasked contacts. Windows has no such mode bits; there the
// user's profile folder already keeps other accounts out.
import { chmodSync, closeSync, existsSync, mkdirSync, openSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

export const PRIVATE_FOLDER_MODE = 0o700;
export const PRIVATE_FILE_MODE = 0o600;

const hasModeBits = process.platform !== 'win32';

/** SQLite keeps a database in up to three files; all of them hold its data. */
export const SQLITE_FILE_SUFFIXES = ['', '-wal', '-shm'] as const;

/**
 * Creates the folder (and missing parents) as 0700, and narrows a folder that
 * already exists to 0700 (a data folder made by an older version was 0755).
 */
export function ensurePrivateFolder(folder: string): void {
  mkdirSync(folder, { recursive: true, mode: PRIVATE_FOLDER_MODE });
  if (hasModeBits) chmodSync(folder, PRIVATE_FOLDER_MODE);
}

/** Narrows an existing file to 0600; a file that is not there is left alone. */
export function makeFilePrivate(file: string): void {
  if (hasModeBits && existsSync(file)) chmodSync(file, PRIVATE_FILE_MODE);
}

/** Creates an empty 0600 file (in a 0700 folder) unless one is there, then makes sure it is 0600. */
export function ensurePrivateFile(file: string): void {
  ensurePrivateFolder(dirname(file));
  // 'a' creates without truncating; the mode only applies on creation (and the umask may narrow it), hence the chmod.
  closeSync(openSync(file, 'a', PRIVATE_FILE_MODE));
  makeFilePrivate(file);
}

/** Writes a whole file as 0600, in a 0700 folder. */
export function writePrivateFile(file: string, data: string | Uint8Array): void {
  ensurePrivateFolder(dirname(file));
  writeFileSync(file, data, { mode: PRIVATE_FILE_MODE });
  makeFilePrivate(file);
}

/**
 * Before SQLite opens a database file: the folder 0700, the main file created
 * 0600 (SQLite gives its -wal and -shm files the main file's mode), and any
 * files left by an older version narrowed to 0600.
 */
export function preparePrivateDatabase(file: string): void {
  ensurePrivateFile(file);
  for (const suffix of SQLITE_FILE_SUFFIXES) makeFilePrivate(`${file}${suffix}`);
}
