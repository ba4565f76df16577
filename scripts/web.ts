// `npm run web`: the app in a browser, for machines where Electron cannot run.
import { join } from 'node:path';
import { startWebConsole } from '../electron/web/web-console';

const rendererDir = join(import.meta.dirname, '..', 'out', 'renderer');
const port = Number(process.env['GATEHOUSE_WEB_PORT'] ?? 0);

const webConsole = await startWebConsole({ rendererDir, port });
console.log(`Gatehouse web console: open ${webConsole.url}`);
console.log('The link works once; press Ctrl+C to stop.');

const stop = (): void => {
  void webConsole.close().then(() => process.exit(0));
};
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
