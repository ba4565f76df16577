// The hub's public entry: everything electron/ may use from hub/ (the desktop
// runs a hub of its own and shares the hub's private-file helpers). Anything
// not exported here is the hub's own business; an ESLint rule keeps electron/
// from reaching past this file (tests have hub/testing as a second entry).
export type { BootstrapInput, BootstrapResult } from './bootstrap';
export { bootstrapWorkspace } from './bootstrap';
// What bootstrapWorkspace and the embedded hub throw on a refused request.
export { HubFailure } from './domain/hub-failure';
export { fileSystemReason } from './platform/file-system-errors';
export { ensurePrivateFile, ensurePrivateFolder, preparePrivateDatabase, SQLITE_FILE_SUFFIXES, writePrivateFile } from './platform/private-files';
export type { RunningHub } from './server/hub';
// The operator's controls on a running hub (runningHub.admin): mail, public address, plans.
export type { HubAdmin } from './server/hub-admin';
export { HUB_DATABASE_FILE, startHub } from './server/hub';
export { HubDataFolderError } from './store/database';
export type { HubOptions } from './server/hub-options';
export { HUB_DEFAULTS } from './server/hub-options';
