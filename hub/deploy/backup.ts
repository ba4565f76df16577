// Backups of a SQLite hub's data folder (issue 14.5), taken while the hub
// runs. A backup is itself a data folder: restoring is copying it into place
// (or `gatehouse-hub restore`), and a hub started on it serves at once.
//
// What it holds, and why:
// - hub.sqlite, through SQLite's online backup API: a consistent copy of
//   every committed change, whatever the hub writes meanwhile (a plain file
//   copy of a WAL database can be torn).
// - two-step.key: authenticator secrets are sealed with it; without it no one
//   who turned on two-step sign-in could sign in on the restored hub.
// Left out: rate-limits.sqlite. It only counts recent password attempts and
// "forgot password" requests, each forgotten within its window (minutes to a
// day); a restored hub starting with none refuses nobody it should not.
import { existsSync, readdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { TWO_STEP_KEY_FILE } from '../auth/two-step-secret-box';
import { ensurePrivateFile, ensurePrivateFolder, writePrivateFile } from '../platform/private-files';
import { HUB_DATABASE_FILE } from '../server/hub';

export interface BackupResult {
  /** The backup folder: a data folder a hub can be started on. */
  folder: string;
  files: string[];
}

/** The failure is the operator's to fix (a wrong path, a damaged copy): a sentence, no stack trace. */
export class HubBackupError extends Error {
  override readonly name = 'HubBackupError';
}

/** Pages copied per step: large enough that a busy hub's writes rarely restart the copy, small enough not to hold its reads up. */
const PAGES_PER_STEP = 4096;

/**
 * `to` is either a folder that exists (the backup goes into a new folder in
 * it, named by the time) or a path that does not exist yet (the backup is made there).
 */
export function backupFolderFor(to: string, now: Date): string {
  if (!existsSync(to)) return resolve(to);
  if (!statSync(to).isDirectory()) throw new HubBackupError(`${to} is a file: give a folder to put the backup in, or a path that does not exist yet.`);
  return join(resolve(to), `gatehouse-hub-backup-${now.toISOString().replace(/[:.]/g, '-')}`);
}

export async function backupHubData(dataDir: string, to: string, now = new Date()): Promise<BackupResult> {
  const sourceFile = join(dataDir, HUB_DATABASE_FILE);
  if (!existsSync(sourceFile)) throw new HubBackupError(`There is no hub database in ${dataDir} (no ${HUB_DATABASE_FILE}).`);
  const folder = backupFolderFor(to, now);
  if (existsSync(folder)) throw new HubBackupError(`${folder} already exists; a backup never overwrites one.`);
  ensurePrivateFolder(folder);
  try {
    await copyDatabase(sourceFile, join(folder, HUB_DATABASE_FILE));
  } catch (error) {
    // No half-made backup is left to be mistaken for a good one.
    rmSync(folder, { recursive: true, force: true });
    throw error;
  }
  const files = [HUB_DATABASE_FILE];
  // After the database: a key made while it was copied is then in the backup too (an older key never changes).
  if (copyPrivate(join(dataDir, TWO_STEP_KEY_FILE), join(folder, TWO_STEP_KEY_FILE))) files.push(TWO_STEP_KEY_FILE);
  return { folder, files };
}

/**
 * Copies a backup into a data folder that has no hub database yet (a hub
 * must not be running on it), checking the copy first.
 */
export function restoreHubData(from: string, dataDir: string): BackupResult {
  const backupFile = join(from, HUB_DATABASE_FILE);
  if (!existsSync(backupFile)) throw new HubBackupError(`${from} is not a hub backup (it has no ${HUB_DATABASE_FILE}).`);
  if (existsSync(join(dataDir, HUB_DATABASE_FILE))) {
    throw new HubBackupError(`${dataDir} already holds a hub database; restore into an empty folder, then point the hub at it.`);
  }
  checkIntact(backupFile);
  ensurePrivateFolder(dataDir);
  const files: string[] = [];
  for (const name of readdirSync(from)) {
    if (name !== HUB_DATABASE_FILE && name !== TWO_STEP_KEY_FILE) continue;
    copyPrivate(join(from, name), join(dataDir, name));
    files.push(name);
  }
  return { folder: resolve(dataDir), files };
}

/** SQLite's online backup into `.partial`, checked, then renamed: a file with the final name is always whole. */
async function copyDatabase(sourceFile: string, target: string): Promise<void> {
  const partial = `${target}.partial`;
  // Made 0600 before SQLite writes into it: the copy holds password hashes and unmasked contacts.
  ensurePrivateFile(partial);
  const source = new Database(sourceFile, { readonly: true, fileMustExist: true });
  try {
    await source.backup(partial, { progress: () => PAGES_PER_STEP });
  } finally {
    source.close();
  }
  checkIntact(partial);
  renameSync(partial, target);
}

function checkIntact(file: string): void {
  const copy = new Database(file, { fileMustExist: true });
  try {
    const verdict = String(copy.pragma('quick_check', { simple: true }));
    if (verdict !== 'ok') throw new HubBackupError(`The copy at ${file} is damaged (${verdict}).`);
  } finally {
    copy.close();
  }
}

/** Copies a file as 0600; false when there is none to copy. */
function copyPrivate(from: string, to: string): boolean {
  if (!existsSync(from)) return false;
  writePrivateFile(to, readFileSync(from));
  return true;
}
