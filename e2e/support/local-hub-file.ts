// What the hub a desktop runs has stored, read from its SQLite file. That hub
// runs inside the desktop's core process, out of the test's reach, and a test
// of "Hub settings" checks what the hub stored, not only what it answers (the
// SMTP password, for one, is in no answer). The connection is read-only, so
// a test can look but never change anything behind the hub's back; a fresh
// one for each read sees every commit made so far. The repos answer with
// promises (issue 14.1), so the connection closes only once `read` is done.
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { HUB_DATABASE_FILE } from '../../hub';
import { membersRepo } from '../../hub/store/repos/members';
import { settingsRepo } from '../../hub/store/repos/settings';
import { workspacesRepo } from '../../hub/store/repos/workspaces';
import * as schema from '../../hub/store/schema';

/** The reads a test makes of the hub's store, named as hub.store names them. */
export interface StoredHub {
  settings: ReturnType<typeof settingsRepo>;
  workspaces: ReturnType<typeof workspacesRepo>;
  members: ReturnType<typeof membersRepo>;
}

/** Where startLocalHub (electron/core/local-hub.ts) keeps the hub's data, inside the desktop's data folder. */
export function localHubFile(dataDir: string): string {
  return join(dataDir, 'local-hub', HUB_DATABASE_FILE);
}

/** Runs `read` on a read-only connection to the hub this desktop runs, closed once it has finished. */
export async function readLocalHub<T>(dataDir: string, read: (store: StoredHub) => Promise<T>): Promise<T> {
  const sqlite = new Database(localHubFile(dataDir), { readonly: true, fileMustExist: true });
  try {
    sqlite.pragma('busy_timeout = 5000');
    const db = drizzle(sqlite, { schema });
    return await read({ settings: settingsRepo(db), workspaces: workspacesRepo(db), members: membersRepo(db) });
  } finally {
    sqlite.close();
  }
}
