// Electron entry point: the thin layer that only Electron can run. It keeps
// the window, the tray, dialogs, notifications, safeStorage and the IPC
// routing; the core (replica, sync, hub, export) is plain Node in
// electron/core, run in a utility process of its own (core-host.js) so that
// a large sync never holds this process, and reached through CoreClient: the
// same handler table and events the web console serves from its child process.
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BrowserWindow } from 'electron';
import { app, dialog } from 'electron';
import { inviteLinkInArgs, parseInviteLink } from '../core/deep-link';
import { createDesktopLogger } from '../core/logging/desktop-logger';
import { CoreClient } from '../core/process/core-client';
import { splitDesktopPorts } from '../core/process/host-settings';
import { registerIpcApi, sendApiEvent } from './api/register-ipc';
import { forkUtilityCoreHost } from './api/utility-core-host';
import { appPaths } from './app-paths';
import { createElectronPorts } from './electron-ports';
import { GatehouseTray } from './tray';
import { createMainWindow, rendererLocation } from './window/main-window';
import { denyAllPermissions } from './window/security';

// Tests (and people who keep several profiles) can point the app at another data folder.
if (process.env['GATEHOUSE_USER_DATA']) app.setPath('userData', process.env['GATEHOUSE_USER_DATA']);
const mainDir = dirname(fileURLToPath(import.meta.url));
const paths = appPaths({ isPackaged: app.isPackaged, resourcesPath: process.resourcesPath, mainDir });

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  // Logs go to <data folder>/logs (a packaged app has no terminal); "Show logs" in the account menu opens it.
  // Only the first instance writes them (the core's lines come here too): a second one hands its link over and quits.
  const desktopLog = createDesktopLogger(app.getPath('userData'));
  const logger = desktopLog.logger;
  const location = rendererLocation(process.env['ELECTRON_RENDERER_URL'], paths.outDir);
  let window: BrowserWindow | undefined;
  let core: CoreClient | undefined;
  let pendingInvite = inviteLinkInArgs(process.argv);

  const showWindow = (): void => {
    if (!window) {
      const created = createMainWindow(location, paths.outDir, paths.windowIcon);
      created.once('closed', () => (window = undefined));
      window = created;
    }
    if (window.isMinimized()) window.restore();
    window.show();
    window.focus();
  };

  const openInvite = (link: string | null): void => {
    const invite = link ? parseInviteLink(link) : null;
    if (!invite) return;
    if (core) core.invitationOpened(invite.hubUrl, invite.token);
    else pendingInvite = invite;
    showWindow();
  };

  app.setAsDefaultProtocolClient('gatehouse');
  app.on('second-instance', (_event, argv) => {
    showWindow();
    const invite = inviteLinkInArgs(argv);
    if (invite) core?.invitationOpened(invite.hubUrl, invite.token);
  });
  app.on('open-url', (event, url) => {
    event.preventDefault();
    openInvite(url);
  });
  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-attach-webview', (event) => event.preventDefault());
  });

  void app.whenReady().then(async () => {
    denyAllPermissions();
    // The ports that need this process (dialogs, notifications, shell, safeStorage) stay here; the rest is told to the core at start.
    const { parent, settings } = splitDesktopPorts(createElectronPorts(logger, () => window, paths.migrations.root));
    try {
      core = await CoreClient.start({ spawn: () => forkUtilityCoreHost(paths.coreHost), ports: parent, settings, logger });
    } catch (error) {
      logger.error({ err: error }, 'the core could not start');
      dialog.showErrorBox('Gatehouse cannot start', `${error instanceof Error ? error.message : String(error)}\n\nThe log is in ${desktopLog.file}.`);
      await desktopLog.close();
      app.exit(1);
      return;
    }
    const running = core;
    registerIpcApi(running.handlers, location.isAppUrl, (error, method) => logger.error({ err: error, method }, 'api call failed'));
    const tray = new GatehouseTray(paths.iconsDir, showWindow, () => app.quit());
    running.onEvent((event) => {
      if (event.name === 'connection.changed') tray.update(event.payload);
      sendApiEvent(window?.webContents, event);
    });
    showWindow();
    if (pendingInvite) {
      const invite = pendingInvite;
      pendingInvite = null;
      window?.webContents.once('did-finish-load', () => running.invitationOpened(invite.hubUrl, invite.token));
    }
    app.on('activate', showWindow);
    // Quitting waits for the core to close (its local hub, its replica) before the app exits.
    let isClosed = false;
    let isClosing = false;
    app.on('before-quit', (event) => {
      if (isClosed) return;
      event.preventDefault();
      if (isClosing) return;
      isClosing = true;
      tray.destroy();
      void running
        .close()
        .finally(() => desktopLog.close())
        .finally(() => {
          isClosed = true;
          app.quit();
        });
    });
  });

  // The tray keeps Gatehouse running for presence notifications; Quit is in its menu.
  app.on('window-all-closed', () => undefined);
}
