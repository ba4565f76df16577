// `npm run web`: the app in a browser, for machines where Electron cannot run.
// The same core as the desktop app (replica, sync client, embedded hub) runs
// here in Node, and the built renderer talks to it over the web transport.
import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { fileSystemReason } from '../hub/platform/file-system-errors';
import { HubDataFolderError } from '../hub/store/database';
import { createApiHandlers } from '../electron/core/api/handlers';
import { ApiFailure } from '../electron/core/api-failure';
import { DesktopCore } from '../electron/core/desktop-core';
import type { DesktopLogger, DesktopLogSettings } from '../electron/core/logging/desktop-logger';
import { createDesktopLogger } from '../electron/core/logging/desktop-logger';
import { createNodePorts, downloadsDirOf } from '../electron/web/node-ports';
import { startWebConsole } from '../electron/web/web-console';

const root = join(import.meta.dirname, '..');
const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string };
const dataDir = process.env['GATEHOUSE_DATA_DIR'] ?? join(homedir(), '.gatehouse', 'web-console');
const port = Number(process.env['GATEHOUSE_WEB_PORT'] ?? 0);

/** A data folder, replica or hub database that cannot be used is for the person to fix: one line, no stack trace. */
function stopOnUnusableFolder(error: unknown): never {
  const reason = fileSystemReason(error);
  if (reason) console.error(`Gatehouse web console: cannot use the data folder ${dataDir}: ${reason}.`);
  else if (error instanceof ApiFailure || error instanceof HubDataFolderError) console.error(`Gatehouse web console: ${error.message}`);
  else throw error;
  process.exit(1);
}

let core: DesktopCore;
let desktopLog: DesktopLogger;
try {
  // The same log file as the desktop app's, in the data folder's logs/ ("Show logs" gives its path).
  desktopLog = createDesktopLogger(dataDir, { level: (process.env['GATEHOUSE_LOG_LEVEL'] as DesktopLogSettings['level'] | undefined) ?? 'info' });
  // GATEHOUSE_PUBLIC_URL: the address others use to reach the hub this console runs, when the operator knows it better than the person's choice.
  core = new DesktopCore({ ...createNodePorts(dataDir, desktopLog.logger, { name: 'Gatehouse', version }), operatorHubUrl: process.env['GATEHOUSE_PUBLIC_URL'] ?? null });
  await core.init();
} catch (error) {
  stopOnUnusableFolder(error);
}
const webConsole = await startWebConsole({
  rendererDir: join(root, 'out', 'renderer'),
  port,
  downloadsDir: downloadsDirOf(dataDir),
  api: {
    handlers: createApiHandlers(core, { name: 'Gatehouse', version, runtime: 'node' }),
    onEvent: (listener) => core.onEvent(listener),
    onUnexpected: (error, method) => desktopLog.logger.error({ err: error, method }, 'api call failed'),
  },
});
console.log(`Gatehouse web console: open ${webConsole.url}`);
console.log(`Data in ${dataDir}. The link works once; press Ctrl+C to stop.`);

const stop = (): void => {
  void webConsole
    .close()
    .then(() => core.close())
    .then(() => desktopLog.close())
    .then(() => process.exit(0));
};
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
