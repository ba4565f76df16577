// The core's ports when it runs in plain Node behind the web console: exports
// become downloads, the token is kept in a user-only file, and notifications
// are logged (the browser shows presence itself).
import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Logger } from 'pino';
import type { DesktopPorts } from '../core/desktop-ports';
import { createFileSecretStore } from '../core/secret-store';

export function createNodePorts(dataDir: string, logger: Logger, app: { name: string; version: string }): DesktopPorts {
  const downloadsDir = downloadsDirOf(dataDir);
  return {
    runtime: 'node',
    appName: app.name,
    appVersion: app.version,
    dataDir,
    logger,
    secrets: createFileSecretStore(join(dataDir, 'session.token'), null),
    async chooseExportTarget(suggestedName) {
      const folder = randomBytes(16).toString('hex');
      mkdirSync(join(downloadsDir, folder), { recursive: true });
      return { kind: 'download', path: join(downloadsDir, folder, suggestedName), url: `/downloads/${folder}/${encodeURIComponent(suggestedName)}`, fileName: suggestedName };
    },
    notify(title, body) {
      logger.info({ title, body }, 'notification');
    },
    async openExternal(url) {
      logger.info({ url }, 'external link requested');
    },
  };
}

export function downloadsDirOf(dataDir: string): string {
  return join(dataDir, 'downloads');
}
