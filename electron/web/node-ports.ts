// The core's ports when it runs in plain Node behind the web console: exports
// become downloads, the token is kept in a user-only file, and notifications
// are logged (the browser shows presence itself). Exports wait in the data
// folder only until downloaded, or ten minutes (./downloads.ts).
import { join } from 'node:path';
import type { Logger } from 'pino';
import type { DesktopPorts } from '../core/desktop-ports';
import { ensurePrivateFolder } from '../../hub';
import { createFileSecretStore } from '../core/secret-store';
import { DOWNLOAD_TTL_MS, reserveDownload, resetDownloads } from './downloads';

export interface NodePortsOptions {
  /** How long an export waits to be downloaded before it is deleted (tests shorten it). */
  downloadTtlMs?: number;
}

export function createNodePorts(dataDir: string, logger: Logger, app: { name: string; version: string }, options: NodePortsOptions = {}): DesktopPorts {
  // The whole data folder is the owner's only: settings, token, replicas, the embedded hub's database.
  ensurePrivateFolder(dataDir);
  const downloadsDir = downloadsDirOf(dataDir);
  resetDownloads(downloadsDir);
  return {
    runtime: 'node',
    appName: app.name,
    appVersion: app.version,
    dataDir,
    logger,
    secrets: createFileSecretStore(join(dataDir, 'session.token'), null),
    async chooseExportTarget(suggestedName) {
      const { path, url } = reserveDownload(downloadsDir, suggestedName, options.downloadTtlMs ?? DOWNLOAD_TTL_MS);
      return { kind: 'download', path, url, fileName: suggestedName };
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
