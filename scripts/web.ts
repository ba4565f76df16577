// `npm run web`: the app in a browser, for machines where Electron cannot run.
// The same core as the desktop app (replica, sync client, embedded hub) runs
// in a child process of its own, as it runs in a utility process in
// Electron (electron/core/process/): this process serves the built renderer
// and the web transport, keeps the session token and the downloads, and
// writes the log; parsing and applying the hub's snapshots happen in the child.
import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { fileSystemReason } from '../hub/platform/file-system-errors';
import type { DesktopLogger, DesktopLogSettings } from '../electron/core/logging/desktop-logger';
import { createDesktopLogger } from '../electron/core/logging/desktop-logger';
import { CoreClient } from '../electron/core/process/core-client';
import { CoreStartError } from '../electron/core/process/core-connection';
import { splitDesktopPorts } from '../electron/core/process/host-settings';
import { forkNodeCoreHost } from '../electron/core/process/node-core-host';
import { createNodePorts, downloadsDirOf } from '../electron/web/node-ports';
import { startWebConsole } from '../electron/web/web-console';

const root = join(import.meta.dirname, '..');
const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string };
const dataDir = process.env['GATEHOUSE_DATA_DIR'] ?? join(homedir(), '.gatehouse', 'web-console');
const port = Number(process.env['GATEHOUSE_WEB_PORT'] ?? 0);

/** A data folder, replica or hub database that cannot be used is for the person to fix: one line, no stack trace (anything else: its details are in the log). */
function reportStartFailure(error: unknown, log: DesktopLogger | undefined): void {
  const reason = fileSystemReason(error);
  if (reason) console.error(`Gatehouse web console: cannot use the data folder ${dataDir}: ${reason}.`);
  else if (error instanceof CoreStartError && error.isFolderProblem) console.error(`Gatehouse web console: ${error.message}`);
  else if (error instanceof CoreStartError) console.error(`Gatehouse web console: ${error.message} (details in ${log?.file ?? 'the log'})`);
  else throw error;
}

let desktopLog: DesktopLogger | undefined;
let started: { core: CoreClient; log: DesktopLogger } | null = null;
try {
  // The same log file as the desktop app's, in the data folder's logs/ ("Show logs" gives its path); the core's lines come here too.
  desktopLog = createDesktopLogger(dataDir, { level: (process.env['GATEHOUSE_LOG_LEVEL'] as DesktopLogSettings['level'] | undefined) ?? 'info' });
  // GATEHOUSE_PUBLIC_URL: the address others use to reach the hub this console runs, when the operator knows it better than the person's choice.
  const { parent, settings } = splitDesktopPorts({
    ...createNodePorts(dataDir, desktopLog.logger, { name: 'Gatehouse', version }),
    operatorHubUrl: process.env['GATEHOUSE_PUBLIC_URL'] ?? null,
  });
  const core = await CoreClient.start({ spawn: () => forkNodeCoreHost(), ports: parent, settings, logger: desktopLog.logger });
  started = { core, log: desktopLog };
} catch (error) {
  reportStartFailure(error, desktopLog);
}
if (!started) {
  // The log is flushed first: it holds the details of a start that failed for another reason.
  await desktopLog?.close();
  process.exit(1);
}
const { core, log } = started;
const webConsole = await startWebConsole({
  rendererDir: join(root, 'out', 'renderer'),
  port,
  downloadsDir: downloadsDirOf(dataDir),
  api: {
    handlers: core.handlers,
    onEvent: (listener) => core.onEvent(listener),
    onUnexpected: (error, method) => log.logger.error({ err: error, method }, 'api call failed'),
  },
});
console.log(`Gatehouse web console: open ${webConsole.url}`);
console.log(`Data in ${dataDir}. The link works once; press Ctrl+C to stop.`);

const stop = (): void => {
  void webConsole
    .close()
    .then(() => core.close())
    .then(() => log.close())
    .then(() => process.exit(0));
};
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
