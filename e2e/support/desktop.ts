// One "desktop" for a browser test: the real desktop core and web console,
// each with its own data folder, so two browser contexts behave as two admin
// desktops sharing one hub. The core runs in this process by default (tests
// reach it as `desktop.core`); with `isCoreInChildProcess` it runs in a child
// process, as `npm run web` and the Electron app run it
// (electron/core/process/), and tests reach it only through `desktop.api`,
// the handler table the web console serves, which both kinds have.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import type { ApiEvent, ApiHandlers } from '../../shared/api/contract';
import { createApiHandlers } from '../../electron/core/api/handlers';
import { DesktopCore } from '../../electron/core/desktop-core';
import type { DesktopPorts } from '../../electron/core/desktop-ports';
import { CoreClient } from '../../electron/core/process/core-client';
import { splitDesktopPorts } from '../../electron/core/process/host-settings';
import { forkNodeCoreHost } from '../../electron/core/process/node-core-host';
import { createNodePorts, downloadsDirOf } from '../../electron/web/node-ports';
import type { WebConsole } from '../../electron/web/web-console';
import { startWebConsole } from '../../electron/web/web-console';

interface DesktopBase {
  webConsole: WebConsole;
  dataDir: string;
  /** The API as the browser reaches it (the same handlers the web console serves), whichever process the core is in. */
  api: ApiHandlers;
  onEvent(listener: (event: ApiEvent) => void): () => void;
  stop(): Promise<void>;
}

/** The core in this process. */
export interface Desktop extends DesktopBase {
  core: DesktopCore;
}

/** The core in a child process. */
export interface ChildProcessDesktop extends DesktopBase {
  coreProcess: CoreClient;
}

export interface DesktopOptions {
  /** Reconnect delays: short by default; a test of "Reconnect now" makes them long. */
  syncBackoff?: { initialMs: number; maxMs: number };
  /** Run the core in a child process, as the web console and the Electron app do. */
  isCoreInChildProcess?: boolean;
}

const RENDERER = join(import.meta.dirname, '..', '..', 'out', 'renderer');
const FACTS = { name: 'Gatehouse', version: 'e2e', runtime: 'node' } as const;

export function startDesktop(options?: DesktopOptions & { isCoreInChildProcess?: false }): Promise<Desktop>;
export function startDesktop(options: DesktopOptions & { isCoreInChildProcess: true }): Promise<ChildProcessDesktop>;
export async function startDesktop(options: DesktopOptions = {}): Promise<Desktop | ChildProcessDesktop> {
  const dataDir = await mkdtemp(join(tmpdir(), 'gatehouse-e2e-desktop-'));
  const ports: DesktopPorts = {
    ...createNodePorts(dataDir, pino({ level: 'silent' }), { name: FACTS.name, version: FACTS.version }),
    syncBackoff: options.syncBackoff ?? { initialMs: 100, maxMs: 500 },
  };
  const running = options.isCoreInChildProcess ? await coreInChildProcess(ports) : await coreInThisProcess(ports);
  const webConsole = await startWebConsole({ rendererDir: RENDERER, downloadsDir: downloadsDirOf(dataDir), api: running });
  return {
    ...running.exposed,
    webConsole,
    dataDir,
    api: running.handlers,
    onEvent: running.onEvent,
    async stop() {
      await webConsole.close();
      await running.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

interface RunningCore<Exposed> {
  handlers: ApiHandlers;
  onEvent(listener: (event: ApiEvent) => void): () => void;
  close(): Promise<void>;
  exposed: Exposed;
}

async function coreInThisProcess(ports: DesktopPorts): Promise<RunningCore<{ core: DesktopCore }>> {
  const core = new DesktopCore(ports);
  await core.init();
  return { handlers: createApiHandlers(core, FACTS), onEvent: (listener) => core.onEvent(listener), close: () => core.close(), exposed: { core } };
}

async function coreInChildProcess(ports: DesktopPorts): Promise<RunningCore<{ coreProcess: CoreClient }>> {
  const { parent, settings } = splitDesktopPorts(ports);
  const coreProcess = await CoreClient.start({ spawn: () => forkNodeCoreHost(), ports: parent, settings, logger: ports.logger });
  return { handlers: coreProcess.handlers, onEvent: (listener) => coreProcess.onEvent(listener), close: () => coreProcess.close(), exposed: { coreProcess } };
}
