// The core's ports in Electron: the native save-as dialog (D3), native
// notifications (D2), the browser for external links, and safeStorage for the
// session token (only where the OS really protects it: ./secret-storage.ts).
// The core runs in a utility process: index.ts keeps the half of these ports
// that needs this process (dialogs, notifications, shell, the token) and
// tells the core the rest when it starts (splitDesktopPorts).
import { join } from 'node:path';
import { app, dialog, Notification, safeStorage, shell } from 'electron';
import type { BrowserWindow } from 'electron';
import type { Logger } from 'pino';
import { ensurePrivateFolder } from '../../hub';
import type { DesktopPorts } from '../core/desktop-ports';
import { createFileSecretStore } from '../core/secret-store';
import { secretStorageKind } from './secret-storage';
import { isExternalWebLink } from './window/security';

export function createElectronPorts(logger: Logger, window: () => BrowserWindow | undefined, migrationsRoot: string): DesktopPorts {
  const dataDir = app.getPath('userData');
  // Settings, token, replicas and the embedded hub's database live here: the owner's only.
  ensurePrivateFolder(dataDir);
  const { kind, whyPlaintext } = secretStorageKind({
    platform: process.platform,
    isEncryptionAvailable: safeStorage.isEncryptionAvailable(),
    linuxBackend: process.platform === 'linux' ? safeStorage.getSelectedStorageBackend() : null,
  });
  if (whyPlaintext) logger.warn({ reason: whyPlaintext }, 'no OS secret store: the session token is kept in a file readable only by this user');
  const cipher = kind === 'os' ? { encrypt: (plain: string) => safeStorage.encryptString(plain), decrypt: (sealed: Buffer) => safeStorage.decryptString(sealed) } : null;
  return {
    runtime: 'electron',
    appName: app.getName(),
    appVersion: app.getVersion(),
    dataDir,
    logger,
    secrets: createFileSecretStore(join(dataDir, 'session.token'), cipher),
    migrations: { hub: join(migrationsRoot, 'hub'), replica: join(migrationsRoot, 'replica') },
    // The address others use to reach the hub this app runs, when the operator sets it (wins over the person's choice).
    operatorHubUrl: process.env['GATEHOUSE_PUBLIC_URL'] ?? null,
    async chooseExportTarget(suggestedName) {
      const options = {
        title: 'Export members',
        defaultPath: join(app.getPath('documents'), suggestedName),
        filters: [{ name: 'CSV (comma-separated values)', extensions: ['csv'] }],
      };
      const parent = window();
      const result = parent ? await dialog.showSaveDialog(parent, options) : await dialog.showSaveDialog(options);
      return result.canceled || !result.filePath ? null : { kind: 'file', path: result.filePath };
    },
    notify(title, body) {
      if (Notification.isSupported()) new Notification({ title, body, silent: false }).show();
    },
    /** shell.openPath answers with an error message, or '' once the folder is shown. */
    async showFolder(path) {
      return (await shell.openPath(path)) === '';
    },
    async openExternal(url) {
      if (isExternalWebLink(url)) await shell.openExternal(url);
    },
  };
}
