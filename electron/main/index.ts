// Electron entry point: the thin layer that only Electron can run. The core
// (replica, sync, hub, export) is plain Node in electron/core, run for real by
// the tests and by the web console.
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BrowserWindow } from 'electron';
import { app } from 'electron';
import { createApiHandlers } from '../core/api/handlers';
import { inviteLinkInArgs, parseInviteLink } from '../core/deep-link';
import { DesktopCore } from '../core/desktop-core';
import { createDesktopLogger } from '../core/logging/desktop-logger';
import { registerIpcApi, sendApiEvent } from './api/register-ipc';
import { appPaths } from './app-paths';
import { createElectronPorts } from './electron-ports';
import { GatehouseTray } from './tray';
import { createMainWindow, rendererLocation } from './window/main-window';
import { denyAllPermissions } from './window/security';

// Tests (and people who keep several profiles) can point the app at another data folder.
if (process.env['GATEHOUSE_USER_DATA']) app.setPath('userData', process.env['GATEHOUSE_USER_DATA']);
const paths = appPaths({ isPackaged: app.isPackaged, resourcesPath: process.resourcesPath, mainDir: dirname(fileURLToPath(import.meta.url)) });

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  // Logs go to <data folder>/logs (a packaged app has no terminal); "Show logs" in the account menu opens it.
  // Only the first instance writes them: a second one hands its link over and quits.
  const desktopLog = createDesktopLogger(app.getPath('userData'));
  const logger = desktopLog.logger;
  const location = rendererLocation(process.env['ELECTRON_RENDERER_URL'], paths.outDir);
  let window: BrowserWindow | undefined;
  let core: DesktopCore | undefined;
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
    core = new DesktopCore(createElectronPorts(logger, () => window, paths.migrations.root));
    const handlers = createApiHandlers(core, { name: app.getName(), version: app.getVersion(), runtime: 'electron' });
    registerIpcApi(handlers, location.isAppUrl, (error, method) => logger.error({ err: error, method }, 'api call failed'));
    const tray = new GatehouseTray(paths.iconsDir, showWindow, () => app.quit());
    core.onEvent((event) => {
      if (event.name === 'connection.changed') tray.update(event.payload);
      sendApiEvent(window?.webContents, event);
    });
    await core.init();
    showWindow();
    if (pendingInvite) {
      const invite = pendingInvite;
      pendingInvite = null;
      window?.webContents.once('did-finish-load', () => core?.invitationOpened(invite.hubUrl, invite.token));
    }
    app.on('activate', showWindow);
    app.on('before-quit', () => {
      tray.destroy();
      void core?.close().finally(() => desktopLog.close());
    });
  });

  // The tray keeps Gatehouse running for presence notifications; Quit is in its menu.
  app.on('window-all-closed', () => undefined);
}
