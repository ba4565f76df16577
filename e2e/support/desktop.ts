// One "desktop" for a browser test: the real desktop core and web console in
// this process, each with its own data folder, so two browser contexts behave
// as two admin desktops sharing one hub.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { createApiHandlers } from '../../electron/core/api/handlers';
import { DesktopCore } from '../../electron/core/desktop-core';
import { createNodePorts, downloadsDirOf } from '../../electron/web/node-ports';
import type { WebConsole } from '../../electron/web/web-console';
import { startWebConsole } from '../../electron/web/web-console';

export interface Desktop {
  core: DesktopCore;
  webConsole: WebConsole;
  dataDir: string;
  stop(): Promise<void>;
}

const RENDERER = join(import.meta.dirname, '..', '..', 'out', 'renderer');

/** Reconnect delays: short by default; a test of "Reconnect now" makes them long. */
export async function startDesktop(options: { syncBackoff?: { initialMs: number; maxMs: number } } = {}): Promise<Desktop> {
  const dataDir = await mkdtemp(join(tmpdir(), 'gatehouse-e2e-desktop-'));
  const ports = {
    ...createNodePorts(dataDir, pino({ level: 'silent' }), { name: 'Gatehouse', version: 'e2e' }),
    syncBackoff: options.syncBackoff ?? { initialMs: 100, maxMs: 500 },
  };
  const core = new DesktopCore(ports);
  await core.init();
  const webConsole = await startWebConsole({
    rendererDir: RENDERER,
    downloadsDir: downloadsDirOf(dataDir),
    api: { handlers: createApiHandlers(core, { name: 'Gatehouse', version: 'e2e', runtime: 'node' }), onEvent: (listener) => core.onEvent(listener) },
  });
  return {
    core,
    webConsole,
    dataDir,
    async stop() {
      await webConsole.close();
      await core.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
