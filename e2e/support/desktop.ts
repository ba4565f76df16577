// One "desktop" for a browser test: the real web console in front of the real
// desktop core, each desktop with its own data folder, so two browser
// contexts behave as two admin desktops sharing one hub. The core runs in a
// child process of its own, as `npm run web` and the Electron app run it
// (electron/core/process/), and a test reaches it only as the browser does:
// through `api`, the handler table the web console serves. What a hub this
// desktop runs has stored is read from its file (./local-hub-file.ts).
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import type { ApiEvent, ApiHandlers } from '../../shared/api/contract';
import type { DesktopPorts } from '../../electron/core/desktop-ports';
import { CoreClient } from '../../electron/core/process/core-client';
import { splitDesktopPorts } from '../../electron/core/process/host-settings';
import { forkNodeCoreHost } from '../../electron/core/process/node-core-host';
import { chooseTestCoreHost } from '../../electron/core/process/testing/core-host-choice';
import { createNodePorts, downloadsDirOf } from '../../electron/web/node-ports';
import type { WebConsole } from '../../electron/web/web-console';
import { startWebConsole } from '../../electron/web/web-console';

export interface Desktop {
  webConsole: WebConsole;
  dataDir: string;
  /** The API as the browser reaches it: the same handlers the web console serves. */
  api: ApiHandlers;
  onEvent(listener: (event: ApiEvent) => void): () => void;
  /** The parent's side of the core's process (its host process, to kill in a test of a crash). */
  coreProcess: CoreClient;
  stop(): Promise<void>;
}

export interface DesktopOptions {
  /** Reconnect delays: short by default; a test of "Reconnect now" makes them long. */
  syncBackoff?: { initialMs: number; maxMs: number };
}

const RENDERER = join(import.meta.dirname, '..', '..', 'out', 'renderer');

export async function startDesktop(options: DesktopOptions = {}): Promise<Desktop> {
  const dataDir = await mkdtemp(join(tmpdir(), 'gatehouse-e2e-desktop-'));
  const coreHost = chooseTestCoreHost();
  const ports: DesktopPorts = {
    ...createNodePorts(dataDir, pino({ level: 'silent' }), { name: 'Gatehouse', version: 'e2e' }),
    syncBackoff: options.syncBackoff ?? { initialMs: 100, maxMs: 500 },
    ...(coreHost.migrations ? { migrations: coreHost.migrations } : {}),
  };
  const { parent, settings } = splitDesktopPorts(ports);
  let coreProcess: CoreClient;
  try {
    coreProcess = await CoreClient.start({ spawn: () => forkNodeCoreHost(coreHost.host), ports: parent, settings, logger: ports.logger });
  } catch (error) {
    await rm(dataDir, { recursive: true, force: true });
    throw error;
  }
  const onEvent = (listener: (event: ApiEvent) => void): (() => void) => coreProcess.onEvent(listener);
  const webConsole = await startWebConsole({ rendererDir: RENDERER, downloadsDir: downloadsDirOf(dataDir), api: { handlers: coreProcess.handlers, onEvent } });
  return {
    webConsole,
    dataDir,
    api: coreProcess.handlers,
    onEvent,
    coreProcess,
    async stop() {
      await webConsole.close();
      await coreProcess.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
