// Electron entry point: the thin layer that only Electron can run. Everything
// with logic in it lives in plain modules that the tests run under Node.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, BrowserWindow } from 'electron';
import { createApiHandlers } from './api/handlers';
import { registerIpcApi } from './api/register-ipc';
import { createMainWindow, rendererLocation } from './window/main-window';
import { denyAllPermissions } from './window/security';

const outDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const iconPath = join(outDir, '..', 'resources', 'icon.png');

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  const location = rendererLocation(process.env['ELECTRON_RENDERER_URL'], outDir);

  app.on('second-instance', () => {
    const [window] = BrowserWindow.getAllWindows();
    if (window?.isMinimized()) window.restore();
    window?.focus();
  });

  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-attach-webview', (event) => event.preventDefault());
  });

  void app.whenReady().then(() => {
    denyAllPermissions();
    registerIpcApi(createApiHandlers({ name: app.getName(), version: app.getVersion(), runtime: 'electron' }), location.isAppUrl);
    createMainWindow(location, outDir, iconPath);
    app.on('activate', () => {
      if (BrowserWindow.getAllWindows().length === 0) createMainWindow(location, outDir, iconPath);
    });
  });

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
}
