// Why a data folder or file cannot be used, in words for the person who chose
// it: "part of that path is a file, not a folder" rather than ENOTDIR and a
// stack trace.
import Database from 'better-sqlite3';

const REASONS: Record<string, string> = {
  ENOTDIR: 'part of that path is a file, not a folder',
  EEXIST: 'a file is already there where a folder should be',
  EISDIR: 'there is a folder where the file should be',
  EACCES: 'this user account is not allowed to write there',
  EPERM: 'this user account is not allowed to write there',
  EROFS: 'it is on a read-only disk',
  ENOSPC: 'the disk is full',
  ENAMETOOLONG: 'the path is too long',
  SQLITE_CANTOPEN: 'the database file there cannot be opened',
  SQLITE_READONLY: 'the database file there cannot be written',
  SQLITE_NOTADB: 'the file there is not a database',
  SQLITE_FULL: 'the disk is full',
};

/** A plain reason for a file-system or SQLite error; null when it is neither (a bug, not the folder). */
export function fileSystemReason(error: unknown): string | null {
  if (error instanceof Database.SqliteError) return REASONS[error.code] ?? null;
  const code = (error as NodeJS.ErrnoException | null)?.code;
  return typeof code === 'string' ? (REASONS[code] ?? null) : null;
}
