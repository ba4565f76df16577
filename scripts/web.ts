// `npm run web`: the app in a browser, for machines where Electron cannot run.
// The same core as the desktop app (replica, sync client, embedded hub) runs
// here in Node, and the built renderer talks to it over the web transport.
import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { createApiHandlers } from '../electron/core/api/handlers';
import { DesktopCore } from '../electron/core/desktop-core';
import { createNodePorts, downloadsDirOf } from '../electron/web/node-ports';
import { startWebConsole } from '../electron/web/web-console';

const root = join(import.meta.dirname, '..');
const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string };
const dataDir = process.env['GATEHOUSE_DATA_DIR'] ?? join(homedir(), '.gatehouse', 'web-console');
const port = Number(process.env['GATEHOUSE_WEB_PORT'] ?? 0);
const logger = pino({ name: 'gatehouse-web', level: process.env['GATEHOUSE_LOG_LEVEL'] ?? 'warn' });

const core = new DesktopCore(createNodePorts(dataDir, logger, { name: 'Gatehouse', version }));
await core.init();
const webConsole = await startWebConsole({
  rendererDir: join(root, 'out', 'renderer'),
  port,
  downloadsDir: downloadsDirOf(dataDir),
  api: {
    handlers: createApiHandlers(core, { name: 'Gatehouse', version, runtime: 'node' }),
    onEvent: (listener) => core.onEvent(listener),
    onUnexpected: (error, method) => logger.error({ err: error, method }, 'api call failed'),
  },
});
console.log(`Gatehouse web console: open ${webConsole.url}`);
console.log(`Data in ${dataDir}. The link works once; press Ctrl+C to stop.`);

const stop = (): void => {
  void webConsole
    .close()
    .then(() => core.close())
    .then(() => process.exit(0));
};
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
